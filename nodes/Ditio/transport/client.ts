import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { apiBaseUrlOf, type DitioCredentialFields } from './environments';
import { failureFacts, toDitioError } from './errors';
import { AdaptiveGate } from './gate';
import { integrationPath } from './paths';
import { DEFAULT_RETRY, delayBeforeRetry, isTransient, REPEATABLE_METHODS, type RetryPolicy } from './retry';

export const CREDENTIAL_TYPE = 'ditioOAuth2Api';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface RequestOptions<T> {
	body?: IDataObject;
	/** The item the request is made for, so its error points at it. */
	itemIndex?: number;
	/**
	 * For a POST only. `true`: repeating it cannot duplicate (projects are idempotent on number).
	 * A function: asked before each retry whether the first try landed after all; what it finds
	 * is the answer, and nothing is sent again.
	 */
	repeatable?: boolean | (() => Promise<T | undefined>);
}

export interface ClientSettings {
	retry?: Partial<RetryPolicy>;
	/** Bound of one request, so a hanging answer cannot hold a nightly run. */
	timeoutMs?: number;
	/** Most requests in flight at once; the gate lowers it by itself on 429. */
	concurrency?: number;
}

export interface DitioClient {
	/** The credential's company, used when an item does not name its own. */
	readonly companyId: string | undefined;
	request<T = unknown>(method: IHttpRequestMethods, segments: readonly string[], options?: RequestOptions<T>): Promise<T>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_CONCURRENCY = 5;

/**
 * The only way from this package to the network. One client per execution: it reads the
 * credential once; the token itself is fetched, stored and renewed by n8n.
 */
export async function ditioClient(context: Context, settings: ClientSettings = {}): Promise<DitioClient> {
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as DitioCredentialFields;
	const baseUrl = apiBaseUrlOf(credentials);
	const companyId = String(credentials.companyId ?? '').trim() || undefined;
	const node = context.getNode();
	const policy: RetryPolicy = { ...DEFAULT_RETRY, ...settings.retry };
	const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const gate = new AdaptiveGate(settings.concurrency ?? DEFAULT_CONCURRENCY);

	async function request<T>(method: IHttpRequestMethods, segments: readonly string[], options: RequestOptions<T> = {}) {
		const path = integrationPath(segments);
		const repeatable = REPEATABLE_METHODS.has(method) || options.repeatable !== undefined && options.repeatable !== false;
		for (let attempt = 0; ; attempt++) {
			await gate.acquire();
			try {
				const answer = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
					method,
					url: baseUrl + path,
					body: options.body,
					json: true,
					timeout: timeoutMs,
				})) as T;
				gate.release('ok');
				return answer;
			} catch (error) {
				const facts = failureFacts(error);
				gate.release(facts.status === 429 ? 'throttled' : 'failed');
				const retry = repeatable && !facts.token && isTransient(facts) && attempt < policy.maxRetries;
				if (!retry) {
					throw toDitioError(node, error, { method, path, itemIndex: options.itemIndex, baseUrl, timeoutMs, attempts: attempt + 1 });
				}
				const wait = delayBeforeRetry(attempt, policy, facts.retryAfter);
				context.logger?.warn(
					`Ditio ${method} ${path} failed (${facts.status ?? facts.code}); try ${attempt + 2} of ${policy.maxRetries + 1} in ${Math.round(wait)} ms`,
				);
				await sleep(wait);
				if (typeof options.repeatable === 'function') {
					const landed = await options.repeatable();
					if (landed !== undefined) return landed;
				}
			}
		}
	}

	return { companyId, request };
}
