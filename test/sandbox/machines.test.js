// @ts-check
'use strict';
/** The sandbox's machine endpoints keep the rules Ditio documents (docs/ditio-api.md, Machines). */
const { startSandbox, DEMO_COMPANY_ID, OTHER_COMPANY_ID } = require('../../sandbox/server');
const { apiPath, getToken, client } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {ReturnType<typeof client>} */
let api;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	api = client(sb, await getToken(sb));
});
afterAll(() => sb.close());
beforeEach(() => sb.reset('demo'));

/** @param {...string} segments */
const machines = (...segments) => apiPath('machines', ...segments);
const M101 = '68a1c0ffee0ddba11c0ffe01';
const EQUIPMENT = '68a1c0ffee0ddba11c0ffe04';
const OTHERS = '68a1c0ffee0ddba11c0ffe05';

test('GET /api/MachineType lists the machine types a machine may have', async () => {
	const { status, body } = await api.get('/core/api/MachineType');
	expect(status).toBe(200);
	expect(body.map((/** @type {{ id: string }} */ t) => t.id)).toEqual(expect.arrayContaining(['beltemaskin', 'hjullaster', 'dumper', 'lastebil']));
});

test('create needs companyId and machineNumber; omitted fields take defaults, active false among them', async () => {
	expect((await api.post(machines(), { companyId: DEMO_COMPANY_ID, typeId: 'dumper' })).body).toMatchObject({ error: 'ArgumentIsNull' });
	const made = await api.post(machines(), { companyId: DEMO_COMPANY_ID, machineNumber: 'D-1', typeId: 'dumper' });
	expect(made.status).toBe(201);
	expect(made.body).toMatchObject({ machineNumber: 'D-1', active: false, name: null, fuelType: 0, companyId: DEMO_COMPANY_ID });
	expect((await api.post(machines(), { companyId: DEMO_COMPANY_ID, machineNumber: 'D-1', typeId: 'dumper' })).status).toBe(409);
	expect((await api.post(machines(), { companyId: OTHER_COMPANY_ID, machineNumber: 'D-2', typeId: 'dumper' })).status).toBe(403);
});

test("a machine's type must exist (MachineService.machineTypeInvalid, 400); equipment is not checked", async () => {
	const refused = await api.post(machines(), { companyId: DEMO_COMPANY_ID, machineNumber: 'X-1', typeId: 'gravemaskin', active: true });
	expect(refused.status).toBe(400);
	expect(refused.body).toMatchObject({ error: 'MachineService.machineTypeInvalid', message: expect.stringContaining('gravemaskin') });
	expect((await api.post(machines(), { companyId: DEMO_COMPANY_ID, machineNumber: 'X-1' })).body.error).toBe('MachineService.machineTypeInvalid');
	expect((await api.post(machines(), { companyId: DEMO_COMPANY_ID, machineNumber: 'UT-9', isEquipment: true, typeId: 'skuff' })).status).toBe(201);
	expect((await api.patch(machines(M101), { typeId: 'gravemaskin' })).body.error).toBe('MachineService.machineTypeInvalid');
	expect(sb.store.machines.get(M101)?.typeId).toBe('hjullaster');
});

test('PATCH and PUT preserve what is omitted: null counts as omitted, "" clears a text, deactivation needs active: false', async () => {
	const patched = await api.patch(machines(M101), { note: 'Ny skuff', department: null });
	expect(patched.status).toBe(200);
	expect(patched.body).toMatchObject({ note: 'Ny skuff', department: 'Maskin', active: true, name: 'Hjullaster CAT 950', fuelType: 1 });
	const put = await api.put(machines(M101), { registrationNumber: '', name: 'Hjullaster CAT 950 GC' });
	expect(put.body).toMatchObject({ registrationNumber: null, name: 'Hjullaster CAT 950 GC', note: 'Ny skuff', active: true });
	expect((await api.patch(machines(M101), { active: false })).body.active).toBe(false);
	expect((await api.patch(machines(M101), { companyId: OTHER_COMPANY_ID })).body.companyId).toBe(DEMO_COMPANY_ID);
	expect((await api.patch(machines(M101), { buildYear: '2019' })).status).toBe(400);
	expect((await api.patch(machines(M101), { machineNumber: 'GM/12 Ø' })).status).toBe(409);
});

test('fuel and consumption go through PATCH /{id}/esg only, as the numbers of their lists', async () => {
	expect((await api.patch(machines(M101), { fuelType: 4 })).body.errors[0]).toMatchObject({ field: 'fuelType', code: 'UnknownField' });
	const esg = await api.patch(machines(M101, 'esg'), { fuelType: 4, fuelConsumptionUnit: 2, fuelConsumptionRate: 38 });
	expect(esg.status).toBe(200);
	expect(esg.body).toMatchObject({ fuelType: 4, fuelConsumptionUnit: 2, fuelConsumptionRate: 38, name: 'Hjullaster CAT 950' });
	expect((await api.patch(machines(M101, 'esg'), { fuelType: 8 })).status).toBe(400);
	expect((await api.patch(machines(OTHERS, 'esg'), { fuelType: 1 })).status).toBe(404);
});

test('by machine number: a fleet number with / and Ø is one segment; a one-item array, or the machine itself when switched', async () => {
	const found = await api.get(machines('by-machine-number', 'GM/12 Ø'));
	expect(found.status).toBe(200);
	expect(found.body).toEqual([expect.objectContaining({ machineNumber: 'GM/12 Ø', name: 'Gravemaskin Volvo EC220' })]);
	sb.store.machineNumberAnswer = 'object';
	expect((await api.get(machines('by-machine-number', 'M-101'))).body).toMatchObject({ id: M101, companyId: DEMO_COMPANY_ID });
	expect((await api.get(machines('by-machine-number', 'M-404'))).status).toBe(404);
});

test("another company's machine is 404 everywhere, and never in the list", async () => {
	for (const answer of [await api.get(machines(OTHERS)), await api.patch(machines(OTHERS), { note: 'x' }), await api.put(machines(OTHERS), { note: 'x' })]) {
		expect(answer.status).toBe(404);
	}
	const list = await api.get(machines());
	expect(list.body.map((/** @type {{ id: string }} */ m) => m.id)).not.toContain(OTHERS);
	expect(list.body.map((/** @type {{ id: string }} */ m) => m.id)).toContain(EQUIPMENT);
	expect(sb.store.machines.get(OTHERS)?.note).toBeNull();
});

test('DELETE exists, with is-machine-deletable beside it', async () => {
	expect((await api.get(machines('is-machine-deletable', EQUIPMENT))).body).toBe(true);
	expect((await api.del(machines(EQUIPMENT))).status).toBe(204);
	expect((await api.get(machines(EQUIPMENT))).status).toBe(404);
});
