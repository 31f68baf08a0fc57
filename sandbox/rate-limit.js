// @ts-check
'use strict';
/**
 * A sustained rate limit as an API gateway keeps it: a token bucket per key (the bearer token,
 * or the API client the token belongs to) that refills at `rate` per second and holds `burst`
 * (default: one second's worth, the same as "at most R in any second"). A request that finds
 * the bucket empty is refused with 429 before anything is done; refusals take no token.
 */

/**
 * @typedef {{ rate: number, burst?: number, per?: 'token' | 'client', retryAfter?: boolean }} RateLimitSettings
 * rate: requests per second (> 0); burst: bucket size (>= 1; default max(1, rate));
 * per: 'client' (default) shares one bucket among all tokens of an API client, 'token' gives each token its own;
 * retryAfter (default true): send Retry-After with the whole seconds until the next token.
 */

/** @param {unknown} value @returns {asserts value is RateLimitSettings} */
function assertSettings(value) {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('a rate limit must be an object');
	const s = /** @type {RateLimitSettings} */ (value);
	if (!(typeof s.rate === 'number' && Number.isFinite(s.rate) && s.rate > 0)) throw new Error(`rate limit rate must be a number > 0, not ${s.rate}`);
	if (s.burst !== undefined && !(typeof s.burst === 'number' && s.burst >= 1)) throw new Error(`rate limit burst must be a number >= 1, not ${s.burst}`);
	if (s.per !== undefined && s.per !== 'token' && s.per !== 'client') throw new Error(`rate limit per must be 'token' or 'client', not ${s.per}`);
	if (s.retryAfter !== undefined && typeof s.retryAfter !== 'boolean') throw new Error('rate limit retryAfter must be true or false');
}

class RateLimit {
	/** @param {unknown} settings */
	constructor(settings) {
		assertSettings(settings);
		this.rate = settings.rate;
		this.burst = settings.burst ?? Math.max(1, settings.rate);
		this.per = settings.per ?? 'client';
		this.retryAfter = settings.retryAfter ?? true;
		/** @type {Map<string, { tokens: number, at: number }>} */
		this.buckets = new Map();
		this.admitted = 0;
		this.refused = 0;
	}

	/**
	 * Takes a token for this key at this time, or says how long until there is one.
	 * @param {string} key @param {number} now ms
	 * @returns {{ admitted: true } | { admitted: false, waitMs: number }}
	 */
	take(key, now) {
		const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
		bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.rate);
		bucket.at = now;
		this.buckets.set(key, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			this.admitted++;
			return { admitted: true };
		}
		this.refused++;
		return { admitted: false, waitMs: ((1 - bucket.tokens) / this.rate) * 1000 };
	}

	/** The answer of a refusal, in Ditio's words. @param {number} waitMs @returns {import('./errors').Reply} */
	reply(waitMs) {
		/** @type {Record<string, string>} */
		const headers = {};
		// HTTP's Retry-After carries whole seconds (RFC 9110 §10.2.3).
		if (this.retryAfter) headers['Retry-After'] = String(Math.max(1, Math.ceil(waitMs / 1000)));
		return { status: 429, headers, body: { error: 'TooManyRequests', message: 'Rate limit exceeded' } };
	}

	describe() {
		return { rate: this.rate, burst: this.burst, per: this.per, retryAfter: this.retryAfter, admitted: this.admitted, refused: this.refused };
	}
}

module.exports = { RateLimit };
