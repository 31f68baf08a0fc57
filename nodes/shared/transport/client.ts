import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { binaryAnswer, readableErrorBody } from './binary-answer';
import { apiBaseUrlOf, DITIO_SCOPE, type DitioCredentialFields, REPORTING_SCOPE, reportingBaseUrlOf } from './environments';
import { failureFacts, toDitioError } from './errors';
import type { MultipartBody } from './multipart';
import { AdaptiveGate } from './gate';
import { API_FAMILIES, type ApiFamily, apiPath, unsendableSegment } from './paths';
import { type Clock, SendRateLimiter } from './rate-limiter';
import { afterRateLimit, DEFAULT_RETRY, delayBeforeRetry, isRateLimited, isTransient, REPEATABLE_METHODS, type RetryPolicy } from './retry';

export const CREDENTIAL_TYPE = 'ditioOAuth2Api';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export type { BinaryAnswer } from './binary-answer';

/** A JSON answer with its HTTP status (RequestOptions.withStatus). */
export interface StatusAnswer<B = unknown> {
	statusCode: number;
	body: B;
}

const statusAnswer = (full: unknown): StatusAnswer => {
	const { statusCode, body } = (full ?? {}) as { statusCode?: unknown; body?: unknown };
	return { statusCode: Number(statusCode), body };
};

/** What one request needs; new kinds of body or answer are added here as optional fields. */
export interface RequestOptions<T> {
	/** A JSON object, or a JSON array for the endpoints that take many records at once (certificates). */
	body?: IDataObject | IDataObject[];
	/** Query parameters, sent as given (a document upload's section, the change feed's ModifiedSince). */
	qs?: IDataObject;
	/** A body sent as these bytes with its own Content-Type (a multipart upload), instead of `body`. */
	rawBody?: MultipartBody;
	/**
	 * The answer is a file: the request resolves to a BinaryAnswer (bytes and headers) instead of
	 * parsed JSON. Ditio's JSON error body of a refusal is still read for the message.
	 */
	binaryResponse?: boolean;
	/**
	 * The request resolves to `{ statusCode, body }` (a StatusAnswer), for endpoints whose status
	 * says what happened (an absence push: 201 created, 200 updated).
	 */
	withStatus?: boolean;
	/** The item the request is made for, so its error points at it. */
	itemIndex?: number;
	/**
	 * For a POST only. `true`: repeating it cannot duplicate (projects are idempotent on number).
	 * A function: asked before each retry whether the first try landed after all; what it finds
	 * is the answer, and nothing is sent again.
	 */
	repeatable?: boolean | (() => Promise<T | undefined>);
	/** What to tell the user for a given refusal, where the operation knows better than the status. */
	hints?: Partial<Record<number, string>>;
	/**
	 * The API family the segments belong to (paths.ts), `integration` (v4) when not given.
	 * `reporting`: Ditio's Data Extraction API (its own host), for a credential that opts in.
	 */
	base?: ApiFamily;
}

export interface ClientSettings {
	retry?: Partial<RetryPolicy>;
	/** Bound of one request, so a hanging answer cannot hold a nightly run. */
	timeoutMs?: number;
	/** Most requests in flight at once; the gate lowers it by itself on 429. */
	concurrency?: number;
	/**
	 * What to tell the user when a rate limit outlasts the wait budget, where the caller is not
	 * the Ditio node (whose Options hold Rate Limit Wait): the picker, the trigger.
	 */
	rateLimitAdvice?: string;
	/** Time and waiting; tests pass a clock of their own. */
	clock?: Clock;
	random?: () => number;
}

export interface DitioClient {
	/** The credential's company, used when an item does not name its own. */
	readonly companyId: string | undefined;
	/** Whether the credential opts in to the Data Extraction API (requests with `base: 'reporting'`). */
	readonly reporting: boolean;
	request<T = unknown>(method: IHttpRequestMethods, segments: readonly string[], options?: RequestOptions<T>): Promise<T>;
	/** A GET where 404 means "there is none" rather than a failure. */
	find<T = unknown>(segments: readonly string[], options?: RequestOptions<T>): Promise<T | undefined>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Most requests of one execution in flight at once: the one owner of the default and the bounds
 * (the node's Options → Concurrency shows them; the trigger and the picker take the default).
 */
export const CONCURRENCY = { default: 5, min: 1, max: 20 } as const;

/** A concurrency as a setting gives it, made whole and kept within bounds; the default when it is no number. */
export function boundedConcurrency(value: unknown): number {
	const n = Number(value ?? CONCURRENCY.default);
	return Number.isFinite(n) ? Math.min(CONCURRENCY.max, Math.max(CONCURRENCY.min, Math.floor(n))) : CONCURRENCY.default;
}

/** n8n's own sleep and the wall clock: the community scanner allows no timers in node code. */
const N8N_CLOCK: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** What the user reads when a rate limit outlasts the wait budget: which limit, and what to do. */
function rateLimitHint(policy: RetryPolicy, waitedMs: number, askedMs: number | undefined, advice?: string): string {
	const budget = `the wait budget${advice ? '' : ' (Options → Rate Limit Wait)'} is ${seconds(policy.rateLimitWaitMs)}`;
	const why =
		askedMs !== undefined
			? `Ditio asked to wait ${seconds(askedMs)} more (Retry-After) after ${seconds(waitedMs)} of waiting, and ${budget}.`
			: `This request was refused for ${seconds(waitedMs)}, and ${budget}.`;
	const todo = advice ?? 'raise Rate Limit Wait, run the workflow when other workflows using the same API client are not running, or ask Ditio for a higher limit';
	return `Ditio is rate limiting this API client. ${why} The node already slows down to what Ditio admits; ${todo}.`;
}

/**
 * The only way from this package to the network. One client per execution: it reads the
 * credential once; the token itself is fetched, stored and renewed by n8n.
 */
export async function ditioClient(context: Context, settings: ClientSettings = {}): Promise<DitioClient> {
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as DitioCredentialFields;
	const integrationBaseUrl = apiBaseUrlOf(credentials);
	const reportingBaseUrl = reportingBaseUrlOf(credentials);
	const scope = reportingBaseUrl === undefined ? DITIO_SCOPE : `${DITIO_SCOPE} ${REPORTING_SCOPE}`;
	const companyId = String(credentials.companyId ?? '').trim() || undefined;
	const node = context.getNode();
	const policy: RetryPolicy = { ...DEFAULT_RETRY, ...settings.retry };
	const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const clock = settings.clock ?? N8N_CLOCK;
	const random = settings.random ?? Math.random;
	// The send-rate limiter decides the pace under a rate limit: it measures what Ditio admits and
	// spaces requests to it. The gate bounds how many are in flight (Concurrency); its halving on
	// 429 only shortens the queue of requests already paced by the limiter. It stays until a bench
	// row shows it adds nothing (not yet measured).
	const gate = new AdaptiveGate(boundedConcurrency(settings.concurrency));
	const limiter = new SendRateLimiter(clock);

	async function request<T>(
		method: IHttpRequestMethods,
		segments: readonly string[],
		options: RequestOptions<T> = {},
		absentOn404: boolean,
	): Promise<T | undefined> {
		const family = options.base ?? 'integration';
		const reporting = API_FAMILIES[family].host === 'reporting';
		if (reporting && reportingBaseUrl === undefined) {
			throw new NodeOperationError(node, 'The Ditio credential does not use the Data Extraction API', {
				description: `Turn on "Use Data Extraction API (Change Feed)" in the credential (the API client needs scope ${REPORTING_SCOPE}).`,
			});
		}
		if (reporting && !reportingBaseUrl) {
			throw new NodeOperationError(node, 'Reporting API Base URL is empty in the Ditio credential', {
				description: 'With Custom URLs and the Data Extraction API on, give the base URL of the reporting API (without /v1/…).',
			});
		}
		const baseUrl = reporting ? (reportingBaseUrl as string) : integrationBaseUrl;
		const path = apiPath(family, segments);
		const unsendable = unsendableSegment(segments);
		if (unsendable !== undefined) {
			throw new NodeOperationError(node, `"${unsendable}" cannot be looked up in Ditio by URL`, {
				itemIndex: options.itemIndex,
				description:
					'Web addresses read "." and ".." as steps between folders, so the request would reach another record. Use Get Many and filter on this number instead. Nothing was sent.',
			});
		}
		const repeatable = REPEATABLE_METHODS.has(method) || (options.repeatable !== undefined && options.repeatable !== false);
		let lostAnswers = 0;
		let refusals = 0;
		let firstRefusalAt: number | undefined;
		for (let attempt = 1; ; attempt++) {
			// The gate first: a request waiting for its send slot holds its place, so slots
			// granted one by one are not spent in a burst when the gate opens.
			await gate.acquire();
			await limiter.acquire();
			const sentAt = clock.now();
			try {
				const answer = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
					method,
					url: baseUrl + path,
					body: options.body,
					json: true,
					timeout: timeoutMs,
					// Only when set: query parameters, a multipart body, a file as the answer.
					...(options.qs ? { qs: options.qs } : {}),
					...(options.rawBody ? { body: options.rawBody.data, headers: { 'Content-Type': options.rawBody.contentType } } : {}),
					...(options.binaryResponse ? { encoding: 'arraybuffer' as const, returnFullResponse: true } : {}),
					...(options.withStatus ? { returnFullResponse: true } : {}),
				})) as T;
				gate.release('ok');
				limiter.admitted();
				if (options.withStatus) return statusAnswer(answer) as T;
				return options.binaryResponse ? (binaryAnswer(answer) as T) : answer;
			} catch (thrown) {
				const error = options.binaryResponse ? readableErrorBody(thrown) : thrown;
				const facts = failureFacts(error);
				const refused = isRateLimited(facts) && !facts.token;
				gate.release(refused ? 'throttled' : 'failed');
				if (absentOn404 && facts.status === 404) return undefined;
				const fail = (hints = options.hints) =>
					toDitioError(node, error, { method, path, itemIndex: options.itemIndex, baseUrl, timeoutMs, attempts: attempt, hints, scope });

				if (refused) {
					// Refused before anything was done: any request may go again, a POST too, unchecked.
					limiter.throttled(sentAt);
					const now = clock.now();
					firstRefusalAt ??= now;
					const waited = now - firstRefusalAt;
					const step = afterRateLimit(refusals++, waited, policy, facts.retryAfter, random, now);
					if (!('wait' in step)) throw fail({ ...options.hints, 429: rateLimitHint(policy, waited, step.askedMs, settings.rateLimitAdvice) });
					context.logger?.warn(
						`Ditio ${method} ${path} rate limited (429); pace now ${limiter.rate?.toFixed(2)} requests/s, try ${attempt + 1} in ${Math.round(step.wait)} ms`,
					);
					await clock.sleep(step.wait);
					continue;
				}

				const retry = repeatable && !facts.token && isTransient(facts) && lostAnswers < policy.maxRetries;
				if (!retry) throw fail();
				const wait = delayBeforeRetry(lostAnswers++, policy, facts.retryAfter, random, clock.now());
				context.logger?.warn(
					`Ditio ${method} ${path} failed (${facts.status ?? facts.code}); try ${attempt + 1} in ${Math.round(wait)} ms (${lostAnswers} of ${policy.maxRetries} retries)`,
				);
				await clock.sleep(wait);
				// The answer was lost, not refused: the first try may have landed.
				if (typeof options.repeatable === 'function') {
					const landed = await options.repeatable();
					if (landed !== undefined) return landed;
				}
			}
		}
	}

	return {
		companyId,
		reporting: reportingBaseUrl !== undefined,
		request: async <T>(method: IHttpRequestMethods, segments: readonly string[], options?: RequestOptions<T>) =>
			(await request<T>(method, segments, options, false)) as T,
		find: async <T>(segments: readonly string[], options?: RequestOptions<T>) => await request<T>('GET', segments, options, true),
	};
}
