/**
 * Work Order Create or Update inside n8n's engine against the sandbox: each item says
 * created / updated (with the fields it changed) / unchanged; no duplicate ever, not on a
 * re-run and not for the same external ID twice in one batch; no field reset the user did not
 * ask for; one list read per project touched, however many items name it.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId, byNumber, DEMO_COMPANY_ID, DEMO_IDS, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
beforeEach(() => ditio.sandbox.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const P2 = DEMO_IDS.projectBarnehage;
const { apiRequests, writes, route, task, copy } = requestLog(ditio);
const taskCount = () => ditio.sandbox.store.tasks.size;

/** Create or Update with every value from the item, so one batch can mix projects and values. */
const upsertFromItems = (additionalFields: INodeParameters = { name: '={{ $json.name }}' }): INodeParameters => ({
	resource: 'task',
	operation: 'upsert',
	project: byNumber('={{ $json.project }}'),
	externalId: '={{ $json.externalId }}',
	additionalFields,
});
const upsert = (externalId: string, additionalFields: INodeParameters, project: INodeParameters[string] = byNumber('P-2026-001')): INodeParameters => ({
	resource: 'task',
	operation: 'upsert',
	project,
	externalId,
	additionalFields,
});

describe('the three outcomes', () => {
	test('created: a new external ID is created in the project, with the template\'s settings, nothing else written', async () => {
		const { items, error } = await ditio.run(upsert('WO-900', { name: 'Boring', active: true }));
		expect(error).toBeUndefined();
		expect(task(P1, 'WO-900')).toMatchObject({ name: 'Boring', active: true, costPrice: 850, safeJobAnalysisApprovalRequired: true });
		expect(jsonOf(items)).toEqual([{ ...copy(task(P1, 'WO-900')), outcome: 'created' }]);
		expect(writes().map((r) => [route(r), r.body])).toEqual([
			['POST tasks', { companyId: DEMO_COMPANY_ID, projectId: P1, externalId: 'WO-900', name: 'Boring', active: true }],
		]);
	});

	test('updated: only the changed fields are sent and listed; every other stored value stays', async () => {
		const before = copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid));
		const { items, error } = await ditio.run(upsert('WO-100', { name: 'Grunnarbeid - fase 2', active: true, estimatedHourQty: 500 }));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.taskGrunnarbeid, outcome: 'updated', changedFields: ['name'] });
		expect(writes().map((r) => [route(r), r.body])).toEqual([[`PATCH tasks ${DEMO_IDS.taskGrunnarbeid}`, { name: 'Grunnarbeid - fase 2' }]]);
		expect(copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid))).toEqual({ ...before, name: 'Grunnarbeid - fase 2' });
	});

	test('unchanged: the same values, written differently (a date in another zone, a number as text), send nothing', async () => {
		const { items, error } = await ditio.run(
			upsert('WO-100', {
				name: 'Grunnarbeid',
				active: true,
				startDate: '2026-03-15T01:00:00+01:00',
				estimatedHourQty: '500',
				costPrice: '850,0',
				externalDim01: 'PROD-10',
				workDescription: '',
			}),
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)), outcome: 'unchanged' }]);
		expect(writes()).toEqual([]);
	});

	test('false and 0 are changes too', async () => {
		const { items } = await ditio.run(upsert('WO-100', { active: false, costPrice: 0, safeJobAnalysisApprovalRequired: false }));
		expect(items[0].json).toMatchObject({ outcome: 'updated' });
		expect((items[0].json.changedFields as string[]).sort()).toEqual(['active', 'costPrice', 'safeJobAnalysisApprovalRequired']);
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)).toMatchObject({ active: false, costPrice: 0, safeJobAnalysisApprovalRequired: false, price: 1150 });
	});

	test('one batch with all three outcomes: each output item says its own, in input order', async () => {
		const { items, error, pairedItemsFromNode } = await ditio.run(upsertFromItems(), [
			{ project: 'P-2026-001', externalId: 'WO-100', name: 'Grunnarbeid' },
			{ project: 'P-2026-001', externalId: 'WO-901', name: 'Ny' },
			{ project: 'P-2026-001', externalId: 'WO-300', name: 'Betong' },
		]);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => [t.externalId, t.outcome])).toEqual([
			['WO-100', 'unchanged'],
			['WO-901', 'created'],
			['WO-300', 'updated'],
		]);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(task(P1, 'WO-300').name).toBe('Betong');
	});
});

describe('no duplicate, no reset', () => {
	const batch = [
		{ project: 'P-2026-001', externalId: 'WO-910', name: 'Sprengning' },
		{ project: 'P-2026-001', externalId: 'WO-911', name: 'Sikring' },
		{ project: 'P/2026/Æ-01', externalId: 'WO-910', name: 'Samme nummer, annet prosjekt' },
	];

	test('re-running the same batch creates nothing and writes nothing', async () => {
		const first = await ditio.run(upsertFromItems(), batch);
		expect(jsonOf(first.items).map((t) => t.outcome)).toEqual(['created', 'created', 'created']);
		const afterFirst = taskCount();
		ditio.sandbox.clearRequests();

		const second = await ditio.run(upsertFromItems(), batch);
		expect(second.error).toBeUndefined();
		expect(jsonOf(second.items).map((t) => t.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(jsonOf(second.items).map((t) => t.id)).toEqual(jsonOf(first.items).map((t) => t.id));
		expect(taskCount()).toBe(afterFirst);
		expect(writes()).toEqual([]);
	});

	test('the same new external ID twice in one batch: one work order, the second item updates it', async () => {
		const { items, error } = await ditio.run(upsertFromItems(), [
			{ project: 'P-2026-001', externalId: 'WO-920', name: 'Først' },
			{ project: 'P-2026-001', externalId: 'WO-920', name: 'Sist' },
		]);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => [t.outcome, t.changedFields])).toEqual([
			['created', undefined],
			['updated', ['name']],
		]);
		expect(items[0].json.id).toBe(items[1].json.id);
		expect(writes().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(task(P1, 'WO-920').name).toBe('Sist');
	});

	test('the same new external ID by project number and by project ID, written in parallel: still one work order', async () => {
		ditio.sandbox.setLatency(25);
		try {
			const { items, error } = await ditio.run(
				{ ...upsertFromItems(), project: '={{ $json.project }}' },
				[
					{ project: { __rl: true, mode: 'projectNumber', value: 'P-2026-001' }, externalId: 'WO-921', name: 'Først' },
					{ project: { __rl: true, mode: 'id', value: P1 }, externalId: 'WO-922', name: 'Annen' },
					{ project: { __rl: true, mode: 'id', value: P1 }, externalId: 'WO-921', name: 'Sist' },
				],
			);
			expect(error).toBeUndefined();
			expect(jsonOf(items).map((t) => t.outcome)).toEqual(['created', 'created', 'updated']);
			expect(writes().filter((r) => r.body?.externalId === 'WO-921')).toHaveLength(1);
			expect(task(P1, 'WO-921').name).toBe('Sist');
		} finally {
			ditio.sandbox.setLatency(0);
		}
	});

	test('an external ID that exists in another project is created in this one, the other is left alone', async () => {
		const other = copy(ditio.sandbox.store.getTask(DEMO_IDS.taskRiving));
		const { items } = await ditio.run(upsert('A-01', { name: 'Riving i fjellhallen' }));
		expect(items[0].json).toMatchObject({ outcome: 'created', projectId: P1 });
		expect(copy(ditio.sandbox.store.getTask(DEMO_IDS.taskRiving))).toEqual(other);
	});

	test('the other company\'s work order with the same numbers is never touched', async () => {
		const other = copy(ditio.sandbox.store.getTask(DEMO_IDS.otherTask));
		const { items } = await ditio.run(upsert('WO-100', { name: 'Endret' }));
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.taskGrunnarbeid, outcome: 'updated' });
		expect(copy(ditio.sandbox.store.getTask(DEMO_IDS.otherTask))).toEqual(other);
	});

	test('fields the user did not give are never reset, template settings included', async () => {
		const before = copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid));
		const { items } = await ditio.run(upsert('WO-100', { externalDim01: 'PROD-11' }));
		expect(items[0].json).toMatchObject({ outcome: 'updated', changedFields: ['externalDim01'] });
		expect(writes().map((r) => r.body)).toEqual([{ externalDim01: 'PROD-11' }]);
		expect(copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid))).toEqual({ ...before, externalDim01: 'PROD-11' });
	});
});

describe('requests in proportion to the projects touched', () => {
	test('one list read per project, one project look-up per project number, whatever the number of items', async () => {
		// With latency the items' requests overlap, as they do against Ditio.
		ditio.sandbox.setLatency(25);
		const { items, error } = await ditio.run(
			{
				resource: 'task',
				operation: 'upsert',
				project: '={{ $json.project }}',
				externalId: '={{ $json.externalId }}',
				additionalFields: { name: '={{ $json.name }}' },
			},
			[
				{ project: { __rl: true, mode: 'projectNumber', value: 'P-2026-001' }, externalId: 'WO-100', name: 'Grunnarbeid' },
				{ project: { __rl: true, mode: 'projectNumber', value: 'P-2026-001' }, externalId: 'WO-930', name: 'Ny 1' },
				{ project: { __rl: true, mode: 'id', value: P2 }, externalId: 'A-01', name: 'Riving' },
				{ project: { __rl: true, mode: 'id', value: P1 }, externalId: 'WO-931', name: 'Ny 2' },
				{ project: { __rl: true, mode: 'id', value: P2 }, externalId: 'A-02', name: 'Ny 3' },
				{ project: { __rl: true, mode: 'projectNumber', value: 'P-2026-001' }, externalId: 'WO-200', name: 'Masseflytting' },
			],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.outcome)).toEqual(['unchanged', 'created', 'unchanged', 'created', 'created', 'unchanged']);
		const reads = apiRequests().filter((r) => r.method === 'GET').map(route).sort();
		expect(reads).toEqual([`GET projects by-project-number P-2026-001`, `GET tasks project ${P1}`, `GET tasks project ${P2}`].sort());
		expect(writes().map(route)).toEqual(['POST tasks', 'POST tasks', 'POST tasks']);
	});
	afterEach(() => ditio.sandbox.setLatency(0));
});

describe('mistakes in one item', () => {
	test('a project that does not exist fails its item; with Continue On Fail the others are written', async () => {
		const { items, error } = await ditio.run(
			upsertFromItems(),
			[
				{ project: 'P-1999-404', externalId: 'WO-940', name: 'Feil' },
				{ project: 'P-2026-001', externalId: 'WO-941', name: 'Riktig' },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ itemIndex: 0, httpCode: '404' });
		expect(items[1].json).toMatchObject({ outcome: 'created', externalId: 'WO-941' });
		expect(writes().map((r) => r.body?.externalId)).toEqual(['WO-941']);
	});

	test('without Continue On Fail a project that does not exist stops the run with its index, before any write', async () => {
		const { error } = await ditio.run(upsertFromItems(), [
			{ project: 'P-2026-001', externalId: 'WO-950', name: 'A' },
			{ project: 'P-1999-404', externalId: 'WO-951', name: 'B' },
		]);
		expect(error!.context.itemIndex).toBe(1);
		expect(writes()).toEqual([]);
		expect(task(P1, 'WO-950')).toBeUndefined();
	});

	test('a project given by ID works like one given by number', async () => {
		const { items } = await ditio.run(upsert('A-01', { name: 'Riving' }, byId(P2)));
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.taskRiving, outcome: 'unchanged' });
	});
});
