/**
 * Project resource, engine tier: input that cannot be right fails its item with a
 * NodeOperationError that names the field, points at the item, and leaves Ditio untouched;
 * input that only looks odd ("500", "2026-03-01") is accepted and converted. Continue On Fail
 * keeps the good items of a batch going.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { byId, DEMO_IDS, jsonOf, DEMO_COMPANY_ID, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { apiRequests, writes } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Project = Record<string, any>;
const demo = (projectNumber: string): Project | undefined => ditio.sandbox.store.findProjectByNumber(DEMO_COMPANY_ID, projectNumber);
const allProjects = (): Project[] => JSON.parse(JSON.stringify([...ditio.sandbox.store.projects.values()]));

beforeEach(() => ditio.sandbox.reset('demo'));

/**
 * Each operation that writes, with the bad value put where that operation takes it. Values come
 * through expressions, as from a spreadsheet or an earlier node.
 */
const FJELLHALL = byId(DEMO_IDS.projectFjellhall);
const withField = (operation: string, field: string): INodeParameters => {
	const value = '={{ $json.value }}';
	if (operation === 'update') return { resource: 'project', operation, project: FJELLHALL, updateFields: { [field]: value } };
	const number = field === 'projectNumber' ? value : operation === 'replace' ? 'P-2026-001' : 'P-2026-070';
	const additionalFields = field === 'projectNumber' ? { name: 'X' } : { [field]: value };
	return {
		resource: 'project',
		operation,
		projectNumber: number,
		additionalFields,
		...(operation === 'replace' && { project: FJELLHALL }),
	};
};

const OPERATIONS = ['create', 'upsert', 'update', 'replace'];

const BAD: Array<[string, string, IDataObject[string], RegExp]> = [
	['a date that is not a date', 'startDate', '2026-02-30', /^Invalid Start Date \(startDate\): "2026-02-30" is not a date$/],
	['a date that is text', 'finishedDatePlanned', 'neste uke', /^Invalid Planned Finish Date \(finishedDatePlanned\): /],
	['25:00 as a time', 'workBreakLunchStartTime', '25:00', /^Invalid Lunch Break Start \(workBreakLunchStartTime\): "25:00" is not a time HH:mm$/],
	['latitude 200', 'projectLocationLatitude', 200, /^Invalid Latitude \(projectLocationLatitude\): 200 is outside -90 to 90$/],
	['longitude -181', 'projectLocationLongitude', -181, /^Invalid Longitude \(projectLocationLongitude\): /],
	['an empty project number', 'projectNumber', '', /^Invalid Project Number \(projectNumber\): it is empty/],
	['a blank project number', 'projectNumber', '   ', /^Invalid Project Number \(projectNumber\): it is empty/],
	['a string field given an object', 'name', { first: 'Fjell', last: 'hall' }, /^Invalid Name \(name\): \{"first":"Fjell","last":"hall"\} is not text$/],
	['a number that is text', 'estimatedHourQty', 'tolv tusen', /^Invalid Estimated Hours \(estimatedHourQty\): "tolv tusen" is not a number$/],
	['minutes with a fraction', 'workBreakLunchLength', 30.5, /^Invalid Lunch Break Minutes \(workBreakLunchLength\): /],
	['a boolean that is not one', 'active', 'ja', /^Invalid Active \(active\): "ja" is not true or false$/],
];

describe.each(OPERATIONS)('%s refuses input that cannot be right, before any write', (operation) => {
	test.each(BAD)('%s', async (_label, field, value, message) => {
		const before = allProjects();
		const { error, items } = await ditio.run(withField(operation, field), [{ value }]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(message);
		expect(error!.description).toMatch(/Nothing was sent to Ditio for item 0/);
		expect(error!.context.itemIndex).toBe(0);
		expect(items).toEqual([]);
		expect(writes()).toEqual([]);
		expect(allProjects()).toEqual(before);
	});
});

describe('input that only looks odd is accepted and converted', () => {
	test.each(OPERATIONS)('%s: "500" becomes the number 500, "2026-03-01" a date, " 7:05" a time', async (operation) => {
		const parameters = withField(operation, 'estimatedHourQty');
		const fields = { estimatedHourQty: '500', startDate: '2026-03-01', workBreakDinnerStartTime: ' 7:05', projectLocationLatitude: '63,43' };
		if (operation === 'update') parameters.updateFields = fields;
		else parameters.additionalFields = fields;
		const { error } = await ditio.run(parameters);
		expect(error).toBeUndefined();
		const project = operation === 'create' || operation === 'upsert' ? demo('P-2026-070') : demo('P-2026-001');
		expect(project).toMatchObject({
			estimatedHourQty: 500,
			startDate: '2026-03-01T00:00:00Z',
			workBreakDinnerStartTime: '07:05',
			projectLocationLatitude: 63.43,
		});
		expect(writes().at(-1)!.body).toMatchObject({
			estimatedHourQty: 500,
			startDate: '2026-03-01T00:00:00Z',
			workBreakDinnerStartTime: '07:05',
			projectLocationLatitude: 63.43,
		});
	});

	test('a date from an expression (Luxon DateTime, JS Date) is sent as the same instant in UTC', async () => {
		const { error } = await ditio.run({
			resource: 'project',
			operation: 'create',
			projectNumber: 'P-2026-071',
			additionalFields: {
				startDate: '={{ DateTime.fromISO("2026-03-01T08:00:00", { zone: "Europe/Oslo" }) }}',
				finishedDatePlanned: '={{ new Date("2026-12-31T23:30:00-01:00") }}',
			},
		});
		expect(error).toBeUndefined();
		expect(demo('P-2026-071')).toMatchObject({ startDate: '2026-03-01T07:00:00Z', finishedDatePlanned: '2027-01-01T00:30:00Z' });
	});
});

describe('a project number given where a Ditio ID belongs', () => {
	test.each([
		['get', {}],
		['update', { updateFields: { name: 'X' } }],
		['replace', { projectNumber: 'P-2026-001' }],
		['delete', {}],
	])('%s in By ID mode fails with the hint to use By Project Number, before any request', async (operation, extra) => {
		const { error } = await ditio.run(
			{ resource: 'project', operation, project: { __rl: true, mode: 'id', value: '={{ $json.ref }}' }, ...extra },
			[{ ref: 'P-2026-001' }],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Project ID "P-2026-001" is not a Ditio ID');
		expect(error!.description).toMatch(/choose "By Project Number" in the Project field/);
		expect(error!.context.itemIndex).toBe(0);
		expect(apiRequests()).toEqual([]);
	});

	test('an empty Project fails before any request', async () => {
		const { error } = await ditio.run(
			{ resource: 'project', operation: 'delete', project: { __rl: true, mode: 'projectNumber', value: '={{ $json.ref }}' } },
			[{ ref: '' }],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Project is empty');
		expect(apiRequests()).toEqual([]);
	});
});

describe('a bad item in a batch', () => {
	const rows = {
		projectNumber: '={{ $json.number }}',
		additionalFields: { name: '={{ $json.name }}', projectLocationLatitude: '={{ $json.lat }}' },
	};
	const batch = [
		{ number: 'P-2026-080', name: 'Første', lat: 63.4 },
		{ number: 'P-2026-001', name: 'Fjellhall, nytt navn', lat: 63.4305 },
		{ number: 'P-2026-081', name: 'Tredje', lat: 200 },
		{ number: 'P-2026-082', name: 'Fjerde', lat: 59.9 },
	];

	test('Create or Update without Continue On Fail: item 2 stops the batch before anything is written', async () => {
		const before = allProjects();
		const { error, items } = await ditio.run({ resource: 'project', operation: 'upsert', ...rows }, batch);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/^Invalid Latitude \(projectLocationLatitude\)/);
		expect(error!.context.itemIndex).toBe(2);
		expect(items).toEqual([]);
		expect(writes()).toEqual([]);
		expect(allProjects()).toEqual(before);
	});

	test.each(['create', 'upsert'])('%s with Continue On Fail: the bad item fails alone, the good ones are written', async (operation) => {
		const { error, items, pairedItemsFromNode } = await ditio.run({ resource: 'project', operation, ...rows }, batch, {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const out = jsonOf(items);
		expect(out).toHaveLength(4);
		expect(out[2]).toMatchObject({ itemIndex: 2, error: expect.stringMatching(/^Invalid Latitude \(projectLocationLatitude\): 200/) });
		expect(out[2].description).toMatch(/Nothing was sent to Ditio for item 2/);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);

		expect(out[0]).toMatchObject({ projectNumber: 'P-2026-080', outcome: 'created' });
		expect(out[3]).toMatchObject({ projectNumber: 'P-2026-082', outcome: 'created' });
		expect(demo('P-2026-080')).toMatchObject({ name: 'Første' });
		expect(demo('P-2026-082')).toMatchObject({ name: 'Fjerde' });
		expect(demo('P-2026-081')).toBeUndefined();
		expect(writes().some((r) => r.body?.projectNumber === 'P-2026-081')).toBe(false);

		// Create leaves an existing project alone; Create or Update changes it.
		const expected = operation === 'create' ? ['unchanged', 'Prosjekt Fjellhall'] : ['updated', 'Fjellhall, nytt navn'];
		expect([out[1].outcome, demo('P-2026-001')!.name]).toEqual(expected);
	});

	test('Update with Continue On Fail: a bad item does not stop the others', async () => {
		const { items, error } = await ditio.run(
			{ resource: 'project', operation: 'update', project: { __rl: true, mode: 'projectNumber', value: '={{ $json.number }}' }, updateFields: { workBreakLunchStartTime: '={{ $json.time }}' } },
			[
				{ number: 'P-2026-001', time: '11:00' },
				{ number: 'P/2026/Æ-01', time: '25:00' },
				{ number: 'P-2025-017', time: '12:15' },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const out = jsonOf(items);
		expect(out[1]).toMatchObject({ itemIndex: 1, error: expect.stringMatching(/workBreakLunchStartTime/) });
		expect(demo('P-2026-001')!.workBreakLunchStartTime).toBe('11:00');
		expect(demo('P/2026/Æ-01')!.workBreakLunchStartTime).toBeNull();
		expect(demo('P-2025-017')!.workBreakLunchStartTime).toBe('12:15');
		expect(writes()).toHaveLength(2);
	});
});
