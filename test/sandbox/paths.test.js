// @ts-check
'use strict';
const { startSandbox, DEMO_COMPANY_ID, DEMO_IDS } = require('../../sandbox/server');
const { getToken, call, client, apiPath } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {ReturnType<typeof client>} */
let api;
let token = '';
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	token = await getToken(sb);
	api = client(sb, token);
});
afterAll(() => sb.close());

const NASTY = 'P/2026/Æ 01 #3? 100% ø';

describe('path segments', () => {
	test('a project number with / # ? % spaces and Norwegian letters round-trips when encoded as one segment', async () => {
		const created = await api.post(apiPath('projects'), { companyId: DEMO_COMPANY_ID, projectNumber: NASTY, name: 'Rart nummer' });
		expect(created.status).toBe(201);
		const found = await api.get(apiPath('projects', 'by-project-number', NASTY));
		expect(found.status).toBe(200);
		expect(found.body).toMatchObject({ id: created.body.id, projectNumber: NASTY });
		expect(sb.requests.at(-1)?.segments.at(-1)).toBe(NASTY);

		const task = await api.post(apiPath('tasks'), { companyId: DEMO_COMPANY_ID, projectId: created.body.id, externalId: NASTY });
		expect(task.status).toBe(201);
		const byNumber = await api.get(apiPath('tasks', 'by-project-number', NASTY, 'by-task-number', NASTY));
		expect(byNumber.body.id).toBe(task.body.id);
	});

	test('the demo number P/2026/Æ-01 is found with %2F and %C3%86', async () => {
		const res = await api.get('/core/api/v4/integration/projects/by-project-number/P%2F2026%2F%C3%86-01');
		expect(res.status).toBe(200);
		expect(res.body.id).toBe(DEMO_IDS.projectBarnehage);
	});

	test('an unencoded / splits the number into more segments: no route, 404', async () => {
		const res = await api.get('/core/api/v4/integration/projects/by-project-number/P/2026/%C3%86-01');
		expect(res.status).toBe(404);
		expect(res.body).toEqual({ error: 'NotFound', message: expect.any(String) });
	});

	test('an unencoded ? starts the query: the number is cut and not found', async () => {
		const res = await api.get('/core/api/v4/integration/projects/by-project-number/A?B');
		expect(res.status).toBe(404);
		expect(sb.requests.at(-1)?.segments.at(-1)).toBe('A');
	});

	test('a segment that is not valid percent-encoding answers 400', async () => {
		const res = await api.get('/core/api/v4/integration/projects/by-project-number/100%25%');
		expect(res.status).toBe(400);
		expect(res.body.error).toBe('InvalidPath');
	});

	test('a path id that is not 24 hex characters answers 400 InvalidId', async () => {
		for (const path of [apiPath('projects', 'P-2026-001'), apiPath('tasks', '123'), apiPath('tasks', 'project', 'x'.repeat(24))]) {
			const res = await api.get(path);
			expect(res.status).toBe(400);
			expect(res.body).toEqual({ error: 'InvalidId', message: expect.any(String) });
		}
	});

	test('unknown paths answer 404 NotFound, known paths with another method 405', async () => {
		for (const path of ['/core/api/v4/integration/customers', '/core/api/v3/integration/projects', '/', '/core']) {
			const res = await call(sb, 'GET', path, { token });
			expect(res.status).toBe(404);
			expect(res.body.error).toBe('NotFound');
		}
		const res = await call(sb, 'POST', apiPath('tasks', 'by-production-code', 'X'), { token, json: {} });
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('GET');
		expect((await call(sb, 'HEAD', apiPath('projects'), { token })).status).toBe(405);
	});

	test('literal segments ignore case and one trailing slash, as ASP.NET routing does', async () => {
		expect((await api.get('/core/api/v4/integration/Projects/')).status).toBe(200);
		// An empty number after a trailing slash leaves "by-project-number" as the {id}: not an id.
		expect((await api.get('/core/api/v4/integration/projects/by-project-number/')).body.error).toBe('InvalidId');
	});

	test('ids in the path are read without regard to case', async () => {
		const res = await api.get(apiPath('projects', DEMO_IDS.projectFjellhall.toUpperCase()));
		expect(res.body.id).toBe(DEMO_IDS.projectFjellhall);
	});
});
