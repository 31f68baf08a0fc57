// @ts-check
'use strict';
const { startSandbox, DEMO_COMPANY_ID, DEMO_IDS, OTHER_COMPANY_ID, DEMO_CLIENT } = require('../../sandbox/server');
const { getToken, call, client, apiPath } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset('demo'));

/** A /__sandbox control. @param {string} method @param {string} name @param {unknown} [json] */
const control = (method, name, json) => call(sb, method, `/__sandbox/${name}`, { json });

describe('request log and counts', () => {
	test('logs every token and API request with what the tests need', async () => {
		const token = await getToken(sb);
		await call(sb, 'GET', `${apiPath('projects', 'by-project-number', 'P/2026/Æ-01')}?x=1`, { token });
		await call(sb, 'GET', apiPath('projects'));
		expect(sb.tokenRequestCount()).toBe(1);
		expect(sb.apiRequestCount()).toBe(2);
		const [tokenRequest, found, refused] = sb.requests;
		expect(tokenRequest).toMatchObject({ method: 'POST', path: '/connect/token', token: true, api: false, status: 200, auth: 'none' });
		expect(tokenRequest.body).toMatchObject({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId });
		expect(found).toMatchObject({
			method: 'GET',
			path: '/core/api/v4/integration/projects/by-project-number/P%2F2026%2F%C3%86-01?x=1',
			segments: ['core', 'api', 'v4', 'integration', 'projects', 'by-project-number', 'P/2026/Æ-01'],
			status: 200, api: true, token: false, auth: 'ok',
		});
		expect(refused).toMatchObject({ status: 401, auth: 'none' });
	});

	test('logs the JSON body sent; clearRequests() empties the same array', async () => {
		const api = client(sb, await getToken(sb));
		await api.patch(apiPath('projects', DEMO_IDS.projectFjellhall), { name: 'Ny' });
		const log = sb.requests;
		expect(log.at(-1)?.body).toEqual({ name: 'Ny' });
		sb.clearRequests();
		expect(log).toHaveLength(0);
		expect(sb.apiRequestCount()).toBe(0);
	});

	test('/__sandbox controls are not logged or counted', async () => {
		await control('GET', 'state');
		await control('GET', 'requests');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('/__sandbox controls over HTTP', () => {
	test('state, reset and requests', async () => {
		const state = await control('GET', 'state');
		expect(state.body.projects).toHaveLength(4);
		expect(state.body.registrations).toEqual({ [DEMO_IDS.taskBetong]: 3 });
		await control('POST', 'reset', { seed: 'empty' });
		expect((await control('GET', 'state')).body).toEqual({ projects: [], tasks: [], registrations: {} });
		await control('POST', 'reset', { seed: 'demo' });
		await getToken(sb);
		expect((await control('GET', 'requests')).body).toHaveLength(1);
		expect((await control('POST', 'reset', { seed: 'full' })).status).toBe(400);
	});

	test('faults, latency and expired tokens', async () => {
		const token = await getToken(sb);
		await control('POST', 'faults', [{ status: 429, count: 1 }]);
		expect((await call(sb, 'GET', apiPath('projects'), { token })).status).toBe(429);
		await control('POST', 'faults', { status: 500, count: 5 });
		await control('DELETE', 'faults');
		expect((await call(sb, 'GET', apiPath('projects'), { token })).status).toBe(200);
		expect((await control('POST', 'faults', [{ status: 99 }])).status).toBe(400);
		await control('POST', 'latency', { ms: 50 });
		expect(sb.latencyMs).toBe(50);
		await control('POST', 'latency', { ms: 0 });
		await control('POST', 'expire-tokens');
		expect((await call(sb, 'GET', apiPath('projects'), { token })).status).toBe(401);
	});

	test('template, registrations and test data', async () => {
		await control('POST', 'template', { taskId: DEMO_IDS.taskRiving });
		expect(sb.store.templateOf(DEMO_IDS.projectBarnehage)?.id).toBe(DEMO_IDS.taskRiving);
		await control('POST', 'registrations', { taskId: DEMO_IDS.taskRiving, count: 2 });
		expect(sb.store.registrationCount(DEMO_IDS.taskRiving)).toBe(2);
		const project = await control('POST', 'projects', { companyId: DEMO_COMPANY_ID, projectNumber: 'ADM-1' });
		expect(project.status).toBe(201);
		const task = await control('POST', 'tasks', { companyId: DEMO_COMPANY_ID, projectId: project.body.id, externalId: 'T1', isTemplate: true });
		expect(task.body).toMatchObject({ isTemplate: true, taskNumber: 'T1' });
		const seeded = await control('POST', 'seed-tasks', { companyId: DEMO_COMPANY_ID, projectId: project.body.id, count: 3, prefix: 'S-' });
		expect(seeded.body).toEqual({ created: 3 });
		expect((await control('POST', 'template', { taskId: 'nope' })).status).toBe(400);
		expect((await control('GET', 'nothing')).status).toBe(404);
	});
});

describe('demo data', () => {
	test('the demo client sees three projects; the other company has a project and a task it cannot see', () => {
		const mine = [...sb.store.projects.values()].filter((p) => p.companyId === DEMO_COMPANY_ID);
		expect(mine.map((p) => [p.projectNumber, p.active])).toEqual([['P-2026-001', true], ['P/2026/Æ-01', true], ['P-2025-017', false]]);
		expect(sb.store.templateOf(DEMO_IDS.projectFjellhall)).toMatchObject({ safeJobAnalysisApprovalRequired: true, unitId: 'm3' });
		expect(sb.store.tasksOfProject(DEMO_IDS.projectFjellhall).filter((t) => t.parentActivityId === DEMO_IDS.taskMasseflytting)).toHaveLength(2);
		expect(sb.store.getTask(DEMO_IDS.taskMasseflytting)?.isParent).toBe(true);
		expect(sb.store.getTask(DEMO_IDS.otherTask)?.companyId).toBe(OTHER_COMPANY_ID);
	});
});

describe('bulk data', () => {
	// How fast it is belongs to `npm run bench`: a time limit here fails on a busy machine.
	test('seedTasks() makes 50,000 tasks and the list endpoint serves them all', async () => {
		const project = sb.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'BIG' });
		sb.seedTasks(DEMO_COMPANY_ID, project.id, 50000, { prefix: 'B-' });
		// On a busy machine seeding blocks the event loop past the server's keep-alive timeout:
		// let the server close the connections it held idle, or fetch reuses one as it closes (ECONNRESET).
		await new Promise((resolve) => setTimeout(resolve, 100));
		const res = await fetch(`${sb.url}${apiPath('tasks', 'project', project.id)}`, { headers: { Authorization: `Bearer ${await getToken(sb)}` } });
		const list = /** @type {any[]} */ (await res.json());
		expect(list).toHaveLength(50000);
		expect(list[49999]).toMatchObject({ externalId: 'B-50000', taskNumber: 'B-50000', projectId: project.id, active: true });
		expect(new Set(list.map((/** @type {any} */ t) => t.id)).size).toBe(50000);
		expect(() => sb.seedTasks(DEMO_COMPANY_ID, project.id, 1, { prefix: 'B-' })).toThrow(/exists/);
	});

	test('store helpers refuse mistakes instead of making bad data', () => {
		expect(() => sb.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-2026-001' })).toThrow();
		expect(() => sb.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'X', startDate: 'soon' })).toThrow();
		expect(() => sb.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.otherProject, externalId: 'X' })).toThrow();
		expect(() => sb.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-100' })).toThrow();
	});
});
