import { NodeApiError } from 'n8n-workflow';

import { DEMO_COMPANY_ID, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { apiRequests } = requestLog(ditio);
const getMany = { resource: 'project', operation: 'getAll', returnAll: true };

/** A new demo credential that has fetched its token already (its first run), with the request log cleared. */
async function credentialWithToken() {
	const credentialsId = ditio.credential();
	await ditio.run(getMany, undefined, { credentialsId });
	ditio.sandbox.clearRequests();
	return credentialsId;
}

describe('the foundation, inside n8n\'s engine against the sandbox', () => {
	test('Get Many returns the company\'s projects, and only those', async () => {
		const { items, error } = await ditio.run(getMany);
		expect(error).toBeUndefined();
		const projects = jsonOf(items);
		expect(projects.map((p) => p.projectNumber).sort()).toEqual(
			[...ditio.sandbox.store.projects.values()]
				.filter((p: { companyId: string }) => p.companyId === DEMO_COMPANY_ID)
				.map((p: { projectNumber: string }) => p.projectNumber)
				.sort(),
		);
		expect(projects.every((p) => p.companyId === DEMO_COMPANY_ID)).toBe(true);
	});

	test('every output item points at its input item', async () => {
		const { items, pairedItemsFromNode } = await ditio.run({ ...getMany, returnAll: false, limit: 2 }, [{ a: 1 }, { a: 2 }]);
		expect(items).toHaveLength(4);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});

	test('the token is fetched once by n8n and reused across runs', async () => {
		const credentialsId = ditio.credential(); // no token yet
		ditio.sandbox.clearRequests();
		const before = ditio.engine.credentialsHelper.tokenUpdates;
		await ditio.run(getMany, undefined, { credentialsId });
		await ditio.run(getMany, undefined, { credentialsId });
		expect(ditio.sandbox.tokenRequestCount()).toBe(1);
		expect(ditio.engine.credentialsHelper.tokenUpdates).toBe(before + 1);
		expect(ditio.sandbox.apiRequestCount()).toBe(2);
	});

	test('an expired token answers 401, is renewed once, and the run succeeds', async () => {
		const credentialsId = await credentialWithToken();
		ditio.sandbox.expireAllTokens();
		const { items, error } = await ditio.run(getMany, undefined, { credentialsId });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(ditio.sandbox.tokenRequestCount()).toBe(1);
		expect(apiRequests().map((r) => r.status)).toEqual([401, 200]);
	});

	test('a 401 that a new token does not fix stops with the likely causes, without looping', async () => {
		const credentialsId = await credentialWithToken();
		ditio.sandbox.injectFaults([{ status: 401, count: 5 }]);
		try {
			const { error } = await ditio.run(getMany, undefined, { credentialsId });
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error!.message).toMatch(/^Ditio answered 401/);
			expect(error!.description).toMatch(/disabled or expired.*scope ditioapiv3.*Environment/s);
			expect(ditio.sandbox.tokenRequestCount()).toBe(1);
			expect(ditio.sandbox.apiRequestCount()).toBe(2);
		} finally {
			ditio.sandbox.clearFaults();
		}
	});

	test('a 404 reaches the user as Ditio wrote it, with the status and a hint', async () => {
		const { error } = await ditio.run({
			resource: 'project',
			operation: 'get',
			project: { __rl: true, mode: 'id', value: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		const apiError = error as NodeApiError;
		expect(apiError.httpCode).toBe('404');
		expect(apiError.message).toMatch(/^Ditio answered 404: .*aaaaaaaaaaaaaaaaaaaaaaaa.*\(NotFound\)$/);
		expect(apiError.description).toMatch(/another company answers 404/);
		expect(apiError.context.itemIndex).toBe(0);
	});

	test('a 409 (the project number is taken by another project) reaches the user as Ditio wrote it, Norwegian included', async () => {
		const { error } = await ditio.run({
			resource: 'project',
			operation: 'update',
			project: { __rl: true, mode: 'id', value: '65f1a2b3c4d5e6f7a8b9c0d1' },
			updateFields: { projectNumber: 'P/2026/Æ-01' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('409');
		expect(error!.message).toBe('Ditio answered 409: Prosjektnummer P/2026/Æ-01 er allerede i bruk av et annet prosjekt (Conflict)');
	});
});

describe('credential failures name their cause', () => {
	const bad = (overrides: Record<string, unknown>) => ditio.credential(overrides);

	test('a wrong secret', async () => {
		const id = bad({ clientSecret: 'not-the-secret' });
		const { error } = await ditio.run(getMany, undefined, { credentialsId: id });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe("Ditio's identity server refused the client ID or client secret (invalid_client)");
		expect(JSON.stringify(error)).not.toContain('not-the-secret');
	});

	test('a client without the integration scope', async () => {
		ditio.sandbox.addClient({ clientId: 'reporting-only', clientSecret: 's3cret', companyIds: [DEMO_COMPANY_ID], scopes: ['reportingapiv1'] });
		const id = bad({ clientId: 'reporting-only', clientSecret: 's3cret' });
		const { error } = await ditio.run(getMany, undefined, { credentialsId: id });
		expect(error!.message).toBe("Ditio's identity server refused scope ditioapiv3 for this API client (invalid_scope)");
	});

	test('a token URL where nothing answers', async () => {
		const id = bad({ tokenUrl: 'http://127.0.0.1:9/connect/token' });
		const { error } = await ditio.run(getMany, undefined, { credentialsId: id });
		expect(error!.message).toBe("Could not reach Ditio's token URL (ECONNREFUSED)");
		expect(error!.description).toMatch(/Token URL/);
	});

	test('a token URL that is not a token endpoint', async () => {
		const id = bad({ tokenUrl: `${ditio.sandbox.url}/not-a-token-endpoint` });
		const { error } = await ditio.run(getMany, undefined, { credentialsId: id });
		expect(error!.message).toMatch(/token URL did not answer as a token endpoint/);
		expect(error!.description).toMatch(/should end in \/connect\/token/);
	});

	test('an API base URL where nothing answers', async () => {
		const id = bad({ baseUrl: 'http://127.0.0.1:9/core' });
		const { error } = await ditio.run(getMany, undefined, { credentialsId: id });
		expect(error!.message).toBe('Could not reach Ditio at http://127.0.0.1:9/core (ECONNREFUSED)');
	});
});

describe('the router: items, errors and Continue On Fail', () => {
	const get = (value: string) => ({ __rl: true, mode: 'id', value });
	const items = [{ id: '65f1a2b3c4d5e6f7a8b9c0d1' }, { id: 'bbbbbbbbbbbbbbbbbbbbbbbb' }, { id: '65f1a2b3c4d5e6f7a8b9c0d1' }];
	const parameters = { resource: 'project', operation: 'get', project: get('={{ $json.id }}') };

	test('without Continue On Fail the first failing item stops the run, naming its index, and later items are not sent', async () => {
		// Its own credential: a token another test expired would add a 401 and its repeat.
		const credentialsId = await credentialWithToken();
		const { error } = await ditio.run(parameters, items, { credentialsId });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.context.itemIndex).toBe(1);
		expect(ditio.sandbox.apiRequestCount()).toBe(2);
	});

	test('with Continue On Fail a failed item becomes an output item with the error, paired with its input', async () => {
		const { items: out, error, pairedItemsFromNode } = await ditio.run(parameters, items, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(3);
		expect(out[0].json.id).toBe('65f1a2b3c4d5e6f7a8b9c0d1');
		expect(out[1].json).toMatchObject({ itemIndex: 1, httpCode: '404', error: expect.stringMatching(/^Ditio answered 404/) });
		expect(out[2].json.id).toBe('65f1a2b3c4d5e6f7a8b9c0d1');
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
