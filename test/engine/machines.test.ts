/**
 * Machine resource, engine tier: every operation against the sandbox, and what Ditio is sent:
 * `active: true` on create unless the item sets it, fuel and consumption by name through the ESG
 * route as Ditio's numbers, only the differences on Create or Update, dates as the user writes
 * them, fleet numbers with `/`, spaces and Ø as one path segment, the by-number answer as a
 * one-item array or as the machine, and Ditio's own refusal of an unknown machine type.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEMO_COMPANY_ID, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { apiRequests, writes, route } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const held = (id: string): Record<string, any> | undefined => ditio.sandbox.store.machines.get(id);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const heldByNumber = (machineNumber: string): Record<string, any> | undefined =>
	[...ditio.sandbox.store.machines.values()].find((m) => m.companyId === DEMO_COMPANY_ID && m.machineNumber === machineNumber);
const routes = () => apiRequests().map(route);

const M101 = '68a1c0ffee0ddba11c0ffe01';
const GM12 = '68a1c0ffee0ddba11c0ffe02';
const LB7 = '68a1c0ffee0ddba11c0ffe03';
const byNumber = (value: string) => ({ __rl: true, mode: 'machineNumber', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const machine = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'machine', operation, ...extra });

beforeEach(() => {
	ditio.sandbox.reset('demo');
});

describe('Create', () => {
	test('sends active: true unless the item sets Active, the service date as written, fuel and consumption by name through /esg', async () => {
		const { items, error } = await ditio.run(
			machine('create', {
				machineNumber: '={{ $json.nr }}',
				additionalFields: { name: '={{ $json.name }}', typeId: 'dumper', serviceDate: '={{ $json.service }}', fuelType: '={{ $json.fuel }}', fuelConsumptionUnit: 'l/h', fuelConsumptionRate: '={{ $json.rate }}' },
			}),
			[{ nr: 'DU 4/Ø', name: 'Dumper Volvo A30', service: '01.03.2026', fuel: 'Dyed Diesel', rate: '12,5' }],
		);
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST machines', `PATCH machines ${heldByNumber('DU 4/Ø')!.id} esg`]);
		expect(apiRequests()[0].path).toContain('/machines');
		expect(writes()[0].body).toEqual({ companyId: DEMO_COMPANY_ID, machineNumber: 'DU 4/Ø', active: true, name: 'Dumper Volvo A30', typeId: 'dumper', serviceDate: '2026-03-01' });
		expect(writes()[1].body).toEqual({ fuelType: 7, fuelConsumptionUnit: 0, fuelConsumptionRate: 12.5 });
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'created', machineNumber: 'DU 4/Ø', active: true, fuelType: 7 });
		expect(heldByNumber('DU 4/Ø')).toMatchObject({ active: true, serviceDate: '2026-03-01T00:00:00Z', fuelType: 7, fuelConsumptionRate: 12.5 });
	});

	test('Active set to false on the item is sent as false; without fuel fields there is no /esg request', async () => {
		await ditio.run(machine('create', { machineNumber: 'D-2', additionalFields: { typeId: 'dumper', active: false } }), [{}]);
		expect(routes()).toEqual(['POST machines']);
		expect(writes()[0].body).toMatchObject({ active: false });
		expect(heldByNumber('D-2')?.active).toBe(false);
	});

	test("an unknown machine type fails the item with Ditio's message, code and status, and where types come from; equipment needs none", async () => {
		const { items, error } = await ditio.run(
			machine('create', { machineNumber: '={{ $json.nr }}', additionalFields: { typeId: '={{ $json.type }}', isEquipment: '={{ $json.equipment }}' } }),
			[
				{ nr: 'X-1', type: 'gravemaskin', equipment: false },
				{ nr: 'UT-9', type: 'skuff', equipment: true },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const [refused, equipment] = jsonOf(items);
		expect(refused).toMatchObject({ httpCode: '400', itemIndex: 0 });
		expect(String(refused.error)).toMatch(/^Ditio answered 400: Maskintypen 'gravemaskin' finnes ikke.*\(MachineService\.machineTypeInvalid\)/);
		expect(String(refused.description)).toMatch(/new types come only through Ditio support/);
		expect(equipment).toMatchObject({ outcome: 'created', machineNumber: 'UT-9', isEquipment: true });
	});

	test('a fuel type that is not one of the list fails the run before anything is sent, naming the field, the item and the choices', async () => {
		const { error } = await ditio.run(machine('create', { machineNumber: '={{ $json.nr }}', additionalFields: { typeId: 'dumper', fuelType: '={{ $json.fuel }}' } }), [
			{ nr: 'D-3', fuel: 'Diesel' },
			{ nr: 'D-4', fuel: 'Kull' },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Invalid Fuel Type (fuelType): "Kull" is not one of None (0), Diesel (1), Biodiesel (2), Gasoline (3), Electric (4), Gas (5), Natural Gas (6), Dyed Diesel (7)');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('Create or Update', () => {
	const upsert = machine('upsert', {
		machineNumber: '={{ $json.nr }}',
		additionalFields: { name: '={{ $json.name }}', typeId: '={{ $json.type }}', fuelType: '={{ $json.fuel }}' },
	});
	const fleet = [
		{ nr: 'M-101', name: 'Hjullaster CAT 950', type: 'hjullaster', fuel: 'Diesel' },
		{ nr: 'GM/12 Ø', name: 'Gravemaskin Volvo EC220E', type: 'beltemaskin', fuel: 'Electric' },
		{ nr: 'LB 8', name: 'Lastebil Volvo FH', type: 'lastebil', fuel: 'Biodiesel' },
	];

	test('one list read, then only what differs: unchanged costs nothing, a change is one PATCH of the changed fields, fuel through /esg, a new one POST with active: true', async () => {
		const { items, error } = await ditio.run(upsert, fleet);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((j) => [j.machineNumber, j.outcome, j.changedFields])).toEqual([
			['M-101', 'unchanged', undefined],
			['GM/12 Ø', 'updated', ['name', 'fuelType']],
			['LB 8', 'created', undefined],
		]);
		const lb8 = heldByNumber('LB 8')!;
		// The items run in parallel: each item's own requests in order, the items' in any order.
		expect(routes()[0]).toBe('GET machines');
		const of = (prefix: string) => writes().filter((w) => route(w).startsWith(prefix) || (prefix === 'POST' && w.method === 'POST'));
		expect(of(`PATCH machines ${GM12}`).map((w) => [route(w), w.body])).toEqual([
			[`PATCH machines ${GM12}`, { name: 'Gravemaskin Volvo EC220E' }],
			[`PATCH machines ${GM12} esg`, { fuelType: 4 }],
		]);
		expect(routes().indexOf('POST machines')).toBeLessThan(routes().indexOf(`PATCH machines ${lb8.id} esg`));
		expect(of('POST')[0].body).toMatchObject({ machineNumber: 'LB 8', active: true });
		expect(writes()).toHaveLength(4);
		// Preserve-on-omit: what the row did not name stays as Ditio had it.
		expect(held(GM12)).toMatchObject({ name: 'Gravemaskin Volvo EC220E', fuelType: 4, department: 'Maskin', buildYear: 2021, active: true });
		expect(lb8).toMatchObject({ active: true, fuelType: 2, typeId: 'lastebil' });

		const again = await ditio.run(upsert, fleet);
		expect(jsonOf(again.items).map((j) => j.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		// The first run wrote four times; the second adds nothing.
		expect(writes()).toHaveLength(4);
	});

	test('an item that reactivates nothing leaves Active alone: a machine deactivated in Ditio stays inactive', async () => {
		const { items } = await ditio.run(upsert, [{ nr: 'LB-7', name: 'Lastebil Scania R500', type: 'lastebil', fuel: 'None' }]);
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'unchanged', active: false });
		expect(held(LB7)?.active).toBe(false);
	});

	test('Preview Only reads as a real run does and writes nothing; the real run then does what it said', async () => {
		const previewRun = await ditio.run({ ...upsert, options: { previewOnly: true } }, fleet);
		expect(jsonOf(previewRun.items).map((j) => [j.outcome, j.preview, j.changes])).toEqual([
			['unchanged', true, undefined],
			['updated', true, { name: { before: 'Gravemaskin Volvo EC220', after: 'Gravemaskin Volvo EC220E' }, fuelType: { before: 0, after: 4 } }],
			['created', true, undefined],
		]);
		expect(routes()).toEqual(['GET machines']);
		const real = await ditio.run(upsert, fleet);
		expect(jsonOf(real.items).map((j) => j.outcome)).toEqual(['unchanged', 'updated', 'created']);
	});

	test("Deactivate Missing sets the company's active machines the fleet list no longer has inactive, never deleting, after the input's writes", async () => {
		const { items, error } = await ditio.run({ ...upsert, options: { deactivateMissing: true, maxDeactivateShare: 50 } }, fleet.slice(0, 2));
		expect(error).toBeUndefined();
		const deactivated = jsonOf(items).filter((j) => j.outcome === 'deactivated');
		// UT-3 (equipment) is the active record of the company the list does not name; LB-7 is inactive already.
		expect(deactivated.map((j) => j.machineNumber)).toEqual(['UT-3']);
		expect(routes().slice(-1)).toEqual(['PATCH machines 68a1c0ffee0ddba11c0ffe04']);
		expect(writes().slice(-1)[0].body).toEqual({ active: false });
		expect(ditio.sandbox.store.machines.get('68a1c0ffee0ddba11c0ffe04')?.active).toBe(false);
	});

	test('the safety stop: a cut-off list that would deactivate most of the fleet fails before any write', async () => {
		const { error } = await ditio.run({ ...upsert, options: { deactivateMissing: true } }, fleet.slice(0, 1));
		expect(error?.message).toMatch(/^Deactivate Missing would set 2 of the 3 active machines of company .* inactive/);
		expect(writes()).toEqual([]);
	});
});

describe('Get', () => {
	test('by machine number, whether Ditio answers a one-item array or the machine itself; by ID', async () => {
		const asArray = await ditio.run(machine('get', { machine: byNumber('GM/12 Ø') }), [{}]);
		expect(jsonOf(asArray.items)).toEqual([expect.objectContaining({ id: GM12, machineNumber: 'GM/12 Ø', typeId: 'beltemaskin' })]);
		expect(apiRequests()[0].path).toMatch(/\/machines\/by-machine-number\/GM%2F12%20%C3%98$/);

		ditio.sandbox.store.machineNumberAnswer = 'object';
		const asObject = await ditio.run(machine('get', { machine: byNumber('M-101') }), [{}]);
		expect(jsonOf(asObject.items)).toEqual([expect.objectContaining({ id: M101, machineNumber: 'M-101' })]);

		const full = await ditio.run(machine('get', { machine: byId(M101), simplify: false }), [{}]);
		expect(jsonOf(full.items)[0]).toMatchObject({ id: M101, fuelConsumptionRate: 14.5, registrationNumber: 'EL 12345', note: null });
		const simple = await ditio.run(machine('get', { machine: byId(M101) }), [{}]);
		expect(Object.keys(jsonOf(simple.items)[0]).slice(0, 3)).toEqual(['id', 'companyId', 'machineNumber']);
		expect(jsonOf(simple.items)[0].note).toBeUndefined();
	});

	test("a number Ditio does not know is its 404, with its message; another company's machine is not found either", async () => {
		const { error } = await ditio.run(machine('get', { machine: byNumber('M-404') }), [{}]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe('Ditio answered 404: Machine M-404 was not found (NotFound)');
		expect(error!.description).toMatch(/No machine of the companies of this API client has the number "M-404"/);
		const other = await ditio.run(machine('get', { machine: byId('68a1c0ffee0ddba11c0ffe05') }), [{}]);
		expect((other.error as NodeApiError).httpCode).toBe('404');
	});

	test('a fleet number in By ID mode is refused before any request, with a hint', async () => {
		const { error } = await ditio.run(machine('get', { machine: byId('={{ $json.nr }}') }), [{ nr: 'M-101' }]);
		expect(error!.message).toBe('Machine ID "M-101" is not a Ditio ID');
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('Get Many', () => {
	test("the company's machines and equipment, filtered by the node (Ditio has no filters), with Limit", async () => {
		const all = await ditio.run(machine('getAll', { returnAll: true }), [{}]);
		expect(jsonOf(all.items).map((j) => j.machineNumber)).toEqual(['M-101', 'GM/12 Ø', 'LB-7', 'UT-3']);
		const active = await ditio.run(machine('getAll', { returnAll: true, filters: { active: 'active', equipment: 'machines' } }), [{}]);
		expect(jsonOf(active.items).map((j) => j.machineNumber)).toEqual(['M-101', 'GM/12 Ø']);
		const typed = await ditio.run(machine('getAll', { returnAll: false, limit: 1, filters: { typeId: 'lastebil' } }), [{}]);
		expect(jsonOf(typed.items).map((j) => j.machineNumber)).toEqual(['LB-7']);
		expect(routes()).toEqual(['GET machines', 'GET machines', 'GET machines']);
	});
});

describe('Update', () => {
	test('by number: one look-up, then a PATCH of only the fields given; fuel settings only through /esg', async () => {
		const { items, error } = await ditio.run(
			machine('update', { machine: byNumber('GM/12 Ø'), updateFields: { hourMeter: '4512,5', fuelConsumptionUnit: 'kWh/h', fuelConsumptionRate: 38 } }),
			[{}],
		);
		expect(error).toBeUndefined();
		expect(routes()).toEqual([`GET machines by-machine-number GM/12 Ø`, `PATCH machines ${GM12}`, `PATCH machines ${GM12} esg`]);
		expect(writes().map((w) => w.body)).toEqual([{ hourMeter: 4512.5 }, { fuelConsumptionUnit: 2, fuelConsumptionRate: 38 }]);
		expect(jsonOf(items)[0]).toMatchObject({ hourMeter: 4512.5, fuelConsumptionUnit: 2, name: 'Gravemaskin Volvo EC220' });
	});

	test('only fuel settings: no PATCH of the machine itself', async () => {
		await ditio.run(machine('update', { machine: byId(M101), updateFields: { fuelType: 'Electric' } }), [{}]);
		expect(routes()).toEqual([`PATCH machines ${M101} esg`]);
		expect(held(M101)).toMatchObject({ fuelType: 4, name: 'Hjullaster CAT 950' });
	});

	test('nothing to update, or a machine number that does not exist in the last item: the run fails before anything is written', async () => {
		const empty = await ditio.run(machine('update', { machine: byId(M101), updateFields: {} }), [{}]);
		expect(empty.error!.message).toBe('Nothing to update');
		expect(apiRequests()).toHaveLength(0);

		const missing = await ditio.run(machine('update', { machine: byNumber('={{ $json.nr }}'), updateFields: { note: 'Service' } }), [{ nr: 'M-101' }, { nr: 'M-404' }]);
		expect(missing.error!.message).toMatch(/M-404/);
		expect(writes()).toEqual([]);
	});
});

describe('Deactivate', () => {
	test("sends active: false (Ditio's advice instead of deleting), by number or by ID", async () => {
		const { items, error } = await ditio.run(machine('deactivate', { machine: byNumber('={{ $json.nr }}') }), [{ nr: 'GM/12 Ø' }, { nr: 'M-101' }]);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((j) => [j.machineNumber, j.outcome, j.active])).toEqual([
			['GM/12 Ø', 'deactivated', false],
			['M-101', 'deactivated', false],
		]);
		expect(writes().map((w) => [route(w), w.body])).toEqual([
			[`PATCH machines ${GM12}`, { active: false }],
			[`PATCH machines ${M101}`, { active: false }],
		]);
		expect(apiRequests().filter((r) => r.method === 'DELETE')).toEqual([]);
		expect(held(GM12)).toMatchObject({ active: false, name: 'Gravemaskin Volvo EC220', department: 'Maskin' });
	});
});
