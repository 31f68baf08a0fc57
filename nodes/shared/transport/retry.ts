import type { IHttpRequestMethods } from 'n8n-workflow';

/** What the user sets under Options; defaults chosen for a nightly run nobody watches. */
export interface RetryPolicy {
	/** Further tries after the first; 0 switches retrying off. */
	maxRetries: number;
	/** Ceiling of one wait, so a long Retry-After cannot stall a run for hours. */
	maxDelayMs: number;
	baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, maxDelayMs: 60_000, baseDelayMs: 500 };

/** Answers that say "try again later": rate limit and a gateway or service in trouble. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Failures where the connection broke; whether the request arrived is unknown. */
const RETRY_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'EAI_AGAIN']);

/**
 * GET, PUT, PATCH and DELETE can be repeated without harm. A POST only where the caller knows
 * it is idempotent (projects, by number) or has checked that the first try did not land.
 */
export const REPEATABLE_METHODS = new Set<IHttpRequestMethods>(['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

export interface FailureFacts {
	status?: number;
	code?: string;
	retryAfter?: unknown;
}

export function isTransient(facts: FailureFacts): boolean {
	if (facts.status !== undefined) return RETRY_STATUSES.has(facts.status);
	return facts.code !== undefined && RETRY_CODES.has(facts.code);
}

/** Seconds or an HTTP date, as RFC 9110 allows; anything else is ignored. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter; Retry-After wins when Ditio sends it. */
export function delayBeforeRetry(attempt: number, policy: RetryPolicy, retryAfter: unknown, random = Math.random): number {
	const asked = retryAfterMs(retryAfter);
	const backoff = random() * policy.baseDelayMs * 2 ** attempt;
	return Math.min(policy.maxDelayMs, asked ?? backoff);
}
