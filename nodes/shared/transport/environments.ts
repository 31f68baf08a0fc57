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
	},
	production: {
		apiBaseUrl: 'https://core-api.ditio.app/core',
		tokenUrl: 'https://identity.ditio.app/connect/token',
	},
} as const;

export type DitioEnvironment = keyof typeof DITIO_ENVIRONMENTS | 'custom';

export const DITIO_SCOPE = 'ditioapiv3';

/** The credential fields the node reads; n8n adds the OAuth2 ones. */
export interface DitioCredentialFields {
	environment?: DitioEnvironment;
	baseUrl?: string;
	tokenUrl?: string;
	companyId?: string;
}

export function apiBaseUrlOf(credentials: DitioCredentialFields): string {
	const environment = credentials.environment ?? 'test';
	const url =
		environment === 'custom' ? String(credentials.baseUrl ?? '') : DITIO_ENVIRONMENTS[environment].apiBaseUrl;
	return url.replace(/\/+$/, '');
}
