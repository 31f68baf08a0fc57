import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { apiBaseUrlOf, type DitioCredentialFields } from './environments';
import { toDitioError } from './errors';
import { integrationPath } from './paths';

export const CREDENTIAL_TYPE = 'ditioOAuth2Api';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface RequestOptions {
	body?: IDataObject;
	/** The item the request is made for, so its error points at it. */
	itemIndex?: number;
}

export interface DitioClient {
	/** The credential's company, used when an item does not name its own. */
	readonly companyId: string | undefined;
	request<T = unknown>(method: IHttpRequestMethods, segments: readonly string[], options?: RequestOptions): Promise<T>;
}

/**
 * The only way from this package to the network. One client per execution: it reads the
 * credential once; the token itself is fetched, stored and renewed by n8n.
 */
export async function ditioClient(context: Context): Promise<DitioClient> {
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as DitioCredentialFields;
	const baseUrl = apiBaseUrlOf(credentials);
	const companyId = String(credentials.companyId ?? '').trim() || undefined;
	const node = context.getNode();

	return {
		companyId,
		async request<T>(method: IHttpRequestMethods, segments: readonly string[], options: RequestOptions = {}) {
			const path = integrationPath(segments);
			try {
				return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
					method,
					url: baseUrl + path,
					body: options.body,
					json: true,
				})) as T;
			} catch (error) {
				throw toDitioError(node, error, { method, path, itemIndex: options.itemIndex, baseUrl });
			}
		},
	};
}
