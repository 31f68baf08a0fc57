/**
 * Where Ditio lives. The credential builds its token-URL expression from this table and the
 * transport builds the API base URL from it, so a host is written down exactly once.
 * The production API host is unconfirmed for some customers (integration.ditio.no in Ditio's
 * samples; docs/ditio-api.md, Hosts), which is why `custom` exists rather than a code change.
 */
export const DITIO_ENVIRONMENTS = {
	test: {
		apiBaseUrl: 'https://core-api.ditio.dev/core',
		tokenUrl: 'https://identity.ditio.dev/connect/token',
		reportingBaseUrl: 'https://core-api.ditio.dev/reporting',
	},
	production: {
		apiBaseUrl: 'https://core-api.ditio.app/core',
		tokenUrl: 'https://identity.ditio.app/connect/token',
		reportingBaseUrl: 'https://core-api.ditio.app/reporting',
	},
} as const;

export type DitioEnvironment = keyof typeof DITIO_ENVIRONMENTS | 'custom';

export const DITIO_SCOPE = 'ditioapiv3';
/** Ditio's Data Extraction API (the change feed); asked for only when the credential opts in. */
export const REPORTING_SCOPE = 'reportingapiv1';

/** The credential fields the node reads; n8n adds the OAuth2 ones. */
export interface DitioCredentialFields {
	environment?: DitioEnvironment;
	baseUrl?: string;
	tokenUrl?: string;
	companyId?: string;
	/** The credential's "Data Extraction API" option: the token carries REPORTING_SCOPE too. */
	reportingApi?: boolean;
	reportingBaseUrl?: string;
}

export function apiBaseUrlOf(credentials: DitioCredentialFields): string {
	const environment = credentials.environment ?? 'test';
	const url =
		environment === 'custom' ? String(credentials.baseUrl ?? '') : DITIO_ENVIRONMENTS[environment].apiBaseUrl;
	return url.replace(/\/+$/, '');
}

/** Base URL of the Data Extraction API, or undefined when the credential does not opt in. */
export function reportingBaseUrlOf(credentials: DitioCredentialFields): string | undefined {
	if (credentials.reportingApi !== true) return undefined;
	const environment = credentials.environment ?? 'test';
	const url =
		environment === 'custom' ? String(credentials.reportingBaseUrl ?? '') : DITIO_ENVIRONMENTS[environment].reportingBaseUrl;
	return url.replace(/\/+$/, '');
}
