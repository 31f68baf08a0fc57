import { NodeApiError } from 'n8n-workflow';

import { afterRateLimit, DEFAULT_RETRY, retryAfterMs } from '../../nodes/shared/transport/retry';
import { type Answer, fakeDitio } from './support/fake-ditio';
import { VirtualClock } from './support/virtual-clock';

/** Answers in this order, then 200s. */
const inTurn = (answers: Answer[]) => () => answers.shift() ?? { status: 200, body: { id: 'made' } };
const tooMany = (retryAfter?: string): Answer => ({ status: 429, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });

describe('429 is a refusal: resent, bounded by time', () => {
	test('a work-order POST refused with 429 is sent again without the landed-check', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, inTurn([tooMany('2'), tooMany('3')]));
		const landed = jest.fn(async () => undefined);
		const made = await clock.run(client.request('POST', ['tasks'], { body: { externalId: 'WO-1' }, repeatable: landed }));
		expect(made).toEqual({ id: 'made' });
		expect(landed).not.toHaveBeenCalled();
		expect(sent.map((s) => s.status)).toEqual([429, 429, 200]);
		// Retry-After honoured to the millisecond: 2 s, then 3 s (each try takes 20 ms).
		expect(sent[1].at - sent[0].at).toBe(2020);
		expect(sent[2].at - sent[1].at).toBe(3020);
	});

	test('a POST with no repeatable at all is resent after a 429 too, but never after a lost answer', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, inTurn([tooMany('1')]));
		await clock.run(client.request('POST', ['tasks'], { body: {} }));
		expect(sent.map((s) => s.status)).toEqual([429, 200]);

		const lost = await fakeDitio(clock, inTurn([{ status: 503 }]));
		await expect(clock.run(lost.client.request('POST', ['tasks'], { body: {} }))).rejects.toThrow(/^Ditio answered 503/);
		expect(lost.sent).toHaveLength(1);
	});

	test('a lost answer (503, reset) keeps the landed-check, and what it finds is the answer', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, inTurn([{ status: 0, code: 'ECONNRESET' }]));
		const landed = jest.fn(async () => ({ id: 'found' }));
		expect(await clock.run(client.request('POST', ['tasks'], { body: {}, repeatable: landed }))).toEqual({ id: 'found' });
		expect(landed).toHaveBeenCalledTimes(1);
		expect(sent).toHaveLength(1);
	});

	test('429s do not use up the Retries count: 8 refusals in a row with Retries 1 still succeed', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, inTurn(Array.from({ length: 8 }, () => tooMany())), { retry: { maxRetries: 1 } });
		await clock.run(client.request('GET', ['projects']));
		expect(sent.filter((s) => s.status === 429)).toHaveLength(8);
	});

	test('without Retry-After the waits grow (truncated exponential backoff), and stay within the budget', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, inTurn(Array.from({ length: 12 }, () => tooMany())), {
			retry: { rateLimitWaitMs: 20_000, baseDelayMs: 500, maxDelayMs: 8000 },
		});
		const failure = await clock.run(client.request('GET', ['projects'])).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(NodeApiError);
		const gaps = sent.slice(1).map((s, i) => s.at - sent[i].at);
		// At least the pace's floor (one every 2 s) apart, then the backoff's 4 s and 8 s take over;
		// the last wait is cut to what was left of the budget.
		const grown = gaps.slice(0, -1);
		expect(grown.every((gap, i) => i === 0 || gap >= grown[i - 1])).toBe(true);
		expect(gaps[0]).toBeGreaterThanOrEqual(2000);
		expect(Math.max(...gaps)).toBeGreaterThanOrEqual(8000);
		expect(clock.time).toBeLessThanOrEqual(20_000 + 200);
	});

	test('after the wait budget the error keeps Ditio\'s words and status and says which limit and what to do', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, () => tooMany('1'), { retry: { rateLimitWaitMs: 5000 } });
		const error = (await clock.run(client.request('GET', ['projects'], { itemIndex: 3 })).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Ditio answered 429: Rate limit exceeded (TooManyRequests)');
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/rate limiting this API client/);
		expect(error.description).toMatch(/Rate Limit Wait\) is 5 s/);
		expect(error.description).toMatch(/raise Rate Limit Wait/);
		expect(error.context.itemIndex).toBe(3);
		// Tried again until the next wait would have passed five seconds from the first refusal.
		expect(sent.length).toBeGreaterThanOrEqual(3);
		expect(clock.time).toBeGreaterThan(5000 - 2100);
		expect(clock.time).toBeLessThanOrEqual(5000 + 100);
	});

	test('a Retry-After longer than the budget left fails at once instead of waiting past it', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, () => tooMany('3600'), { retry: { rateLimitWaitMs: 60_000 } });
		const error = (await clock.run(client.request('GET', ['projects'])).catch((e: unknown) => e)) as NodeApiError;
		expect(error.description).toMatch(/asked to wait 3600 s more \(Retry-After\)/);
		expect(sent).toHaveLength(1);
		expect(clock.time).toBeLessThan(1000);
	});

	test('Rate Limit Wait 0 fails at the first 429', async () => {
		const clock = new VirtualClock();
		const { client, sent } = await fakeDitio(clock, () => tooMany(), { retry: { rateLimitWaitMs: 0 } });
		await expect(clock.run(client.request('GET', ['projects']))).rejects.toThrow(/^Ditio answered 429/);
		expect(sent).toHaveLength(1);
	});
});

describe('Retry-After and the budget, as numbers', () => {
	test('Retry-After as an HTTP date is read against the clock', () => {
		const now = Date.parse('Tue, 01 Dec 2026 10:00:00 GMT');
		expect(retryAfterMs('Tue, 01 Dec 2026 10:00:07 GMT', now)).toBe(7000);
		expect(afterRateLimit(0, 0, DEFAULT_RETRY, 'Tue, 01 Dec 2026 10:00:07 GMT', Math.random, now)).toEqual({ wait: 7000 });
	});

	test('a backoff is cut to what is left of the budget; nothing left: give up', () => {
		const policy = { ...DEFAULT_RETRY, rateLimitWaitMs: 10_000 };
		expect(afterRateLimit(6, 9_000, policy, undefined, () => 1)).toEqual({ wait: 1000 });
		expect(afterRateLimit(6, 10_000, policy, undefined, () => 1)).toEqual({ giveUp: 'budget' });
		expect(afterRateLimit(0, 9_000, policy, '2', () => 1)).toEqual({ giveUp: 'retryAfter', askedMs: 2000 });
	});
});
