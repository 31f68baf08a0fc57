/**
 * Every write operation of both resources, engine tier: a bad item in the middle of a batch.
 * Without Continue On Fail the run fails naming the field and the item, and nothing at all is
 * sent (every item is read and checked before the first request, so a rerun after fixing the
 * row never meets a half-written batch). With it, only the bad item fails, as an output item
 * paired with its input, and the items around it are written. Counted in the sandbox's log.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { byId, DEMO_COMPANY_ID, DEMO_IDS, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { writes, route, copy } = requestLog(ditio);
const store = () => ditio.sandbox.store;
const everything = () => copy({ projects: [...store().projects.values()], tasks: [...store().tasks.values()] });
const project = (projectNumber: string) => store().findProjectByNumber(DEMO_COMPANY_ID, projectNumber);
const task = (externalId: string) => store().findTaskByExternalId(DEMO_IDS.projectFjellhall, externalId);

beforeEach(() => ditio.sandbox.reset('demo'));

interface Case {
	parameters: INodeParameters;
	/** Three items; the middle one is bad. May add records to the sandbox first. */
	items(): IDataObject[];
	/** The error message: names the field (display name and API name). */
	problem: RegExp;
	/** With Continue On Fail: the write requests of the two good items, as "METHOD path". */
	goodWrites(items: IDataObject[]): string[];
	/** With Continue On Fail: the good items landed, the bad one did not. */
	landed(items: IDataObject[], before: ReturnType<typeof everything>): void;
}

const FJELLHALL = byId(DEMO_IDS.projectFjellhall);
const fromItem = (field: string) => `={{ $json.${field} }}`;
const locatorFromItem = { __rl: true, mode: 'id', value: fromItem('id') };
const untouched = (before: ReturnType<typeof everything>, id: string) => {
	const was = before.projects.find((p) => p.id === id) ?? before.tasks.find((t) => t.id === id);
	expect(copy(store().getProject(id) ?? store().getTask(id))).toEqual(was);
};
const freshProjects = () =>
	['P-2027-101', 'P-2027-102', 'P-2027-103'].map((projectNumber) => store().addProject(DEMO_COMPANY_ID, { projectNumber, name: projectNumber }).id);
const freshTasks = () =>
	['WO-901', 'WO-902', 'WO-903'].map(
		(externalId) => store().addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId, name: externalId }).id,
	);

const CASES: Record<string, Case> = {
	'project Create': {
		parameters: {
			resource: 'project',
			operation: 'create',
			projectNumber: fromItem('number'),
			additionalFields: { name: fromItem('name'), startDate: fromItem('start') },
		},
		items: () => [
			{ number: 'P-2027-001', name: 'Nord', start: '2027-01-01' },
			{ number: 'P-2027-002', name: 'Midt', start: '2027-13-01' },
			{ number: 'P-2027-003', name: 'Sør', start: '2027-02-01' },
		],
		problem: /^Invalid Start Date \(startDate\): "2027-13-01" is not a date$/,
		goodWrites: () => ['POST projects', 'POST projects'],
		landed: () => {
			expect(project('P-2027-001')).toMatchObject({ name: 'Nord', startDate: '2027-01-01T00:00:00Z' });
			expect(project('P-2027-002')).toBeUndefined();
			expect(project('P-2027-003')).toMatchObject({ name: 'Sør' });
		},
	},
	'project Create or Update': {
		parameters: {
			resource: 'project',
			operation: 'upsert',
			projectNumber: fromItem('number'),
			additionalFields: { name: fromItem('name'), estimatedHourQty: fromItem('hours') },
		},
		items: () => [
			{ number: 'P-2026-001', name: 'Prosjekt Fjellhall', hours: 13000 },
			{ number: 'P/2026/Æ-01', name: 'Ærfuglveien barnehage', hours: 'tolv tusen' },
			{ number: 'P-2027-003', name: 'Ny', hours: 10 },
		],
		problem: /^Invalid Estimated Hours \(estimatedHourQty\): "tolv tusen" is not a number$/,
		goodWrites: () => [`PATCH projects ${DEMO_IDS.projectFjellhall}`, 'POST projects'],
		landed: (_, before) => {
			expect(project('P-2026-001')).toMatchObject({ estimatedHourQty: 13000 });
			untouched(before, DEMO_IDS.projectBarnehage);
			expect(project('P-2027-003')).toMatchObject({ name: 'Ny', estimatedHourQty: 10 });
		},
	},
	'project Update': {
		parameters: { resource: 'project', operation: 'update', project: locatorFromItem, updateFields: { projectLocationLatitude: fromItem('lat') } },
		items: () => [
			{ id: DEMO_IDS.projectFjellhall, lat: 60 },
			{ id: DEMO_IDS.projectBarnehage, lat: 200 },
			{ id: DEMO_IDS.projectBryggen, lat: 61 },
		],
		problem: /^Invalid Latitude \(projectLocationLatitude\): 200 is outside -90 to 90$/,
		goodWrites: () => [`PATCH projects ${DEMO_IDS.projectFjellhall}`, `PATCH projects ${DEMO_IDS.projectBryggen}`],
		landed: (_, before) => {
			expect(store().getProject(DEMO_IDS.projectFjellhall).projectLocationLatitude).toBe(60);
			untouched(before, DEMO_IDS.projectBarnehage);
			expect(store().getProject(DEMO_IDS.projectBryggen).projectLocationLatitude).toBe(61);
		},
	},
	'project Replace': {
		parameters: {
			resource: 'project',
			operation: 'replace',
			project: locatorFromItem,
			projectNumber: fromItem('number'),
			additionalFields: { name: fromItem('name'), workBreakLunchStartTime: fromItem('lunch') },
		},
		items: () => [
			{ id: DEMO_IDS.projectFjellhall, number: 'P-2026-001', name: 'Fjellhall', lunch: '11:00' },
			{ id: DEMO_IDS.projectBarnehage, number: 'P/2026/Æ-01', name: 'Barnehage', lunch: '25:00' },
			{ id: DEMO_IDS.projectBryggen, number: 'P-2025-017', name: 'Bryggen', lunch: '12:00' },
		],
		problem: /^Invalid Lunch Break Start \(workBreakLunchStartTime\): "25:00" is not a time HH:mm$/,
		goodWrites: () => [`PUT projects ${DEMO_IDS.projectFjellhall}`, `PUT projects ${DEMO_IDS.projectBryggen}`],
		landed: (_, before) => {
			expect(store().getProject(DEMO_IDS.projectFjellhall)).toMatchObject({ name: 'Fjellhall', workBreakLunchStartTime: '11:00' });
			untouched(before, DEMO_IDS.projectBarnehage);
			expect(store().getProject(DEMO_IDS.projectBryggen)).toMatchObject({ name: 'Bryggen', workBreakLunchStartTime: '12:00' });
		},
	},
	'project Delete': {
		parameters: { resource: 'project', operation: 'delete', project: locatorFromItem },
		items: () => {
			const [first, , third] = freshProjects();
			return [{ id: first }, { id: 'P-2027-102' }, { id: third }];
		},
		problem: /^Project ID "P-2027-102" is not a Ditio ID$/,
		goodWrites: (items) => [`DELETE projects ${String(items[0].id)}`, `DELETE projects ${String(items[2].id)}`],
		landed: (items) => {
			expect(store().getProject(String(items[0].id))).toBeUndefined();
			expect(project('P-2027-102')).toBeDefined();
			expect(store().getProject(String(items[2].id))).toBeUndefined();
		},
	},
	'work order Create': {
		parameters: {
			resource: 'task',
			operation: 'create',
			project: FJELLHALL,
			externalId: fromItem('externalId'),
			additionalFields: { name: fromItem('name'), taskLocationLatitude: fromItem('lat') },
		},
		items: () => [
			{ externalId: 'WO-901', name: 'Sprengning', lat: 63.4 },
			{ externalId: 'WO-902', name: 'Sikring', lat: 91 },
			{ externalId: 'WO-903', name: 'Rensk', lat: 63.5 },
		],
		problem: /^Invalid Latitude \(taskLocationLatitude\): 91 is outside -90 to 90$/,
		goodWrites: () => ['POST tasks', 'POST tasks'],
		landed: () => {
			expect(task('WO-901')).toMatchObject({ name: 'Sprengning', taskLocationLatitude: 63.4 });
			expect(task('WO-902')).toBeUndefined();
			expect(task('WO-903')).toMatchObject({ name: 'Rensk' });
		},
	},
	'work order Create or Update': {
		parameters: {
			resource: 'task',
			operation: 'upsert',
			project: FJELLHALL,
			externalId: fromItem('externalId'),
			additionalFields: { name: fromItem('name'), startDate: fromItem('start') },
		},
		items: () => [
			{ externalId: 'WO-100', name: 'Grunnarbeid', start: '2026-04-01' },
			{ externalId: 'WO-201', name: 'Graving', start: '01.04.2026' },
			{ externalId: 'WO-903', name: 'Rensk', start: '2026-04-02' },
		],
		problem: /^Invalid Start Date \(startDate\): "01\.04\.2026" is not a date$/,
		goodWrites: () => [`PATCH tasks ${DEMO_IDS.taskGrunnarbeid}`, 'POST tasks'],
		landed: (_, before) => {
			expect(task('WO-100')).toMatchObject({ startDate: '2026-04-01T00:00:00Z' });
			untouched(before, DEMO_IDS.taskGraving);
			expect(task('WO-903')).toMatchObject({ name: 'Rensk', startDate: '2026-04-02T00:00:00Z' });
		},
	},
	'work order Update': {
		parameters: { resource: 'task', operation: 'update', taskId: fromItem('id'), updateFields: { costPrice: fromItem('cost') } },
		items: () => [
			{ id: DEMO_IDS.taskGrunnarbeid, cost: '900,50' },
			{ id: DEMO_IDS.taskGraving, cost: '1.000,50' },
			{ id: DEMO_IDS.taskTransport, cost: 700 },
		],
		problem: /^Invalid Cost Price \(costPrice\): "1\.000,50" is not a number$/,
		goodWrites: () => [`PATCH tasks ${DEMO_IDS.taskGrunnarbeid}`, `PATCH tasks ${DEMO_IDS.taskTransport}`],
		landed: (_, before) => {
			expect(store().getTask(DEMO_IDS.taskGrunnarbeid).costPrice).toBe(900.5);
			untouched(before, DEMO_IDS.taskGraving);
			expect(store().getTask(DEMO_IDS.taskTransport).costPrice).toBe(700);
		},
	},
	'work order Replace': {
		parameters: {
			resource: 'task',
			operation: 'replace',
			taskId: fromItem('id'),
			project: FJELLHALL,
			externalId: fromItem('externalId'),
			additionalFields: { name: fromItem('name'), active: fromItem('active') },
		},
		items: () => [
			{ id: DEMO_IDS.taskGrunnarbeid, externalId: 'WO-100', name: 'Grunnarbeid', active: true },
			{ id: DEMO_IDS.taskGraving, externalId: 'WO-201', name: 'Graving', active: 'ja' },
			{ id: DEMO_IDS.taskTransport, externalId: 'WO-202', name: 'Transport', active: 'false' },
		],
		problem: /^Invalid Active \(active\): "ja" is not true or false$/,
		goodWrites: () => [`PUT tasks ${DEMO_IDS.taskGrunnarbeid}`, `PUT tasks ${DEMO_IDS.taskTransport}`],
		landed: (_, before) => {
			expect(store().getTask(DEMO_IDS.taskGrunnarbeid)).toMatchObject({ name: 'Grunnarbeid', active: true, costPrice: 0 });
			untouched(before, DEMO_IDS.taskGraving);
			expect(store().getTask(DEMO_IDS.taskTransport)).toMatchObject({ name: 'Transport', active: false });
		},
	},
	'work order Delete': {
		parameters: { resource: 'task', operation: 'delete', taskId: fromItem('id') },
		items: () => {
			const [first, , third] = freshTasks();
			return [{ id: first }, { id: 'WO-902' }, { id: third }];
		},
		problem: /^Work Order ID "WO-902" is not a Ditio ID$/,
		goodWrites: (items) => [`DELETE tasks ${String(items[0].id)}`, `DELETE tasks ${String(items[2].id)}`],
		landed: (items) => {
			expect(store().getTask(String(items[0].id))).toBeUndefined();
			expect(task('WO-902')).toBeDefined();
			expect(store().getTask(String(items[2].id))).toBeUndefined();
		},
	},
};

describe.each(Object.entries(CASES))('%s, a bad item in the middle of three', (_label, c) => {
	const operation = `${String(c.parameters.resource)}:${String(c.parameters.operation)}`;

	test('without Continue On Fail: the run fails naming the field and item 1, and no request of any kind is sent', async () => {
		const items = c.items();
		const before = everything();
		ditio.sandbox.clearRequests();
		const { error, items: out } = await ditio.run(c.parameters, items);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(c.problem);
		expect(error!.context.itemIndex).toBe(1);
		expect(error!.description).toMatch(/item 1\b/);
		expect(out).toEqual([]);
		// Not a write, not a look-up, not even a token: the check needs none.
		expect(ditio.sandbox.requests).toEqual([]);
		expect(everything()).toEqual(before);
	});

	test('with Continue On Fail: only item 1 fails, paired with its input, and the two good items are written', async () => {
		const items = c.items();
		const before = everything();
		ditio.sandbox.clearRequests();
		const { error, items: out, pairedItemsFromNode } = await ditio.run(c.parameters, items, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(3);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json).toMatchObject({ operation, itemIndex: 1, error: expect.stringMatching(c.problem), description: expect.stringMatching(/item 1\b/) });
		expect(out[0].json.error).toBeUndefined();
		expect(out[2].json.error).toBeUndefined();
		expect(writes().map(route).sort()).toEqual(c.goodWrites(items).sort());
		c.landed(items, before);
	});
});

describe('what a failure says it left untouched', () => {
	test('a parent that only a look-up can find missing: the look-ups went out, so the message says nothing was written', async () => {
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(
			{ resource: 'task', operation: 'upsert', project: FJELLHALL, externalId: 'WO-950', additionalFields: { parentExternalId: 'A-01' } },
			[{}],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Parent work order with External ID "A-01" is not in this project');
		expect(error!.description).toMatch(/Nothing was written to Ditio for item 0\.$/);
		expect(error!.description).not.toMatch(/Nothing was sent/);
		expect(writes()).toEqual([]);
		expect(ditio.sandbox.apiRequestCount()).toBeGreaterThan(0);
	});

	test('bad input refused before any request says nothing was sent', async () => {
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run({ resource: 'task', operation: 'delete', taskId: 'WO-100' }, [{}]);
		expect(error!.description).toMatch(/Nothing was sent to Ditio for item 0\.$/);
		expect(ditio.sandbox.requests).toEqual([]);
	});
});

describe('Options hold for the whole run', () => {
	const update = (options: INodeParameters): INodeParameters => ({
		resource: 'task',
		operation: 'update',
		taskId: fromItem('id'),
		updateFields: { name: fromItem('name') },
		options,
	});
	const rows = (timeouts: number[]) =>
		timeouts.map((timeout, i) => ({ id: [DEMO_IDS.taskBetong, DEMO_IDS.taskGraving, DEMO_IDS.taskRiving][i], name: `Nytt navn ${i}`, timeout }));

	test('an expression that gives one item another Timeout fails the run, naming the option and the item, and sends nothing', async () => {
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(update({ timeoutSeconds: fromItem('timeout') }), rows([30, 30, 90]));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Options → Timeout (Seconds) must be the same for every item: item 2 gives 90, item 0 gives 30');
		expect(error!.description).toMatch(/Nothing was sent to Ditio\.$/);
		expect(ditio.sandbox.requests).toEqual([]);
	});

	test('the same value from an expression for every item is used, and every item is written', async () => {
		const { error, items } = await ditio.run(update({ timeoutSeconds: fromItem('timeout'), concurrency: '={{ 2 }}' }), rows([30, 30, 30]));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(store().getTask(DEMO_IDS.taskRiving)!.name).toBe('Nytt navn 2');
	});
});
