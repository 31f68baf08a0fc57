/**
 * Work Order Get and Get Many inside n8n's engine against the sandbox: every lookupBy, every
 * listBy (and every mode of the project picker), limit and filters. What a user sees is the
 * record Ditio holds, and never one of another company that has the same numbers.
 */
import { NodeApiError } from 'n8n-workflow';

import { byId, byNumber, DEMO_COMPANY_ID, DEMO_IDS, fromList, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
beforeEach(() => ditio.sandbox.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const { calls } = requestLog(ditio);
/** The stored record as JSON (what Ditio would answer). */
const stored = (id: string) => JSON.parse(JSON.stringify(ditio.sandbox.store.getTask(id)));
const externalIdsOf = (projectId: string) =>
	ditio.sandbox.store.tasksOfProject(projectId).map((t: { externalId: string }) => t.externalId).sort();
const sortedExternalIds = (items: Parameters<typeof jsonOf>[0]) => jsonOf(items).map((t) => t.externalId).sort();

// Whole records (Simplify off), so they can be compared with the sandbox's; simplify.test.ts covers Simplify.
const get = (fields: Record<string, unknown>) => ({ resource: 'task', operation: 'get', simplify: false, ...fields });
const getAll = (fields: Record<string, unknown>) => ({ resource: 'task', operation: 'getAll', returnAll: true, simplify: false, ...fields });

describe('Get: the three lookups', () => {
	test('by Ditio ID: the stored work order, one GET /tasks/{id}', async () => {
		const { items, error } = await ditio.run(get({ lookupBy: 'id', taskId: DEMO_IDS.taskGrunnarbeid }));
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([stored(DEMO_IDS.taskGrunnarbeid)]);
		expect(calls()).toEqual([['GET', 'tasks', DEMO_IDS.taskGrunnarbeid]]);
	});

	test('by project number and task number: this company\'s work order, not the other company\'s with the same numbers', async () => {
		const { items, error } = await ditio.run(get({ lookupBy: 'taskNumber', projectNumber: 'P-2026-001', taskNumber: 'WO-100' }));
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([stored(DEMO_IDS.taskGrunnarbeid)]);
		expect(calls()).toEqual([['GET', 'tasks', 'by-project-number', 'P-2026-001', 'by-task-number', 'WO-100']]);
	});

	test('by external project number and external ID: this company\'s work order', async () => {
		const { items, error } = await ditio.run(get({ lookupBy: 'externalId', externalProjectNumber: 'ERP-1001', externalId: 'WO-201' }));
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([stored(DEMO_IDS.taskGraving)]);
		expect(calls()).toEqual([['GET', 'tasks', 'by-external-project-number', 'ERP-1001', 'by-external-id', 'WO-201']]);
	});

	test('one output per input item, each from its own values', async () => {
		const { items, error, pairedItemsFromNode } = await ditio.run(
			get({ lookupBy: 'taskNumber', projectNumber: '={{ $json.p }}', taskNumber: '={{ $json.t }}' }),
			[{ p: 'P-2026-001', t: 'WO-300' }, { p: 'P/2026/Æ-01', t: 'A-01' }],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.id)).toEqual([DEMO_IDS.taskBetong, DEMO_IDS.taskRiving]);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test.each([
		['an unknown task number', { lookupBy: 'taskNumber', projectNumber: 'P-2026-001', taskNumber: 'WO-999' }, /WO-999/],
		['another company\'s work order by ID', { lookupBy: 'id', taskId: DEMO_IDS.otherTask }, new RegExp(DEMO_IDS.otherTask)],
		['an unknown external ID', { lookupBy: 'externalId', externalProjectNumber: 'ERP-1001', externalId: 'NOPE' }, /NOPE/],
	])('%s answers 404 with Ditio\'s words and the hint', async (_, fields, said) => {
		const { error, items } = await ditio.run(get(fields));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error!.message).toMatch(/^Ditio answered 404: /);
		expect(error!.message).toMatch(said);
		expect(error!.description).toMatch(/another company answers 404/);
		expect(items).toEqual([]);
	});
});

describe('Get Many: by project, in every mode of the picker', () => {
	test.each([
		['list', fromList(P1), ['tasks', 'project', P1]],
		['id', byId(P1), ['tasks', 'project', P1]],
		['projectNumber', byNumber('P-2026-001'), ['tasks', 'by-project-number', 'P-2026-001']],
		['externalProjectNumber', { __rl: true, mode: 'externalProjectNumber', value: 'ERP-1001' }, ['tasks', 'by-external-project-number', 'ERP-1001']],
	])('mode %s: every work order of the project, one request to its endpoint', async (_, project, path) => {
		const { items, error } = await ditio.run(getAll({ listBy: 'project', project }));
		expect(error).toBeUndefined();
		expect(sortedExternalIds(items)).toEqual(externalIdsOf(P1));
		expect(jsonOf(items).every((t) => t.companyId === DEMO_COMPANY_ID && t.projectId === P1)).toBe(true);
		expect(calls()).toEqual([['GET', ...path]]);
	});

	test('mode externalProjectNumber of another project gives that project\'s work orders', async () => {
		const { items } = await ditio.run(getAll({ listBy: 'project', project: { __rl: true, mode: 'externalProjectNumber', value: 'ERP-1002' } }));
		expect(sortedExternalIds(items)).toEqual(externalIdsOf(DEMO_IDS.projectBarnehage));
	});

	test('a project ID that is not a Ditio ID (from an expression) is refused before any request', async () => {
		const { error } = await ditio.run(getAll({ listBy: 'project', project: byId('={{ $json.p }}') }), [{ p: 'P-2026-001' }]);
		expect(error!.message).toBe('Project ID "P-2026-001" is not a Ditio ID');
		expect(error!.description).toMatch(/By Project Number/);
		expect(calls()).toEqual([]);
	});
});

describe('Get Many: by production code and by task number', () => {
	test('production code: every work order of the company with it, across projects, not another company\'s', async () => {
		ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectBarnehage, externalId: 'B-20', externalDim01: 'PROD-20' });
		const { items, error } = await ditio.run(getAll({ listBy: 'productionCode', productionCode: 'PROD-20' }));
		expect(error).toBeUndefined();
		expect(sortedExternalIds(items)).toEqual(['B-20', 'WO-201', 'WO-202']);
		expect(calls()).toEqual([['GET', 'tasks', 'by-production-code', 'PROD-20']]);

		const prod10 = await ditio.run(getAll({ listBy: 'productionCode', productionCode: 'PROD-10' }));
		expect(jsonOf(prod10.items).map((t) => t.id)).toEqual([DEMO_IDS.taskGrunnarbeid]);
	});

	test('task number: all matches in the project; Get by task number gives one of them', async () => {
		const store = ditio.sandbox.store;
		const a = store.addTask(DEMO_COMPANY_ID, { projectId: P1, externalId: 'T-7a', taskNumber: 'T-7', name: 'Første' });
		const b = store.addTask(DEMO_COMPANY_ID, { projectId: P1, externalId: 'T-7b', taskNumber: 'T-7', name: 'Andre' });
		store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectBarnehage, externalId: 'T-7c', taskNumber: 'T-7' });

		const { items, error } = await ditio.run(getAll({ listBy: 'taskNumber', projectNumber: 'P-2026-001', taskNumber: 'T-7' }));
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
		expect(calls()).toEqual([['GET', 'tasks', 'by-project-number', 'P-2026-001', 'by-task-number', 'T-7', 'list']]);

		const one = await ditio.run(get({ lookupBy: 'taskNumber', projectNumber: 'P-2026-001', taskNumber: 'T-7' }));
		expect(one.items).toHaveLength(1);
		expect([a.id, b.id]).toContain(one.items[0].json.id);
	});

	test('task number without matches: an empty list, no error', async () => {
		const { items, error } = await ditio.run(getAll({ listBy: 'taskNumber', projectNumber: 'P-2026-001', taskNumber: 'T-0' }));
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});

describe('Get Many: limit and filters', () => {
	const inP1 = (fields: Record<string, unknown>) => getAll({ listBy: 'project', project: byId(P1), ...fields });

	test('Return All off: at most Limit work orders; Return All on: every one', async () => {
		const limited = await ditio.run(inP1({ returnAll: false, limit: 2 }));
		expect(limited.items).toHaveLength(2);
		const all = await ditio.run(inP1({ returnAll: true, limit: 2 }));
		expect(all.items).toHaveLength(externalIdsOf(P1).length);
		expect(externalIdsOf(P1).length).toBeGreaterThan(2);
	});

	test('active state', async () => {
		const active = await ditio.run(inP1({ filters: { active: 'active' } }));
		expect(sortedExternalIds(active.items)).toEqual(['WO-100', 'WO-200', 'WO-201', 'WO-202', 'WO-300']);
		const inactive = await ditio.run(inP1({ filters: { active: 'inactive' } }));
		expect(sortedExternalIds(inactive.items)).toEqual(['MAL']);
	});

	test('name contains and external ID contains, without regard to case', async () => {
		const byName = await ditio.run(inP1({ filters: { nameContains: 'GRAV' } }));
		expect(sortedExternalIds(byName.items)).toEqual(['WO-201']);
		const byExternalId = await ditio.run(inP1({ filters: { externalIdContains: 'wo-20' } }));
		expect(sortedExternalIds(byExternalId.items)).toEqual(['WO-200', 'WO-201', 'WO-202']);
	});

	test('children of a parent, and top level only', async () => {
		const children = await ditio.run(inP1({ filters: { parentActivityId: DEMO_IDS.taskMasseflytting } }));
		expect(sortedExternalIds(children.items)).toEqual(['WO-201', 'WO-202']);
		const top = await ditio.run(inP1({ filters: { topLevelOnly: true } }));
		expect(sortedExternalIds(top.items)).toEqual(['MAL', 'WO-100', 'WO-200', 'WO-300']);
	});

	test('the limit counts matching work orders, not the list before the filter', async () => {
		// WO-201 is the fourth work order of the project: a limit applied before the filter finds none.
		const { items } = await ditio.run(inP1({ returnAll: false, limit: 1, filters: { parentActivityId: DEMO_IDS.taskMasseflytting } }));
		expect(sortedExternalIds(items)).toEqual(['WO-201']);
	});
});
