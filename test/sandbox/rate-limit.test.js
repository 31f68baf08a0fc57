// @ts-check
'use strict';
const { startSandbox, DEMO_CLIENT, DEMO_COMPANY_ID } = require('../../sandbox/server');
const { RateLimit } = require('../../sandbox/rate-limit');
const { getToken, client, apiPath, call } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset('demo'));

const projects = apiPath('projects');
/** @param {ReturnType<typeof client>} api @param {number} n */
const statuses = async (api, n) => {
	const out = [];
	for (let i = 0; i < n; i++) out.push((await api.get(projects)).status);
	return out;
};

// Slow refills (one token in 5 or 10 s) keep these from depending on how fast the machine is.
describe('rate limit switch', () => {
	test('admits the burst, then refuses with a Ditio body and Retry-After (whole seconds until the next token)', async () => {
		sb.setRateLimit({ rate: 0.5, burst: 4 });
		const api = client(sb, await getToken(sb));
		expect(await statuses(api, 4)).toEqual([200, 200, 200, 200]);
		const refused = await api.get(projects);
		expect(refused.status).toBe(429);
		expect(refused.body).toEqual({ error: 'TooManyRequests', message: 'Rate limit exceeded' });
		expect(refused.headers.get('retry-after')).toBe('2');
		const logged = sb.requests.filter((r) => r.api);
		expect(logged.map((r) => Boolean(r.rateLimited))).toEqual([false, false, false, false, true]);
		expect(sb.rateLimit?.describe()).toMatchObject({ admitted: 4, refused: 1 });
	});

	test('a refused write is not processed', async () => {
		sb.setRateLimit({ rate: 0.1, burst: 1 });
		const api = client(sb, await getToken(sb));
		await api.get(projects);
		const res = await api.post(projects, { companyId: DEMO_COMPANY_ID, projectNumber: 'P-LIMITED' });
		expect(res.status).toBe(429);
		expect(sb.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-LIMITED')).toBeUndefined();
	});

	test('sustained: the bucket refills at the rate, so calls every 10 ms for 2 s at 5/s with a burst of 1 get 11 through', () => {
		const limit = new RateLimit({ rate: 5, burst: 1 });
		let admitted = 0;
		for (let t = 0; t <= 2000; t += 10) if (limit.take('k', t).admitted) admitted++;
		expect(admitted).toBe(11);
		expect(limit.take('k', 2000)).toEqual({ admitted: false, waitMs: 200 });
		expect(limit.take('other key', 2000)).toEqual({ admitted: true });
	});

	test('without Retry-After when switched so', async () => {
		sb.setRateLimit({ rate: 0.1, burst: 1, retryAfter: false });
		const api = client(sb, await getToken(sb));
		await api.get(projects);
		const refused = await api.get(projects);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBeNull();
	});

	test('per client: two tokens of one API client share a bucket; per token: each has its own', async () => {
		const first = client(sb, await getToken(sb));
		const second = client(sb, await getToken(sb));
		sb.setRateLimit({ rate: 0.1, burst: 2, per: 'client' });
		expect([...(await statuses(first, 2)), ...(await statuses(second, 1))]).toEqual([200, 200, 429]);
		sb.setRateLimit({ rate: 0.1, burst: 2, per: 'token' });
		expect([...(await statuses(first, 2)), ...(await statuses(second, 2)), ...(await statuses(first, 1))]).toEqual([200, 200, 200, 200, 429]);
	});

	test('token requests are not limited; reset() switches the limit off', async () => {
		sb.setRateLimit({ rate: 1 });
		for (let i = 0; i < 3; i++) await getToken(sb, DEMO_CLIENT);
		sb.reset('demo');
		expect(sb.rateLimit).toBeUndefined();
	});

	test('over HTTP: POST, GET and DELETE /__sandbox/rate-limit; a bad setting is refused with its reason', async () => {
		const set = await call(sb, 'POST', '/__sandbox/rate-limit', { json: { rate: 3, per: 'token', retryAfter: false } });
		expect(set.status).toBe(200);
		expect(set.body).toMatchObject({ rate: 3, burst: 3, per: 'token', retryAfter: false });
		expect((await call(sb, 'GET', '/__sandbox/rate-limit')).body).toMatchObject({ rate: 3 });
		expect((await call(sb, 'DELETE', '/__sandbox/rate-limit')).status).toBe(204);
		expect((await call(sb, 'GET', '/__sandbox/rate-limit')).body).toBeNull();
		const bad = await call(sb, 'POST', '/__sandbox/rate-limit', { json: { rate: 0 } });
		expect(bad.status).toBe(400);
		expect(bad.body.message).toMatch(/rate must be a number > 0/);
		expect((await call(sb, 'POST', '/__sandbox/rate-limit', { json: { rate: 2, per: 'company' } })).body.message).toMatch(/per must be/);
	});
});
