/**
 * Unattended at night: what Ditio's bad moments do to a run, through the sandbox's switches.
 */
import { NodeApiError } from 'n8n-workflow';

import { byNumber, DEMO_CLIENT, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const getMany = { resource: 'project', operation: 'getAll', returnAll: true };
const { requests, apiRequests: apiCalls } = requestLog(ditio);

// Some tests here leave the stored token expired or short-lived: every test fetches its own.
beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.engine.credentialsHelper.clearToken(ditio.credentialsId);
});

describe('transient failures are retried', () => {
	test('a 429 burst with Retry-After waits as Ditio asks, then succeeds', async () => {
		ditio.sandbox.injectFaults([{ status: 429, retryAfter: 1, count: 2 }]);
		const { error, items } = await ditio.run(getMany);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		const calls = apiCalls();
		expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
		expect(calls[1].time - calls[0].time).toBeGreaterThanOrEqual(950);
		expect(calls[2].time - calls[1].time).toBeGreaterThanOrEqual(950);
	});

	test('a 429 burst without Retry-After backs off and succeeds', async () => {
		ditio.sandbox.injectFaults([{ status: 429, count: 3 }]);
		const { error } = await ditio.run(getMany);
		expect(error).toBeUndefined();
		expect(apiCalls().map((c) => c.status)).toEqual([429, 429, 429, 200]);
	});

	test('503s are retried; when they outlast the retries the error says Ditio\'s words and how often it tried', async () => {
		ditio.sandbox.injectFaults([{ status: 503, count: 2 }]);
		expect((await ditio.run(getMany)).error).toBeUndefined();

		ditio.sandbox.clearRequests();
		ditio.sandbox.injectFaults([{ status: 503, count: 10 }]);
		const { error } = await ditio.run({ ...getMany, options: { retries: 1 } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toMatch(/^Ditio answered 503/);
		expect(error!.description).toMatch(/2 tries/);
		expect(apiCalls()).toHaveLength(2);
	});

	test('Retries 0 switches retrying off', async () => {
		ditio.sandbox.injectFaults([{ status: 502, count: 1 }]);
		const { error } = await ditio.run({ ...getMany, options: { retries: 0 } });
		expect((error as NodeApiError).httpCode).toBe('502');
		expect(apiCalls()).toHaveLength(1);
	});

	test('a reset connection on a read is retried', async () => {
		ditio.sandbox.injectFaults([{ reset: true, count: 1 }]);
		const { error } = await ditio.run(getMany);
		expect(error).toBeUndefined();
		expect(apiCalls().map((c) => c.status)).toEqual(['reset', 200]);
	});

	test('a hanging answer ends after the timeout with a clear error', async () => {
		ditio.sandbox.injectFaults([{ hang: true, count: 5 }]);
		const { error } = await ditio.run({ ...getMany, options: { timeoutSeconds: 1, retries: 1 } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe('Ditio did not answer within 1 seconds');
		expect(error!.description).toMatch(/after 2 tries/);
	});
});

describe('writes are never doubled by a retry', () => {
	const createTask = (externalId: string) => ({
		resource: 'task',
		operation: 'create',
		project: byNumber('P-2026-001'),
		externalId,
		additionalFields: { name: 'Retried' },
	});
	const tasksWith = (externalId: string) =>
		[...ditio.sandbox.store.tasks.values()].filter((t: { externalId: string }) => t.externalId === externalId);

	test('a work order POST whose answer was lost is found, not sent again', async () => {
		ditio.sandbox.injectFaults([{ reset: true, afterProcessing: true, method: 'POST', count: 1 }]);
		const { error, items } = await ditio.run(createTask('WO-LOST-1'));
		expect(error).toBeUndefined();
		expect(tasksWith('WO-LOST-1')).toHaveLength(1);
		expect(items[0].json).toMatchObject({ externalId: 'WO-LOST-1', outcome: 'created' });
		expect(apiCalls().filter((c) => c.method === 'POST')).toHaveLength(1);
	});

	test('a work order POST that never arrived is sent again once', async () => {
		ditio.sandbox.injectFaults([{ status: 503, method: 'POST', count: 1 }]);
		const { error } = await ditio.run(createTask('WO-LOST-2'));
		expect(error).toBeUndefined();
		expect(tasksWith('WO-LOST-2')).toHaveLength(1);
		expect(apiCalls().filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([503, 201]);
	});

	test('Create or Update killed halfway and run again finishes the job with no duplicate', async () => {
		const rows = Array.from({ length: 6 }, (_, i) => ({ externalId: `WO-RERUN-${i}`, name: `Row ${i}` }));
		const upsert = {
			resource: 'task',
			operation: 'upsert',
			project: byNumber('P-2026-001'),
			externalId: '={{ $json.externalId }}',
			additionalFields: { name: '={{ $json.name }}' },
			// One at a time, so the crash leaves a known part of the batch unwritten.
			options: { retries: 0, concurrency: 1 },
		};
		// The "crash": the connection dies after the third write landed.
		ditio.sandbox.injectFaults([{ reset: true, afterProcessing: true, method: 'POST', after: 2, count: 1 }]);
		const first = await ditio.run(upsert, rows);
		expect(first.error).toBeInstanceOf(NodeApiError);
		const landed = rows.map((row) => tasksWith(row.externalId).length);
		expect(landed.filter((n) => n === 1).length).toBeGreaterThanOrEqual(3);
		expect(landed.filter((n) => n === 0).length).toBeGreaterThanOrEqual(1);

		ditio.sandbox.clearRequests();
		const second = await ditio.run(upsert, rows);
		expect(second.error).toBeUndefined();
		for (const row of rows) expect(tasksWith(row.externalId)).toHaveLength(1);
		// What landed before the crash is recognised; only the rest is written now.
		expect(jsonOf(second.items).map((t) => t.outcome)).toEqual(landed.map((n) => (n === 1 ? 'unchanged' : 'created')));
	});
});

describe('a token that expires in the middle of a run', () => {
	test('is renewed once and the batch goes on, every item written once', async () => {
		ditio.sandbox.setTokenLifetime(1);
		ditio.engine.credentialsHelper.clearToken(ditio.credentialsId);
		ditio.sandbox.setLatency(150);
		try {
			const rows = Array.from({ length: 12 }, (_, i) => ({ externalId: `WO-MIDRUN-${i}` }));
			const { error, items } = await ditio.run(
				{
					resource: 'task',
					operation: 'upsert',
					project: byNumber('P-2026-001'),
					externalId: '={{ $json.externalId }}',
					options: { concurrency: 1 },
				},
				rows,
			);
			expect(error).toBeUndefined();
			expect(jsonOf(items).map((t) => t.outcome)).toEqual(rows.map(() => 'created'));
			const statuses = apiCalls().map((c) => c.status);
			expect(statuses).toContain(401);
			expect(ditio.sandbox.tokenRequestCount()).toBeGreaterThanOrEqual(2);
			for (const row of rows) {
				expect([...ditio.sandbox.store.tasks.values()].filter((t: { externalId: string }) => t.externalId === row.externalId)).toHaveLength(1);
			}
		} finally {
			ditio.sandbox.setLatency(0);
			ditio.sandbox.setTokenLifetime(1800);
		}
	});
});

describe('an ID where a number belongs', () => {
	test('a Ditio ID in By Project Number mode gets the hint to choose By ID', async () => {
		const { error } = await ditio.run({ resource: 'project', operation: 'get', project: byNumber('65f1a2b3c4d5e6f7a8b9c0ff') });
		expect(error!.message).toMatch(/^Ditio answered 404/);
		expect(error!.description).toMatch(/looks like a Ditio ID: choose "By ID"/);
	});
});

describe('no secret in any error, output or log', () => {
	test('failures of every kind carry neither the client secret nor an access token', async () => {
		const seen: unknown[] = [];
		const record = (result: { error?: unknown; items: unknown[] }) => seen.push(result.error ?? null, result.items);

		ditio.sandbox.injectFaults([{ status: 503, count: 10 }]);
		record(await ditio.run({ ...getMany, options: { retries: 1 } }));
		ditio.sandbox.clearFaults();
		record(await ditio.run({ resource: 'project', operation: 'get', project: byNumber('NOPE') }, undefined, { continueOnFail: true }));
		ditio.sandbox.expireAllTokens();
		ditio.sandbox.injectFaults([{ status: 401, count: 5 }]);
		record(await ditio.run(getMany));
		ditio.sandbox.clearFaults();
		const wrong = ditio.engine.setCredentials({
			environment: 'custom',
			baseUrl: ditio.sandbox.baseUrl,
			tokenUrl: ditio.sandbox.tokenUrl,
			clientId: DEMO_CLIENT.clientId,
			clientSecret: `${DEMO_CLIENT.clientSecret}-wrong`,
		});
		record(await ditio.run(getMany, undefined, { credentialsId: wrong }));

		const tokens = requests()
			.map((r) => r.headers.authorization)
			.filter((h): h is string => typeof h === 'string')
			.map((h) => h.replace(/^Bearer /, ''));
		expect(tokens.length).toBeGreaterThan(0);
		const everything = JSON.stringify(seen, (_key, value) =>
			value instanceof Error ? { ...value, message: value.message, description: (value as { description?: string }).description, stack: value.stack } : value,
		);
		expect(everything).toContain('Ditio'); // the scan looked at real errors
		expect(everything).not.toContain(DEMO_CLIENT.clientSecret);
		for (const token of tokens) expect(everything).not.toContain(token);
	});
});
