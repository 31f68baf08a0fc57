import type { IHttpRequestMethods } from 'n8n-workflow';

/** What the user sets under Options; defaults chosen for a nightly run nobody watches. */
export interface RetryPolicy {
	/** Further tries after a lost answer (5xx, broken connection, timeout); 0 switches them off. */
	maxRetries: number;
	/** Ceiling of one wait, so a long backoff cannot stall a run for hours. */
	maxDelayMs: number;
	baseDelayMs: number;
	/**
	 * How long one request may keep being refused with 429 (from its first refusal) before it
	 * fails. A rate limit is a speed, not a failure: it is bounded by time, not by a count.
	 */
	rateLimitWaitMs: number;
}

export const DEFAULT_RATE_LIMIT_WAIT_MS = 10 * 60_000;

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, maxDelayMs: 60_000, baseDelayMs: 500, rateLimitWaitMs: DEFAULT_RATE_LIMIT_WAIT_MS };

/** Answers that say "try again later": a gateway or service in trouble (429 is handled on its own). */
const RETRY_STATUSES = new Set([502, 503, 504]);

/** Failures where the connection broke; whether the request arrived is unknown. */
const RETRY_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'EAI_AGAIN']);

/**
 * GET, HEAD, PUT, PATCH and DELETE can be repeated without harm. A POST only where the caller knows
 * it is idempotent (projects, by number) or has checked that the first try did not land.
 */
export const REPEATABLE_METHODS = new Set<IHttpRequestMethods>(['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

export interface FailureFacts {
	status?: number;
	code?: string;
	retryAfter?: unknown;
}

/**
 * 429 ("Rate limit exceeded", docs/ditio-api.md): Ditio refused the request before doing anything,
 * so sending it again is always safe. Retry-After is not documented there; it is honoured when sent.
 */
export function isRateLimited(facts: FailureFacts): boolean {
	return facts.status === 429;
}

/** A lost or failed answer worth another try, where the request may or may not have landed. */
export function isTransient(facts: FailureFacts): boolean {
	if (facts.status !== undefined) return RETRY_STATUSES.has(facts.status);
	return facts.code !== undefined && RETRY_CODES.has(facts.code);
}

/** Seconds or an HTTP date, as RFC 9110 allows; anything else is ignored. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	if (Array.isArray(header)) header = header[0];
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Truncated exponential backoff with full jitter (a random wait up to base × 2^attempt, at most the ceiling). */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

/** Exponential backoff with full jitter; Retry-After wins when Ditio sends it. */
export function delayBeforeRetry(attempt: number, policy: RetryPolicy, retryAfter: unknown, random = Math.random, now = Date.now()): number {
	const asked = retryAfterMs(retryAfter, now);
	return Math.min(policy.maxDelayMs, asked ?? backoffMs(attempt, policy, random));
}

export type RateLimitStep = { wait: number } | { giveUp: 'budget' | 'retryAfter'; askedMs?: number };

/**
 * After the 429 number `refusals` (0 = the first) of one request, `waitedMs` after its first:
 * how long to wait before the next try, or why not to try again. Retry-After is honoured; a wait
 * that would pass the budget is not begun, so a run never waits longer than its user allowed.
 */
export function afterRateLimit(
	refusals: number,
	waitedMs: number,
	policy: RetryPolicy,
	retryAfter: unknown,
	random = Math.random,
	now = Date.now(),
): RateLimitStep {
	const left = policy.rateLimitWaitMs - waitedMs;
	if (left <= 0) return { giveUp: 'budget' };
	const asked = retryAfterMs(retryAfter, now);
	if (asked !== undefined) return asked <= left ? { wait: asked } : { giveUp: 'retryAfter', askedMs: asked };
	return { wait: Math.min(left, backoffMs(refusals, policy, random)) };
}
