// @ts-check
'use strict';
const { startSandbox, DEMO_COMPANY_ID, OTHER_COMPANY_ID, DEMO_IDS } = require('../../sandbox/server');
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
beforeEach(() => sb.reset('demo'));

const projects = apiPath('projects');
const full = {
	companyId: DEMO_COMPANY_ID,
	projectNumber: 'P-2026-050',
	name: 'Kaia',
	active: true,
	description: 'Ny kai',
	startDate: '2026-03-01T00:00:00Z',
	estimatedHourQty: 800.5,
	customerNumber: 'K-7',
	projectLocationLatitude: 63.4,
	projectLocationLongitude: 10.4,
	workBreakLunchStartTime: '11:00',
	workBreakLunchLength: 30,
};

describe('POST /projects is idempotent on projectNumber', () => {
	test('a new number: 201 with every field, defaults for the omitted ones', async () => {
		const res = await api.post(projects, { companyId: DEMO_COMPANY_ID, projectNumber: 'P-NEW', name: 'Ny' });
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{24}$/), companyId: DEMO_COMPANY_ID, projectNumber: 'P-NEW', name: 'Ny',
			active: false, description: null, startDate: null, estimatedHourQty: 0, workBreakLunchStartTime: null, workBreakLunchLength: 0,
		});
		expect(Object.keys(res.body)).toHaveLength(27);
		expect((await api.get(apiPath('projects', res.body.id))).body).toEqual(res.body);
	});

	test('an existing number: 200 with the project unchanged, the body ignored', async () => {
		const before = (await api.get(apiPath('projects', DEMO_IDS.projectFjellhall))).body;
		const res = await api.post(projects, { companyId: DEMO_COMPANY_ID, projectNumber: 'P-2026-001', name: 'Endret?', active: false });
		expect(res.status).toBe(200);
		expect(res.body).toEqual(before);
		expect(sb.store.getProject(DEMO_IDS.projectFjellhall)?.name).toBe('Prosjekt Fjellhall');
	});

	test('the same number in another company is another project', async () => {
		const mine = await api.get(apiPath('projects', 'by-project-number', 'P-2026-001'));
		expect(mine.body.id).toBe(DEMO_IDS.projectFjellhall);
	});
});

describe('PUT resets, PATCH merges', () => {
	test('PUT replaces the record: omitted fields go back to their defaults', async () => {
		const { body: created } = await api.post(projects, full);
		const res = await api.put(apiPath('projects', created.id), { companyId: DEMO_COMPANY_ID, projectNumber: 'P-2026-050', name: 'Kaia 2' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			id: created.id, name: 'Kaia 2', active: false, description: null, startDate: null, estimatedHourQty: 0,
			projectLocationLatitude: 0, workBreakLunchStartTime: null, workBreakLunchLength: 0,
		});
		// The projects reference page: customerNumber "Omit to leave any existing customer link unchanged".
		expect(res.body.customerNumber).toBe('K-7');
	});

	test('PATCH changes only the fields sent', async () => {
		const { body: created } = await api.post(projects, full);
		const res = await api.patch(apiPath('projects', created.id), { name: 'Kaia - nytt navn', active: false, description: null });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ ...created, name: 'Kaia - nytt navn', active: false, description: null });
	});

	test('PUT needs the required fields, as POST does', async () => {
		const res = await api.put(apiPath('projects', DEMO_IDS.projectFjellhall), { companyId: DEMO_COMPANY_ID, name: 'x' });
		expect(res).toMatchObject({ status: 400, body: { error: 'ArgumentIsNull', message: "Value cannot be null. (Parameter 'projectNumber')" } });
	});

	test('changing the number to one another project has: 409', async () => {
		for (const send of [api.put, api.patch]) {
			const res = await send(apiPath('projects', DEMO_IDS.projectFjellhall), { companyId: DEMO_COMPANY_ID, projectNumber: 'P-2025-017' });
			expect(res.status).toBe(409);
			expect(res.body).toEqual({ error: 'Conflict', message: expect.stringContaining('P-2025-017') });
		}
	});

	test('the id and companyId of a record cannot change; the same values may be sent back', async () => {
		const path = apiPath('projects', DEMO_IDS.projectFjellhall);
		expect((await api.patch(path, { id: DEMO_IDS.projectFjellhall, companyId: DEMO_COMPANY_ID, name: 'Same' })).status).toBe(200);
		expect((await api.patch(path, { id: DEMO_IDS.projectBryggen })).body.errors[0]).toMatchObject({ field: 'id', code: 'IdMismatch' });
		const client2 = { clientId: 'two', clientSecret: 's', companyIds: [DEMO_COMPANY_ID, OTHER_COMPANY_ID], scopes: ['ditioapiv3'] };
		sb.addClient(client2);
		const api2 = client(sb, await getToken(sb, client2));
		const moved = await api2.patch(path, { companyId: OTHER_COMPANY_ID });
		expect(moved).toMatchObject({ status: 400, body: { error: 'InvalidArgument' } });
	});
});

describe('company scoping', () => {
	test("another company's project answers 404 exactly like a missing one", async () => {
		const other = await api.get(apiPath('projects', DEMO_IDS.otherProject));
		const missing = await api.get(apiPath('projects', 'aaaaaaaaaaaaaaaaaaaaaaaa'));
		expect(other.status).toBe(404);
		expect(missing.status).toBe(404);
		expect(other.body).toEqual({ error: 'NotFound', message: `Project ${DEMO_IDS.otherProject} was not found` });
		expect(missing.body.error).toBe('NotFound');
		for (const send of [api.put, api.patch]) expect((await send(apiPath('projects', DEMO_IDS.otherProject), full)).status).toBe(404);
		expect((await api.del(apiPath('projects', DEMO_IDS.otherProject))).status).toBe(404);
	});

	test('lists hold only the visible companies; a body companyId of another company answers 403', async () => {
		const list = await api.get(projects);
		expect(list.body.map((/** @type {any} */ p) => p.projectNumber)).toEqual(['P-2026-001', 'P/2026/Æ-01', 'P-2025-017']);
		const res = await api.post(projects, { ...full, companyId: OTHER_COMPANY_ID });
		expect(res).toMatchObject({ status: 403, body: { error: 'Forbidden', message: expect.any(String) } });
	});
});

describe('DELETE /projects/{id}', () => {
	test('is refused while the project has work orders', async () => {
		const res = await api.del(apiPath('projects', DEMO_IDS.projectFjellhall));
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: 'ProjectHasTasks',
			message: 'Prosjektet har arbeidsordrer og kan ikke slettes. Sett prosjektet inaktivt (active: false) i stedet.',
		});
	});

	test('answers 204 with an empty body, and the project is gone', async () => {
		const { body } = await api.post(projects, full);
		const res = await api.del(apiPath('projects', body.id));
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
		expect((await api.get(apiPath('projects', body.id))).status).toBe(404);
		expect((await api.post(projects, full)).status).toBe(201); // the number is free again
	});
});

describe('validation', () => {
	/** @param {Record<string, unknown>} change */
	const post = (change) => api.post(projects, { ...full, ...change });

	test.each([
		['startDate', 'next week', 'InvalidFormat'],
		['startDate', '2026-02-30', 'InvalidFormat'],
		['startDate', '2026-03-01 10:00', 'InvalidFormat'],
		['startDate', 20260301, 'InvalidType'],
		['active', 'true', 'InvalidType'],
		['active', null, 'InvalidType'],
		['estimatedHourQty', '12', 'InvalidType'],
		['workBreakLunchLength', 30.5, 'InvalidType'],
		['workBreakLunchLength', 1441, 'OutOfRange'],
		['workBreakDinnerLength', -1, 'OutOfRange'],
		['projectLocationLatitude', 91, 'OutOfRange'],
		['projectLocationLongitude', -180.5, 'OutOfRange'],
		['workBreakLunchStartTime', '24:00', 'InvalidFormat'],
		['workBreakLunchStartTime', '9:30', 'InvalidFormat'],
		['name', 42, 'InvalidType'],
		['projectNumber', 2026001, 'InvalidType'],
		['projectname', 'typo', 'UnknownField'],
		['id', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'ReadOnly'],
	])('%s = %j answers 400 %s in the newer format', async (field, value, code) => {
		const res = await post({ [field]: value });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ message: 'Validation failed', errors: [{ category: 'Validation', code, field, message: expect.any(String) }] });
	});

	test('every bad field is reported at once', async () => {
		const res = await post({ active: 1, startDate: 'x', foo: 1 });
		expect(res.body.errors.map((/** @type {any} */ e) => e.field)).toEqual(['active', 'startDate', 'foo']);
	});

	test.each(['2026-03-01', '2026-03-01T00:00:00Z', '2026-03-01T02:00:00+02:00', '2026-03-01T00:00', '2026-03-01T00:00:00.000Z'])(
		'accepts the date %s and stores it as UTC, as .NET writes it back',
		async (startDate) => {
			const res = await post({ startDate });
			expect(res.body.startDate).toBe('2026-03-01T00:00:00Z');
		},
	);

	test('accepts null for strings and dates, and the edges of every range', async () => {
		const res = await post({
			name: null, startDate: null, workBreakLunchStartTime: '23:59', workBreakDinnerStartTime: '00:00', workBreakDinnerLength: 1440,
			projectLocationLatitude: -90, projectLocationLongitude: 180, estimatedHourQty: -1.5,
		});
		expect(res.status).toBe(201);
	});

	test.each([
		[{ projectNumber: undefined }, 'projectNumber'],
		[{ projectNumber: '   ' }, 'projectNumber'],
		[{ projectNumber: null }, 'projectNumber'],
		[{ companyId: '' }, 'companyId'],
	])('a missing or blank required field answers ArgumentIsNull in the older format (%j)', async (change, parameter) => {
		const res = await post(change);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'ArgumentIsNull', message: `Value cannot be null. (Parameter '${parameter}')` });
	});

	test('a body that is not a JSON object answers 400 InvalidBody; another content type 415', async () => {
		for (const body of ['[]', 'null', '"text"', '{"companyId":', '']) {
			const res = await call(sb, 'POST', projects, { token, body, headers: { 'Content-Type': 'application/json' } });
			expect(res.status).toBe(400);
			expect(res.body.error).toBe('InvalidBody');
		}
		const plain = await call(sb, 'POST', projects, { token, body: JSON.stringify(full), headers: { 'Content-Type': 'text/plain' } });
		expect(plain.status).toBe(415);
		const charset = await call(sb, 'POST', projects, { token, body: JSON.stringify(full), headers: { 'Content-Type': 'application/json; charset=utf-8' } });
		expect(charset.status).toBe(201);
	});
});
