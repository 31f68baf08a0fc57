/**
 * Every operation of every resource, engine tier, from one table: five items, of which two or
 * three have bad input and (where the operation looks anything up) one names a project that
 * does not exist. With Continue On Fail: exactly five output items, paired 0…4 in order, each
 * bad one an error item naming its field or the missing number, the good ones done. Without it:
 * the run fails on the first bad item before any request; and with only the missing number left
 * among good items, it fails naming that number before anything is written.
 *
 * A new operation is one row in ROWS; an operation of the node with no row fails the first test.
 */
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { byNumber, DEMO_COMPANY_ID, DEMO_IDS, requestLog, useDitio } from './support/ditio';

// The operations as the built node has them (the engine tier loads dist/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OPERATIONS } = require('../../dist/nodes/Ditio/actions/operations') as { OPERATIONS: Record<string, Record<string, unknown>> };

const ditio = useDitio('demo');
const log = requestLog(ditio);
const store = () => ditio.sandbox.store;

beforeEach(() => ditio.sandbox.reset('demo'));

const MISSING = 'P-9999-404';
const P1 = 'P-2026-001';
const P2 = 'P/2026/Æ-01';
const fromItem = (field: string) => `={{ $json.${field} }}`;
const projectFromItem = byNumber(fromItem('p'));

function file(fileName: string, mimeType = 'application/pdf'): IBinaryData {
	const data = Buffer.from(`contents of ${fileName}`);
	return { data: data.toString('base64'), mimeType, fileName, bytes: data.length };
}
const withFile = (json: IDataObject, field: string, fileName: string): INodeExecutionData => ({ json, binary: { [field]: file(fileName) } });

interface Row {
	parameters: INodeParameters;
	/** Five items; `before` is what setup() made. */
	items(before: IDataObject): Array<IDataObject | INodeExecutionData>;
	/** Bad input: item index → what its error item says (naming the field). At least two. */
	bad: Record<number, RegExp>;
	/** The item whose project (or other looked-up record) does not exist; absent where nothing is looked up. */
	missing?: number;
	/** Whether the operation writes (then "nothing written" is asserted). */
	writes: boolean;
	/** Records the good items work on, made in the sandbox before the run. */
	setup?(): Promise<IDataObject> | IDataObject;
}

const freshProjects = () => ({
	a: store().addProject(DEMO_COMPANY_ID, { projectNumber: 'P-2027-501', name: 'A' }).projectNumber,
	b: store().addProject(DEMO_COMPANY_ID, { projectNumber: 'P-2027-502', name: 'B' }).projectNumber,
});
const freshTasks = () => ({
	a: store().addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-951', name: 'A' }).id,
	b: store().addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-952', name: 'B' }).id,
});
/** Two files on P-2026-001, uploaded through the node itself. */
async function freshFiles(): Promise<IDataObject> {
	const { items, error } = await ditio.run(
		{ resource: 'document', operation: 'upload', attachTo: 'project', project: byNumber(P1), binaryPropertyName: 'data', options: {} },
		[withFile({}, 'data', 'a.pdf'), withFile({}, 'data', 'b.pdf')],
	);
	if (error) throw error;
	return { a: items[0].json.fileReferenceId, b: items[1].json.fileReferenceId };
}

const NOT_A_DATE = /^Invalid Start Date \(startDate\): "2027-13-01" is not a date/;
const LUNCH = /Lunch Break Start \(workBreakLunchStartTime\).*25:00/;
const LATITUDE = /Latitude \(projectLocationLatitude\).*200/;
const NO_NUMBER = /Project Number \(projectNumber\)/;
const NO_PROJECT = /^Project is empty$/;
const NOT_AN_ID = /"nope" is not a Ditio ID/;
const COST = /Cost Price \(costPrice\).*dyr/;
const NO_EXTERNAL_ID = /External ID \(externalId\)/;
const LIMIT = (value: string) => new RegExp(`^Invalid Limit \\(limit\\): "${value}" is not a whole number of 1 or more$`);

const projectCreateLike = (operation: string): Row => ({
	parameters: {
		resource: 'project',
		operation,
		projectNumber: fromItem('n'),
		additionalFields: { startDate: fromItem('start'), workBreakLunchStartTime: fromItem('lunch'), projectLocationLatitude: fromItem('lat') },
	},
	items: () => [
		{ n: 'P-2027-001', start: '2027-01-01', lunch: '11:00', lat: 60 },
		{ n: 'P-2027-002', start: '2027-13-01', lunch: '11:00', lat: 60 },
		{ n: 'P-2027-003', start: '2027-01-01', lunch: '25:00', lat: 60 },
		{ n: 'P-2027-004', start: '2027-01-01', lunch: '11:00', lat: 200 },
		{ n: '', start: '2027-01-01', lunch: '11:00', lat: 60 },
	],
	bad: { 1: NOT_A_DATE, 2: LUNCH, 3: LATITUDE, 4: NO_NUMBER },
	writes: true,
});

const taskCreateLike = (operation: string, extra: INodeParameters = {}): Row => ({
	parameters: { resource: 'task', operation, project: projectFromItem, externalId: fromItem('ext'), additionalFields: { costPrice: fromItem('cost') }, ...extra },
	items: () => [
		{ id: DEMO_IDS.taskGrunnarbeid, p: P1, ext: 'WO-801', cost: 10 },
		{ id: DEMO_IDS.taskGrunnarbeid, p: P1, ext: 'WO-802', cost: 'dyr' },
		{ id: DEMO_IDS.taskGrunnarbeid, p: P1, ext: '', cost: 10 },
		{ id: DEMO_IDS.taskGrunnarbeid, p: MISSING, ext: 'WO-804', cost: 10 },
		{ id: DEMO_IDS.taskRiving, p: P2, ext: 'WO-805', cost: 10 },
	],
	bad: { 1: COST, 2: NO_EXTERNAL_ID },
	missing: 3,
	writes: true,
});

/** Document operations on a project by number; `extra` per item. */
const documentRow = (operation: string, parameters: INodeParameters, row: Omit<Row, 'parameters'>): Row => ({
	...row,
	parameters: { resource: 'document', operation, attachTo: 'project', project: projectFromItem, options: {}, ...parameters },
});

/** resource → operation → row. Add a row with every new operation. */
const ROWS: Record<string, Record<string, Row>> = {
	project: {
		create: projectCreateLike('create'),
		upsert: projectCreateLike('upsert'),
		update: {
			parameters: { resource: 'project', operation: 'update', project: projectFromItem, updateFields: { projectLocationLatitude: fromItem('lat') } },
			items: () => [
				{ p: P1, lat: 59 },
				{ p: P1, lat: 200 },
				{ p: '', lat: 59 },
				{ p: MISSING, lat: 59 },
				{ p: P2, lat: 60 },
			],
			bad: { 1: LATITUDE, 2: NO_PROJECT },
			missing: 3,
			writes: true,
		},
		replace: {
			parameters: { resource: 'project', operation: 'replace', project: projectFromItem, projectNumber: fromItem('p'), additionalFields: { startDate: fromItem('start') } },
			items: () => [
				{ p: P1, start: '2027-01-01' },
				{ p: P1, start: '2027-13-01' },
				{ p: '', start: '2027-01-01' },
				{ p: MISSING, start: '2027-01-01' },
				{ p: P2, start: '2027-01-01' },
			],
			bad: { 1: NOT_A_DATE, 2: NO_NUMBER },
			missing: 3,
			writes: true,
		},
		delete: {
			parameters: { resource: 'project', operation: 'delete', project: projectFromItem },
			setup: freshProjects,
			items: ({ a, b }) => [{ p: a }, { p: '' }, { p: ' ' }, { p: MISSING }, { p: b }],
			bad: { 1: NO_PROJECT, 2: NO_PROJECT },
			missing: 3,
			writes: true,
		},
		get: {
			parameters: { resource: 'project', operation: 'get', project: projectFromItem },
			items: () => [{ p: P1 }, { p: '' }, { p: ' ' }, { p: MISSING }, { p: P2 }],
			bad: { 1: NO_PROJECT, 2: NO_PROJECT },
			missing: 3,
			writes: false,
		},
		getAll: {
			parameters: { resource: 'project', operation: 'getAll', returnAll: false, limit: fromItem('limit') },
			items: () => [{ limit: 1 }, { limit: 0 }, { limit: 'alle' }, { limit: 1.5 }, { limit: 1 }],
			bad: { 1: LIMIT('0'), 2: LIMIT('alle'), 3: LIMIT('1.5') },
			writes: false,
		},
	},
	task: {
		create: taskCreateLike('create'),
		upsert: taskCreateLike('upsert'),
		replace: taskCreateLike('replace', { taskId: fromItem('id') }),
		update: {
			parameters: { resource: 'task', operation: 'update', taskId: fromItem('id'), updateFields: { costPrice: fromItem('cost') } },
			items: () => [
				{ id: DEMO_IDS.taskGrunnarbeid, cost: 10 },
				{ id: 'nope', cost: 10 },
				{ id: DEMO_IDS.taskGrunnarbeid, cost: 'dyr' },
				{ id: '', cost: 10 },
				{ id: DEMO_IDS.taskRiving, cost: 20 },
			],
			bad: { 1: NOT_AN_ID, 2: COST, 3: /Work Order ID/ },
			writes: true,
		},
		delete: {
			parameters: { resource: 'task', operation: 'delete', taskId: fromItem('id') },
			setup: freshTasks,
			items: ({ a, b }) => [{ id: a }, { id: 'nope' }, { id: '' }, { id: 'zzz' }, { id: b }],
			bad: { 1: NOT_AN_ID, 2: /Work Order ID/, 3: /"zzz" is not a Ditio ID/ },
			writes: true,
		},
		get: {
			parameters: { resource: 'task', operation: 'get', lookupBy: 'taskNumber', projectNumber: fromItem('p'), taskNumber: fromItem('t') },
			items: () => [
				{ p: P1, t: 'WO-100' },
				{ p: '', t: 'WO-100' },
				{ p: P1, t: '' },
				{ p: MISSING, t: 'WO-100' },
				{ p: P2, t: 'A-01' },
			],
			bad: { 1: NO_NUMBER, 2: /Task Number \(taskNumber\)/ },
			missing: 3,
			writes: false,
		},
		getAll: {
			parameters: { resource: 'task', operation: 'getAll', listBy: 'project', project: projectFromItem, returnAll: false, limit: fromItem('limit') },
			items: () => [
				{ p: P1, limit: 1 },
				{ p: P1, limit: 0 },
				{ p: '', limit: 1 },
				{ p: MISSING, limit: 1 },
				{ p: P2, limit: 1 },
			],
			bad: { 1: LIMIT('0'), 2: NO_PROJECT },
			missing: 3,
			writes: false,
		},
	},
	document: {
		upload: documentRow('upload', { binaryPropertyName: 'data' }, {
			items: () => [
				withFile({ p: P1 }, 'data', 'ok-1.pdf'),
				withFile({ p: P1 }, 'other', 'ok.pdf'),
				withFile({ p: P1 }, 'data', 'skript.js'),
				withFile({ p: MISSING }, 'data', 'ok-3.pdf'),
				withFile({ p: P2 }, 'data', 'ok-4.pdf'),
			],
			bad: { 1: /no binary field "data"/, 2: /skript\.js/ },
			missing: 3,
			writes: true,
		}),
		getAll: documentRow('getAll', { returnAll: false, limit: fromItem('limit') }, {
			items: () => [{ p: P1, limit: 1 }, { p: P1, limit: 0 }, { p: '', limit: 1 }, { p: MISSING, limit: 1 }, { p: P1, limit: 1 }],
			bad: { 1: LIMIT('0'), 2: NO_PROJECT },
			missing: 3,
			writes: false,
		}),
		download: documentRow('download', { fileReferenceId: fromItem('f') }, {
			items: () => [
				{ p: P1, f: DEMO_IDS.fileDrawingA1 },
				{ p: P1, f: '' },
				{ p: P1, f: 'Drawing-A1.pdf' },
				{ p: MISSING, f: DEMO_IDS.fileDrawingA1 },
				{ p: P1, f: DEMO_IDS.fileDrawingA1 },
			],
			bad: { 1: /File Reference ID is empty/, 2: /"Drawing-A1\.pdf" is not a Ditio ID/ },
			missing: 3,
			writes: false,
		}),
		delete: documentRow('delete', { fileReferenceId: fromItem('f') }, {
			setup: freshFiles,
			items: ({ a, b }) => [{ p: P1, f: a }, { p: P1, f: '' }, { p: '', f: a }, { p: MISSING, f: b }, { p: P1, f: b }],
			bad: { 1: /File Reference ID is empty/, 2: NO_PROJECT },
			missing: 3,
			writes: true,
		}),
		setDescription: documentRow('setDescription', { description: fromItem('text') }, {
			items: () => [
				{ p: P1, text: 'Les tegningene først.' },
				{ p: P1, text: 'x'.repeat(10_001) },
				{ p: P1, text: 42 },
				{ p: MISSING, text: 'Les tegningene.' },
				{ p: P1, text: 'Les alt.' },
			],
			bad: { 1: /Description is 10001 characters/, 2: /Description must be text/ },
			missing: 3,
			writes: true,
		}),
	},
};

const CASES = Object.entries(ROWS).flatMap(([resource, rows]) => Object.entries(rows).map(([operation, row]) => ({ name: `${resource}:${operation}`, row })));

test('every operation of the node has a row in this table, and every row an operation', () => {
	const ofNode = Object.entries(OPERATIONS).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}:${op}`));
	expect(CASES.map((c) => c.name).sort()).toEqual(ofNode.sort());
});

const indexes = (row: Row) => [...Object.keys(row.bad).map(Number), ...(row.missing === undefined ? [] : [row.missing])];

describe.each(CASES)('$name', ({ row }) => {
	test('the table row has two bad items or more, and good ones', () => {
		expect(Object.keys(row.bad).length).toBeGreaterThanOrEqual(2);
		expect(indexes(row).length).toBeLessThan(5);
	});

	test('with Continue On Fail: one output item per input item, in order; each bad one an error item naming its field or the number', async () => {
		const before = (await row.setup?.()) ?? {};
		ditio.sandbox.clearRequests();
		const { items, error } = await ditio.run(row.parameters, row.items(before), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		items.forEach(({ json }, itemIndex) => {
			const expected = row.bad[itemIndex] ?? (itemIndex === row.missing ? new RegExp(MISSING) : undefined);
			if (expected) {
				expect({ itemIndex, error: json.error }).toEqual({ itemIndex, error: expect.stringMatching(expected) });
				expect(json.itemIndex).toBe(itemIndex);
			} else {
				expect({ itemIndex, error: json.error }).toEqual({ itemIndex, error: undefined });
			}
		});
		if (row.missing !== undefined) expect(`${String(items[row.missing].json.error)} ${String(items[row.missing].json.description)}`).toContain(MISSING);
		const writes = log.writes().length;
		if (row.writes) expect(writes).toBeGreaterThanOrEqual(5 - indexes(row).length);
	});

	test('without it: the first bad item fails the run before any request', async () => {
		const before = (await row.setup?.()) ?? {};
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(row.parameters, row.items(before));
		const first = Math.min(...Object.keys(row.bad).map(Number));
		expect(error?.message).toMatch(row.bad[first]);
		expect(error?.context.itemIndex).toBe(first);
		expect(log.apiRequests().map(log.route)).toEqual([]);
	});

	if (row.missing !== undefined && row.writes) {
		test('without it: good items and one missing number: the run fails naming it, and nothing is written', async () => {
			const before = (await row.setup?.()) ?? {};
			ditio.sandbox.clearRequests();
			const items = row.items(before).filter((_, itemIndex) => !(itemIndex in row.bad));
			const { error } = await ditio.run(row.parameters, items);
			expect(`${error?.message} ${error?.description}`).toContain(MISSING);
			expect(log.writes().map(log.route)).toEqual([]);
		});
	}
});
