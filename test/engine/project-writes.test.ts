/**
 * Project resource, engine tier: what Create and Create or Update write, and what they tell the
 * user they wrote. Ditio answers a create of an existing number with the old project, unchanged,
 * as if it had worked (docs/ditio-api.md): the node must never let the user believe a change was made.
 */
import { NodeOperationError } from 'n8n-workflow';

import { DEMO_COMPANY_ID, DEMO_IDS, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { writes, countOf } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Project = Record<string, any>;
const inCompany = (companyId: string, projectNumber: string): Project | undefined =>
	ditio.sandbox.store.findProjectByNumber(companyId, projectNumber);
const demo = (projectNumber: string) => inCompany(DEMO_COMPANY_ID, projectNumber);
const allProjects = (): Project[] => JSON.parse(JSON.stringify([...ditio.sandbox.store.projects.values()]));

beforeEach(() => ditio.sandbox.reset('demo'));

const create = (extra: Record<string, unknown>) => ({ resource: 'project', operation: 'create', ...extra });
const upsert = (extra: Record<string, unknown>) => ({ resource: 'project', operation: 'upsert', ...extra });

describe('Create', () => {
	test('a new number is created with the fields given, and said to be created', async () => {
		const { items, error } = await ditio.run(
			create({
				projectNumber: 'P-2026-050',
				additionalFields: { name: 'Tunnel nord', active: true, startDate: '2026-05-01', workBreakLunchStartTime: '11:30' },
			}),
		);
		expect(error).toBeUndefined();
		const record = demo('P-2026-050');
		expect(record).toMatchObject({
			companyId: DEMO_COMPANY_ID,
			name: 'Tunnel nord',
			active: true,
			startDate: '2026-05-01T00:00:00Z',
			workBreakLunchStartTime: '11:30',
		});
		expect(jsonOf(items)).toEqual([{ ...record, outcome: 'created' }]);
		expect(countOf('POST')).toBe(1);
	});

	test('an existing number is not changed, and the output says so with a notice', async () => {
		const before = allProjects();
		const { items, error } = await ditio.run(
			create({ projectNumber: 'P-2026-001', additionalFields: { name: 'Et helt annet navn', active: false } }),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.projectFjellhall, name: 'Prosjekt Fjellhall', outcome: 'unchanged' });
		expect(items[0].json.notice).toMatch(/already exists.*unchanged/);
		expect(allProjects()).toEqual(before);
		expect(writes()).toEqual([]);
	});

	test('an existing number with "If the Project Number Exists" = Fail fails the item, nothing written', async () => {
		const before = allProjects();
		const { error, items } = await ditio.run(
			create({ projectNumber: 'P/2026/Æ-01', ifExists: 'error', additionalFields: { name: 'Nytt navn' } }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Project number "P/2026/Æ-01" already exists');
		expect(error!.description).toMatch(/Create or Update/);
		expect(error!.context.itemIndex).toBe(0);
		expect(items).toEqual([]);
		expect(allProjects()).toEqual(before);
		expect(writes()).toEqual([]);
	});

	test('the same new number twice in one batch is created once; the second says unchanged', async () => {
		const { items, error } = await ditio.run(create({ projectNumber: '={{ $json.n }}', additionalFields: { name: '={{ $json.name }}' } }), [
			{ n: 'P-DUP-1', name: 'Først' },
			{ n: 'P-DUP-1', name: 'Sist' },
		]);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((p) => p.outcome)).toEqual(['created', 'unchanged']);
		expect(countOf('POST')).toBe(1);
		expect(demo('P-DUP-1')!.name).toBe('Først');
		expect(allProjects().filter((p) => p.projectNumber === 'P-DUP-1')).toHaveLength(1);
	});
});

describe('every field of the projects reference page', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { PROJECT } = require('../../sandbox/fields');
	const apiFields: string[] = PROJECT.fields.map((f: { name: string }) => f.name);
	const optional = apiFields.filter((name) => name !== 'companyId' && name !== 'projectNumber');
	const EVERY_FIELD = {
		name: 'Alle felt',
		externalProjectNumber: 'ERP-9000',
		externalDimension1: 'DIM-1',
		externalDimension2: 'DIM-2',
		description: 'Med alle felt satt',
		active: true,
		requireTaskNumber: true,
		blockedForRegistration: true,
		startDate: '2026-06-01T06:00:00Z',
		finishedDatePlanned: '2026-09-30',
		finishedDate: '2026-10-15T14:30:00+02:00',
		estimatedHourQty: 1234.5,
		mainForemanId: '+4790000000',
		projectLeaderId: 'Kari Nordmann',
		mainContactEmail: 'kari@example.com',
		projectCustomerName: 'Åsen AS',
		customerNumber: 'K-9000',
		projectAddress: 'Storgata 1, Bodø',
		projectLocationLatitude: 67.28,
		projectLocationLongitude: 14.40,
		workBreakLunchStartTime: '11:15',
		workBreakLunchLength: 25,
		workBreakDinnerStartTime: '17:00',
		workBreakDinnerLength: 40,
	};

	test('the test data sets every optional field', () => {
		expect(Object.keys(EVERY_FIELD).sort()).toEqual([...optional].sort());
	});

	test('the editor offers each of them, under Additional Fields and Update Fields', () => {
		const type = ditio.engine.nodeTypes.getByName(ditio.engine.nodeType) as { description: { properties: Array<Record<string, any>> } };
		const optionsOf = (name: string, operation: string) =>
			type.description.properties
				.find((p) => p.name === name && p.displayOptions?.show?.resource?.includes('project') && p.displayOptions?.show?.operation?.includes(operation))
				?.options.map((o: { name: string }) => o.name)
				.sort();
		for (const operation of ['create', 'upsert', 'replace']) {
			expect(optionsOf('additionalFields', operation)).toEqual([...optional, 'companyId'].sort());
		}
		expect(optionsOf('updateFields', 'update')).toEqual([...optional, 'projectNumber'].sort());
	});

	test('Create sends every one of them, and Ditio stores each', async () => {
		const { items, error } = await ditio.run(create({ projectNumber: 'P-ALL-1', additionalFields: EVERY_FIELD }));
		expect(error).toBeUndefined();
		expect(demo('P-ALL-1')).toEqual({
			id: items[0].json.id,
			companyId: DEMO_COMPANY_ID,
			projectNumber: 'P-ALL-1',
			...EVERY_FIELD,
			finishedDatePlanned: '2026-09-30T00:00:00Z',
			finishedDate: '2026-10-15T12:30:00Z',
		});
	});

	test('Create or Update of the same values right after is unchanged, with no write', async () => {
		await ditio.run(create({ projectNumber: 'P-ALL-2', additionalFields: EVERY_FIELD }));
		ditio.sandbox.clearRequests();
		const { items, error } = await ditio.run(upsert({ projectNumber: 'P-ALL-2', additionalFields: EVERY_FIELD }));
		expect(error).toBeUndefined();
		expect(items[0].json.outcome).toBe('unchanged');
		expect(writes()).toEqual([]);
	});
});

describe('Create or Update', () => {
	const rows = { projectNumber: '={{ $json.number }}', additionalFields: { name: '={{ $json.name }}' } };

	test('one batch: created, updated (with changedFields) and unchanged', async () => {
		const { items, error, pairedItemsFromNode } = await ditio.run(upsert(rows), [
			{ number: 'P-2026-060', name: 'Ny hall' },
			{ number: 'P-2026-001', name: 'Prosjekt Fjellhall - fase 2' },
			{ number: 'P/2026/Æ-01', name: 'Ærfuglveien barnehage' },
		]);
		expect(error).toBeUndefined();
		const out = jsonOf(items);
		expect(out.map((p) => [p.projectNumber, p.outcome])).toEqual([
			['P-2026-060', 'created'],
			['P-2026-001', 'updated'],
			['P/2026/Æ-01', 'unchanged'],
		]);
		expect(out[1].changedFields).toEqual(['name']);
		expect(out[0].changedFields).toBeUndefined();
		expect(out[2].changedFields).toBeUndefined();
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		expect(demo('P-2026-060')).toMatchObject({ name: 'Ny hall', id: out[0].id });
		expect(demo('P-2026-001')!.name).toBe('Prosjekt Fjellhall - fase 2');
		expect(demo('P/2026/Æ-01')!.name).toBe('Ærfuglveien barnehage');
		expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
	});

	test('never resets a field the user did not give', async () => {
		const before = demo('P-2026-001')!;
		const snapshot = JSON.parse(JSON.stringify(before));
		const { items, error } = await ditio.run(
			// `active` is given as it already is: not a change.
			upsert({ projectNumber: 'P-2026-001', additionalFields: { name: 'Fjellhall II', estimatedHourQty: 13000, active: true } }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json.outcome).toBe('updated');
		expect([...(items[0].json.changedFields as string[])].sort()).toEqual(['estimatedHourQty', 'name']);
		// Everything but the two fields given is as it was: description, dates, customer, location, breaks …
		expect(demo('P-2026-001')).toEqual({ ...snapshot, name: 'Fjellhall II', estimatedHourQty: 13000 });
		expect(writes().map((r) => [r.method, r.body])).toEqual([['PATCH', { name: 'Fjellhall II', estimatedHourQty: 13000 }]]);
	});

	test('a batch that changes nothing makes no write request, however the values are written', async () => {
		// The same instant as Ditio may write it: dates are compared as instants, not as text.
		demo('P/2026/Æ-01')!.startDate = '2026-04-15T02:00:00+02:00';
		const before = allProjects();
		const { items, error } = await ditio.run(
			upsert({
				projectNumber: '={{ $json.number }}',
				additionalFields: {
					name: '={{ $json.name }}',
					active: true,
					startDate: '={{ $json.start }}',
					estimatedHourQty: '={{ $json.hours }}',
				},
			}),
			[
				// Same values as stored, in the forms a spreadsheet hands over.
				{ number: 'P-2026-001', name: 'Prosjekt Fjellhall', start: '2026-03-01', hours: '12000' },
				{ number: 'P/2026/Æ-01', name: 'Ærfuglveien barnehage', start: '2026-04-15', hours: 0 },
			],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((p) => [p.outcome, p.changedFields])).toEqual([['unchanged', undefined], ['unchanged', undefined]]);
		expect(countOf('POST') + countOf('PUT') + countOf('PATCH') + countOf('DELETE')).toBe(0);
		expect(countOf('GET')).toBe(1);
		expect(allProjects()).toEqual(before);
	});

	test('the same new number twice in one batch creates one project', async () => {
		const { items, error } = await ditio.run(upsert(rows), [
			{ number: 'P-DUP-2', name: 'Brygge' },
			{ number: 'P-DUP-2', name: 'Brygge' },
			{ number: 'P-DUP-2', name: 'Brygge, utvidet' },
		]);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((p) => p.outcome)).toEqual(['created', 'unchanged', 'updated']);
		expect(new Set(jsonOf(items).map((p) => p.id)).size).toBe(1);
		expect(countOf('POST')).toBe(1);
		expect(allProjects().filter((p) => p.projectNumber === 'P-DUP-2')).toHaveLength(1);
		expect(demo('P-DUP-2')!.name).toBe('Brygge, utvidet');
	});

	test('a project number with "/", spaces and Norwegian letters: created, then unchanged', async () => {
		const parameters = upsert({ projectNumber: 'P/2027/Ærø Øst Å-02', additionalFields: { name: 'Ærøveien' } });
		const first = await ditio.run(parameters);
		expect(first.items[0].json.outcome).toBe('created');
		ditio.sandbox.clearRequests();
		const second = await ditio.run(parameters);
		expect(second.items[0].json).toMatchObject({ outcome: 'unchanged', id: first.items[0].json.id });
		expect(writes()).toEqual([]);
		expect(allProjects().filter((p) => p.projectNumber === 'P/2027/Ærø Øst Å-02')).toHaveLength(1);
	});
});

describe('a project number with spaces around it, as a spreadsheet cell may hold it', () => {
	test('Create finds the existing project instead of making a near-duplicate', async () => {
		const before = allProjects();
		const { items, error } = await ditio.run(create({ projectNumber: '={{ $json.n }}' }), [{ n: ' P-2026-001 ' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.projectFjellhall, outcome: 'unchanged' });
		expect(allProjects()).toEqual(before);
	});

	test('Create or Update updates the existing project', async () => {
		const { items, error } = await ditio.run(upsert({ projectNumber: '={{ $json.n }}', additionalFields: { name: 'Fjellhall III' } }), [
			{ n: 'P-2026-001\t' },
		]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.projectFjellhall, outcome: 'updated' });
		expect(demo('P-2026-001')!.name).toBe('Fjellhall III');
		expect(countOf('POST')).toBe(0);
	});

	test('Update renames a project to the number without the spaces', async () => {
		const { error } = await ditio.run({
			resource: 'project',
			operation: 'update',
			project: { __rl: true, mode: 'id', value: DEMO_IDS.projectBryggen },
			updateFields: { projectNumber: '={{ $json.n }}' },
		}, [{ n: ' P-2025-017B ' }]);
		expect(error).toBeUndefined();
		expect(ditio.sandbox.store.getProject(DEMO_IDS.projectBryggen).projectNumber).toBe('P-2025-017B');
	});

	test('a new number is stored without the spaces, so Get by number finds it', async () => {
		await ditio.run(create({ projectNumber: '={{ $json.n }}' }), [{ n: '  P-2026-090 ' }]);
		expect(demo('P-2026-090')).toBeDefined();
		const { items, error } = await ditio.run({ resource: 'project', operation: 'get', project: { __rl: true, mode: 'projectNumber', value: ' P-2026-090' } });
		expect(error).toBeUndefined();
		expect(items[0].json.projectNumber).toBe('P-2026-090');
	});
});
