// @ts-check
'use strict';
/** The change feed of the Data Extraction API (sandbox/feed.js), over real HTTP. */
const { startSandbox, DEMO_CLIENT, FEED_CLIENT, DEMO_COMPANY_ID, DEMO_IDS } = require('../../sandbox/server');
const { getToken, call, tokenRequest, apiPath } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {string} */
let token;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	token = await getToken(sb, FEED_CLIENT, 'ditioapiv3 reportingapiv1');
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.reset('demo');
	sb.feed.setLag(0);
});

const WBS = '/reporting/v1/project/work-breakdown-structure';
/** @param {string} path @param {Record<string, string>} [query] */
const feed = (path, query = {}) => call(sb, 'GET', `${path}?${new URLSearchParams(query)}`, { token });
const past = () => new Date(Date.now() - 60_000).toISOString();
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

describe('change feed', () => {
	test('without ModifiedSince: a full sync of every live record', async () => {
		const { status, body } = await feed(WBS);
		expect(status).toBe(200);
		expect(body.syncTypeName).toBe('full');
		const mine = [...sb.store.tasks.values()].filter((t) => t.companyId === DEMO_COMPANY_ID).map((t) => t.id);
		expect(body.data.map((/** @type {any} */ r) => r.id).sort()).toEqual(mine.sort());
		expect(body.data[0]).toEqual(expect.objectContaining({ id: expect.any(String), modifiedDateTime: expect.stringMatching(/Z$/) }));
		expect(body).toEqual(expect.objectContaining({ continuationToken: null, recordCount: body.data.length, deletedRecordCount: 0, links: { next: null } }));
	});

	test('with ModifiedSince: only what was created, changed or deleted since, oldest first, deletions as tombstones', async () => {
		const since = new Date().toISOString();
		await sleep(5);
		const created = sb.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-FEED-1' });
		sb.feed.scan();
		await sleep(5);
		const gone = [...sb.store.tasks.values()].find((t) => t.id !== created.id && !t.isTemplate);
		sb.store.tasks.delete(gone.id);
		sb.store.reindex();
		const { body } = await feed(WBS, { ModifiedSince: since });
		expect(body.syncTypeName).toBe('incremental');
		expect(body.data.map((/** @type {any} */ r) => [r.id, r.isDeleted ?? false])).toEqual([[created.id, false], [gone.id, true]]);
		expect(body.data[1]).toEqual(expect.objectContaining({ isDeleted: true, deletedDateTime: expect.stringMatching(/Z$/), externalId: gone.externalId }));
		expect(body.deletedRecordCount).toBe(1);
		// A full sync never shows tombstones.
		expect((await feed(WBS)).body.data.some((/** @type {any} */ r) => r.id === gone.id)).toBe(false);
	});

	test('ChunkLimit pages, and every continuation token is followed to the end with ModifiedSince sent again', async () => {
		const since = past();
		const seeded = sb.seedTasks(DEMO_COMPANY_ID, DEMO_IDS.projectFjellhall, 7, { prefix: 'PAGE-' });
		sb.feed.scan();
		const ids = [];
		let page = await feed(WBS, { ModifiedSince: since, ChunkLimit: '3' });
		let pages = 1;
		ids.push(...page.body.data.map((/** @type {any} */ r) => r.id));
		while (page.body.continuationToken) {
			expect(page.body.links.next).toContain('ContinuationToken=');
			page = await feed(WBS, { ModifiedSince: since, ChunkLimit: '3', ContinuationToken: page.body.continuationToken });
			ids.push(...page.body.data.map((/** @type {any} */ r) => r.id));
			pages++;
		}
		expect(pages).toBeGreaterThan(1);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.sort()).toEqual(seeded.map((/** @type {any} */ t) => t.id).sort());
	});

	test('refuses a token with other ModifiedSince, a full-sync token in an incremental sync, and bad parameters', async () => {
		const first = await feed(WBS, { ChunkLimit: '1' });
		const full = first.body.continuationToken;
		expect((await feed(WBS, { ModifiedSince: past(), ContinuationToken: full })).status).toBe(400);
		const since = past();
		const inc = (await feed(WBS, { ModifiedSince: since, ChunkLimit: '1' })).body.continuationToken;
		expect((await feed(WBS, { ModifiedSince: new Date().toISOString(), ContinuationToken: inc })).status).toBe(400);
		expect((await feed(WBS, { ModifiedBefore: since })).body.message).toMatch(/ModifiedBefore needs ModifiedSince/);
		expect((await feed(WBS, { ModifiedSince: since, ModifiedBefore: since })).status).toBe(400);
		expect((await feed(WBS, { ChunkLimit: '10001' })).status).toBe(400);
	});

	test('ProjectId and ModifiedBefore narrow the answer; /v1/project lists projects', async () => {
		const since = past();
		const other = [...sb.store.projects.values()].find((p) => p.id !== DEMO_IDS.projectFjellhall && p.companyId === DEMO_COMPANY_ID);
		sb.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-FEED-A' });
		sb.store.addTask(DEMO_COMPANY_ID, { projectId: other.id, externalId: 'WO-FEED-B' });
		sb.feed.scan();
		const mine = (await feed(WBS, { ModifiedSince: since, ProjectId: DEMO_IDS.projectFjellhall })).body.data;
		expect(mine.map((/** @type {any} */ r) => r.externalId)).toEqual(['WO-FEED-A']);
		expect((await feed(WBS, { ModifiedSince: since, ModifiedBefore: new Date(Date.parse(since) + 1).toISOString() })).body.data).toEqual([]);
		sb.store.getProject(other.id).name = 'Nytt navn';
		const projects = (await feed('/reporting/v1/project', { ModifiedSince: since })).body.data;
		expect(projects.map((/** @type {any} */ r) => r.id)).toEqual([other.id]);
	});

	test('an API write is in the feed from the time it was made; a change in place, from the next feed request', async () => {
		const since = new Date().toISOString();
		await sleep(5);
		const inPlace = sb.store.getTask(DEMO_IDS.taskGraving);
		inPlace.name = 'Endret for hånd';
		const written = Date.now();
		const patch = await call(sb, 'PATCH', apiPath('tasks', DEMO_IDS.taskBetong), { token, json: { name: 'Betong, endret' } });
		expect(patch.status).toBe(200);
		const gone = await call(sb, 'DELETE', apiPath('tasks', DEMO_IDS.taskRiving), { token });
		expect(gone.status).toBeLessThan(300);
		const writesDone = Date.now();
		await sleep(50);
		const asked = Date.now();
		const rows = (await feed(WBS, { ModifiedSince: since })).body.data;
		const at = (/** @type {string} */ id) => Date.parse(rows.find((/** @type {any} */ r) => r.id === id).modifiedDateTime);
		expect(rows.map((/** @type {any} */ r) => r.id).sort()).toEqual([DEMO_IDS.taskBetong, DEMO_IDS.taskGraving, DEMO_IDS.taskRiving].sort());
		expect(at(DEMO_IDS.taskBetong)).toBeGreaterThanOrEqual(written);
		expect(at(DEMO_IDS.taskBetong)).toBeLessThanOrEqual(writesDone);
		const tombstone = rows.find((/** @type {any} */ r) => r.id === DEMO_IDS.taskRiving);
		expect(tombstone.isDeleted).toBe(true);
		expect(Date.parse(tombstone.deletedDateTime)).toBeGreaterThanOrEqual(written);
		expect(Date.parse(tombstone.deletedDateTime)).toBeLessThanOrEqual(writesDone);
		expect(at(DEMO_IDS.taskGraving)).toBeGreaterThanOrEqual(asked);
	});

	test('a tombstone keeps the modifiedDateTime of the last change and is in every window that holds its deletion', async () => {
		const before = past();
		await sleep(5);
		const task = sb.store.getTask(DEMO_IDS.taskGraving);
		task.name = 'Endret';
		sb.feed.scan();
		const changed = (await feed(WBS, { ModifiedSince: before })).body.data.find((/** @type {any} */ r) => r.id === task.id);
		await sleep(20);
		const deletion = new Date().toISOString();
		await sleep(5);
		sb.store.tasks.delete(task.id);
		sb.store.reindex();
		const tombstoneIn = async (/** @type {Record<string, string>} */ q) => (await feed(WBS, q)).body.data.find((/** @type {any} */ r) => r.id === task.id);
		const tombstone = await tombstoneIn({ ModifiedSince: deletion });
		expect(tombstone).toEqual(expect.objectContaining({ isDeleted: true, modifiedDateTime: changed.modifiedDateTime, name: 'Endret' }));
		expect(Date.parse(tombstone.deletedDateTime)).toBeGreaterThan(Date.parse(tombstone.modifiedDateTime));
		// Asked again from before the deletion (an overlapping window): there again, the same.
		expect(await tombstoneIn({ ModifiedSince: before })).toEqual(tombstone);
		// A window that ends before the deletion does not hold it; one after it neither.
		expect(await tombstoneIn({ ModifiedSince: before, ModifiedBefore: deletion })).toBeUndefined();
		await sleep(5);
		expect(await tombstoneIn({ ModifiedSince: new Date().toISOString() })).toBeUndefined();
	});

	test('visibility lag: a change shows only some time after its modified time, with that modified time', async () => {
		sb.feed.setLag(300);
		const since = past();
		const task = sb.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-LAG' });
		sb.feed.scan();
		const stamped = Date.now();
		expect((await feed(WBS, { ModifiedSince: since })).body.data).toEqual([]);
		await sleep(350);
		const [row] = (await feed(WBS, { ModifiedSince: since })).body.data;
		expect(row.id).toBe(task.id);
		expect(Date.parse(row.modifiedDateTime)).toBeLessThanOrEqual(stamped);
	});

	test('needs scope reportingapiv1: a token of the integration API alone gets 403; no token 401', async () => {
		const integrationOnly = await getToken(sb, DEMO_CLIENT, 'ditioapiv3');
		expect((await call(sb, 'GET', WBS, { token: integrationOnly })).status).toBe(403);
		expect((await call(sb, 'GET', WBS)).status).toBe(401);
		expect((await call(sb, 'GET', '/reporting/v1/nothing', { token })).status).toBe(404);
	});

	test('a client seeded without the reporting scope gets invalid_scope when it asks for it', async () => {
		const { status, body } = await tokenRequest(sb, {
			grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret, scope: 'ditioapiv3 reportingapiv1',
		});
		expect(status).toBe(400);
		expect(body).toEqual({ error: 'invalid_scope' });
	});
});
