import { DEFAULT_RETRY, delayBeforeRetry, isRateLimited, isTransient, retryAfterMs } from '../../nodes/shared/transport/retry';

describe('retry policy', () => {
	test.each([502, 503, 504])('%d is worth another try', (status) => expect(isTransient({ status })).toBe(true));
	test.each([400, 401, 403, 404, 409, 500])('%d is not', (status) => expect(isTransient({ status })).toBe(false));
	test('429 is a refusal of its own kind, not a lost answer', () => {
		expect(isRateLimited({ status: 429 })).toBe(true);
		expect(isTransient({ status: 429 })).toBe(false);
		expect(isRateLimited({ status: 503 })).toBe(false);
	});
	test('a reset or timed-out connection is worth another try; a refused one is not', () => {
		expect(isTransient({ code: 'ECONNRESET' })).toBe(true);
		expect(isTransient({ code: 'ECONNABORTED' })).toBe(true);
		expect(isTransient({ code: 'ECONNREFUSED' })).toBe(false);
	});

	test('Retry-After in seconds or as a date is honoured, capped', () => {
		expect(retryAfterMs('3')).toBe(3000);
		expect(retryAfterMs('Wed, 25 Nov 2026 13:00:10 GMT', Date.parse('Wed, 25 Nov 2026 13:00:00 GMT'))).toBe(10_000);
		expect(retryAfterMs('soon')).toBeUndefined();
		expect(delayBeforeRetry(0, DEFAULT_RETRY, '2')).toBe(2000);
		expect(delayBeforeRetry(0, DEFAULT_RETRY, '86400')).toBe(DEFAULT_RETRY.maxDelayMs);
	});

	test('without Retry-After the wait grows exponentially, with jitter below the ceiling', () => {
		const atMost = (attempt: number) => delayBeforeRetry(attempt, DEFAULT_RETRY, undefined, () => 1);
		expect([0, 1, 2, 3].map(atMost)).toEqual([500, 1000, 2000, 4000]);
		expect(delayBeforeRetry(3, DEFAULT_RETRY, undefined, () => 0.25)).toBe(1000);
		expect(atMost(20)).toBe(DEFAULT_RETRY.maxDelayMs);
	});
});
