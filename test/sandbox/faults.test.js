// @ts-check
'use strict';
const { startSandbox, DEMO_COMPANY_ID } = require('../../sandbox/server');
const { getToken, call, client, apiPath, tokenRequest } = require('./helpers');
const { DEMO_CLIENT } = require('../../sandbox/server');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {ReturnType<typeof client>} */
let api;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	api = client(sb, await getToken(sb));
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.reset('demo');
	sb.setLatency(0);
});

const projects = apiPath('projects');
const newProject = { companyId: DEMO_COMPANY_ID, projectNumber: 'P-FAULT' };

describe('injected faults', () => {
	test('429 with a Ditio body and Retry-After, for `count` requests, then normal answers', async () => {
		sb.injectFaults([{ status: 429, retryAfter: 2, count: 2 }]);
		for (let i = 0; i < 2; i++) {
			const res = await api.get(projects);
			expect(res.status).toBe(429);
			expect(res.body).toEqual({ error: 'TooManyRequests', message: 'Rate limit exceeded' });
			expect(res.headers.get('retry-after')).toBe('2');
		}
		expect((await api.get(projects)).status).toBe(200);
	});

	test.each([500, 502, 503, 504])('%i answers a ServerError body, and the request is not processed', async (status) => {
		sb.injectFaults([{ status, count: 1 }]);
		const res = await api.post(projects, newProject);
		expect(res).toMatchObject({ status, body: { error: 'ServerError', message: expect.any(String) } });
		expect(res.headers.get('retry-after')).toBeNull();
		expect(sb.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-FAULT')).toBeUndefined();
	});

	test('a custom body; `after` skips matching requests; method and pathIncludes narrow the match', async () => {
		sb.injectFaults([{ status: 503, body: { error: 'Maintenance', message: 'Vedlikehold' }, after: 1, method: 'POST', pathIncludes: 'tasks' }]);
		expect((await api.post(projects, newProject)).status).toBe(201); // other path
		const task = { companyId: DEMO_COMPANY_ID, projectId: sb.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-FAULT')?.id, externalId: 'A' };
		expect((await api.get(apiPath('tasks', 'by-production-code', 'x'))).status).toBe(200); // other method
		expect((await api.post(apiPath('tasks'), task)).status).toBe(201); // skipped by `after`
		const faulted = await api.post(apiPath('tasks'), { ...task, externalId: 'B' });
		expect(faulted).toMatchObject({ status: 503, body: { error: 'Maintenance', message: 'Vedlikehold' } });
		expect((await api.post(apiPath('tasks'), { ...task, externalId: 'B' })).status).toBe(201);
	});

	test('pathIncludes also matches the decoded path', async () => {
		sb.injectFaults([{ status: 500, pathIncludes: 'P/2026/Æ' }]);
		expect((await api.get(apiPath('projects', 'by-project-number', 'P/2026/Æ-01'))).status).toBe(500);
	});

	test('API faults leave the token endpoint alone; tokenEndpoint: true faults only it', async () => {
		const form = { grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };
		sb.injectFaults([{ status: 500, count: 1 }]);
		expect((await tokenRequest(sb, form)).status).toBe(200);
		sb.clearFaults();
		sb.injectFaults([{ status: 503, tokenEndpoint: true, count: 1 }]);
		expect((await api.get(projects)).status).toBe(200);
		expect((await tokenRequest(sb, form)).status).toBe(503);
		expect((await tokenRequest(sb, form)).status).toBe(200);
	});

	test('reset destroys the socket: the client sees a network error and nothing was written', async () => {
		sb.injectFaults([{ reset: true, method: 'POST' }]);
		await expect(api.post(projects, newProject)).rejects.toThrow('fetch failed');
		expect(sb.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-FAULT')).toBeUndefined();
		expect(sb.requests.at(-1)).toMatchObject({ method: 'POST', status: 'reset' });
	});

	test('reset with afterProcessing: the write lands, the client never hears', async () => {
		sb.injectFaults([{ reset: true, afterProcessing: true, method: 'POST' }]);
		await expect(api.post(projects, newProject)).rejects.toThrow('fetch failed');
		expect(sb.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-FAULT')).toBeDefined();
		expect(sb.requests.at(-1)).toMatchObject({ status: 'reset', processedStatus: 201 });
		expect((await api.post(projects, newProject)).status).toBe(200); // the retry finds it
	});

	test('hang never answers; the client gives up', async () => {
		sb.injectFaults([{ hang: true }]);
		const token = await getToken(sb);
		await expect(call(sb, 'GET', projects, { token, signal: AbortSignal.timeout(150) })).rejects.toThrow();
		expect(sb.requests.at(-1)).toMatchObject({ status: 'hang' });
		expect((await api.get(projects)).status).toBe(200);
	});

	test('close() ends hanging requests too', async () => {
		const own = await startSandbox();
		own.injectFaults([{ hang: true }]);
		const pending = fetch(`${own.url}${projects}`).then(() => 'answered', () => 'ended');
		while (own.requests.length === 0 || own.requests[0].status !== 'hang') await new Promise((r) => setTimeout(r, 5));
		await own.close();
		expect(await pending).toBe('ended');
	});

	test('invalid rules are refused', () => {
		expect(() => sb.injectFaults([{ status: 200 }])).toThrow();
		expect(() => sb.injectFaults([{ count: 1 }])).toThrow();
		expect(() => sb.injectFaults([{ status: 500, reset: true }])).toThrow();
	});
});

describe('latency', () => {
	test('delays API and token answers by latencyMs', async () => {
		sb.setLatency(120);
		let start = Date.now();
		expect((await api.get(projects)).status).toBe(200);
		expect(Date.now() - start).toBeGreaterThanOrEqual(110);
		start = Date.now();
		await getToken(sb);
		expect(Date.now() - start).toBeGreaterThanOrEqual(110);
	});
});
