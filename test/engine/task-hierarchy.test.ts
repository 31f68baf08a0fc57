/**
 * Work order hierarchy by the ERP's own numbers, inside n8n's engine against the sandbox:
 * Parent External ID becomes Ditio's parentActivityId, also for a parent written earlier in
 * the same run (and, in Create or Update, for a parent that comes AFTER its child in the input);
 * a parent without Is Parent is never marked, or left unmarked, silently.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { byId, byNumber, DEMO_IDS, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
beforeEach(() => ditio.sandbox.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const { apiRequests, writes } = requestLog(ditio);
/** Writes as "POST <externalId>" / "PATCH <id> <body keys>", in the order Ditio got them. */
const writeLog = () =>
	writes().map((r) =>
		r.method === 'POST' ? `POST ${String(r.body?.externalId)}` : `${r.method} ${r.segments.slice(5).join('/')} ${Object.keys(r.body ?? {}).join(',')}`,
	);
const task = (externalId: string, projectId = P1) => ditio.sandbox.store.findTaskByExternalId(projectId, externalId);

/** Every value from the item: externalId, name, parentExternalId, isParent. */
const fromItems = (operation: 'create' | 'upsert', ifParentNotMarked = 'notice'): INodeParameters => ({
	resource: 'task',
	operation,
	project: byNumber('P-2026-001'),
	externalId: '={{ $json.externalId }}',
	additionalFields: {
		name: '={{ $json.externalId }}',
		parentExternalId: '={{ $json.parent ?? "" }}',
		isParent: '={{ $json.isParent ?? false }}',
	},
	ifParentNotMarked,
});
const createChild = (additionalFields: INodeParameters, ifParentNotMarked = 'notice'): INodeParameters => ({
	resource: 'task',
	operation: 'create',
	project: byId(P1),
	externalId: 'WO-600',
	additionalFields,
	ifParentNotMarked,
});

describe('Parent External ID on Create', () => {
	test('a marked parent: the child gets its Ditio ID, the body carries only parentActivityId, no notice', async () => {
		const { items, error } = await ditio.run(createChild({ name: 'Lasting', parentExternalId: 'WO-200' }));
		expect(error).toBeUndefined();
		expect(task('WO-600').parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
		expect(items[0].json).not.toHaveProperty('notice');
		const post = writes()[0];
		expect(post.body).toMatchObject({ parentActivityId: DEMO_IDS.taskMasseflytting });
		expect(post.body).not.toHaveProperty('parentExternalId');
	});

	test('a parent created earlier in the same run is found, also after the project\'s work orders were read', async () => {
		// Item 0 makes the node read the project's work orders before H-1 exists.
		const { items, error } = await ditio.run(fromItems('create'), [
			{ externalId: 'H-0', parent: 'WO-200' },
			{ externalId: 'H-1', isParent: true },
			{ externalId: 'H-1.1', parent: 'H-1' },
			{ externalId: 'H-1.2', parent: 'H-1' },
		]);
		expect(error).toBeUndefined();
		const parent = task('H-1');
		expect(task('H-0').parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
		expect(task('H-1.1').parentActivityId).toBe(parent.id);
		expect(task('H-1.2').parentActivityId).toBe(parent.id);
		expect(jsonOf(items).map((t) => t.notice)).toEqual([undefined, undefined, undefined, undefined]);
		expect(apiRequests().filter((r) => r.method === 'GET' && r.segments[5] === 'project')).toHaveLength(1);
	});

	test('a parent that is not in the project fails the item, and nothing is written', async () => {
		// A-01 exists, but in another project.
		const { error } = await ditio.run(createChild({ parentExternalId: 'A-01' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Parent work order with External ID "A-01" is not in this project');
		expect(error!.context.itemIndex).toBe(0);
		expect(writes()).toEqual([]);
		expect(task('WO-600')).toBeUndefined();
	});
});

describe('Parent Work Order ID mapped from a column that is empty for top-level rows', () => {
	const parentIdFromItems = (operation: 'create' | 'upsert'): INodeParameters => ({
		...fromItems(operation),
		additionalFields: { name: '={{ $json.externalId }}', parentActivityId: '={{ $json.parentId }}' },
	});

	test('Create: an empty one means no parent; the other rows get theirs', async () => {
		const { error } = await ditio.run(parentIdFromItems('create'), [
			{ externalId: 'H-10', parentId: '' },
			{ externalId: 'H-11', parentId: DEMO_IDS.taskMasseflytting },
		]);
		expect(error).toBeUndefined();
		expect(task('H-10').parentActivityId).toBeNull();
		expect(task('H-11').parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
		expect(writes()[0].body).not.toHaveProperty('parentActivityId');
	});

	test('Create or Update: an empty one leaves an existing child under its parent', async () => {
		const { items, error } = await ditio.run(parentIdFromItems('upsert'), [{ externalId: 'WO-201', parentId: ' ' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ outcome: 'updated', changedFields: ['name'] });
		expect(writes().map((r) => r.body)).toEqual([{ name: 'WO-201' }]);
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGraving).parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
	});
});

describe('If the Parent Is Not Marked as Parent', () => {
	test('notice: the child is written, its output says so, and the parent is left unchanged', async () => {
		const { items, error } = await ditio.run(fromItems('create', 'notice'), [{ externalId: 'H-2' }, { externalId: 'H-2.1', parent: 'H-2' }]);
		expect(error).toBeUndefined();
		expect(task('H-2.1').parentActivityId).toBe(task('H-2').id);
		expect(items[1].json.notice).toMatch(/"H-2".*does not have Is Parent set/);
		expect(task('H-2').isParent).toBe(false);
		expect(writeLog()).toEqual(['POST H-2', 'POST H-2.1']);
	});

	test('mark: the parent gets isParent true before its first child is written, once for several children', async () => {
		const { items, error } = await ditio.run(fromItems('create', 'mark'), [
			{ externalId: 'H-3' },
			{ externalId: 'H-3.1', parent: 'H-3' },
			{ externalId: 'H-3.2', parent: 'H-3' },
		]);
		expect(error).toBeUndefined();
		const parent = task('H-3');
		expect(parent.isParent).toBe(true);
		expect(task('H-3.1').parentActivityId).toBe(parent.id);
		expect(writeLog()).toEqual(['POST H-3', `PATCH ${parent.id} isParent`, 'POST H-3.1', 'POST H-3.2']);
		expect(writes()[1].body).toEqual({ isParent: true });
		expect(items[1].json.notice).toMatch(/"H-3".*was marked as a parent/);
	});

	test('error: the item fails naming the parent, and nothing is written', async () => {
		const before = JSON.parse(JSON.stringify(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)));
		const { error } = await ditio.run(createChild({ name: 'Under WO-100', parentExternalId: 'WO-100' }, 'error'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/"WO-100".*is not marked as a parent/);
		expect(error!.context.itemIndex).toBe(0);
		expect(writes()).toEqual([]);
		expect(task('WO-600')).toBeUndefined();
		expect(JSON.parse(JSON.stringify(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)))).toEqual(before);
	});

	test('the same rule holds for a parent given by its Ditio ID', async () => {
		const unmarked = await ditio.run(createChild({ parentActivityId: DEMO_IDS.taskGrunnarbeid }));
		expect(unmarked.items[0].json.notice).toMatch(/does not have Is Parent set/);
		const marked = await ditio.run({ ...createChild({ parentActivityId: DEMO_IDS.taskMasseflytting }), externalId: 'WO-601' });
		expect(marked.items[0].json).not.toHaveProperty('notice');
		expect(task('WO-601').parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
	});
});

describe('Create or Update: parents first, whatever the input order', () => {
	const reversed = [
		{ externalId: 'H-4.1.1', parent: 'H-4.1' },
		{ externalId: 'H-4.1', parent: 'H-4', isParent: true },
		{ externalId: 'H-4', isParent: true },
	];

	test('a child before its parent in the input: the parent is written first, outputs stay in input order', async () => {
		const { items, error, pairedItemsFromNode } = await ditio.run(fromItems('upsert'), reversed);
		expect(error).toBeUndefined();
		expect(writeLog()).toEqual(['POST H-4', 'POST H-4.1', 'POST H-4.1.1']);
		expect(task('H-4.1').parentActivityId).toBe(task('H-4').id);
		expect(task('H-4.1.1').parentActivityId).toBe(task('H-4.1').id);
		expect(jsonOf(items).map((t) => [t.externalId, t.outcome])).toEqual([
			['H-4.1.1', 'created'],
			['H-4.1', 'created'],
			['H-4', 'created'],
		]);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('re-running the batch writes nothing and creates no duplicate', async () => {
		await ditio.run(fromItems('upsert'), reversed);
		const count = ditio.sandbox.store.tasks.size;
		ditio.sandbox.clearRequests();
		const { items } = await ditio.run(fromItems('upsert'), reversed);
		expect(jsonOf(items).map((t) => t.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(writes()).toEqual([]);
		expect(ditio.sandbox.store.tasks.size).toBe(count);
	});

	test('mark: an unmarked parent later in the input is created, marked, then the child written', async () => {
		const { items, error } = await ditio.run(fromItems('upsert', 'mark'), [{ externalId: 'H-5.1', parent: 'H-5' }, { externalId: 'H-5' }]);
		expect(error).toBeUndefined();
		const parent = task('H-5');
		expect(writeLog()).toEqual(['POST H-5', `PATCH ${parent.id} isParent`, 'POST H-5.1']);
		expect(parent.isParent).toBe(true);
		expect(task('H-5.1').parentActivityId).toBe(parent.id);
		expect(items[0].json.notice).toMatch(/was marked as a parent/);
	});

	test('error: the child fails with its own index; its parent and the other items are written', async () => {
		const { items, error } = await ditio.run(
			fromItems('upsert', 'error'),
			[{ externalId: 'H-6.1', parent: 'H-6' }, { externalId: 'H-6' }, { externalId: 'H-7' }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ itemIndex: 0, error: expect.stringMatching(/"H-6".*is not marked as a parent/) });
		expect(writeLog().sort()).toEqual(['POST H-6', 'POST H-7']);
		expect(task('H-6.1')).toBeUndefined();
		expect(task('H-6').isParent).toBe(false);
	});

	test('mark, with several children of one unmarked parent written in parallel: the parent is marked once', async () => {
		ditio.sandbox.setLatency(25);
		try {
			const { items, error } = await ditio.run(fromItems('upsert', 'mark'), [
				{ externalId: 'H-8.1', parent: 'WO-100' },
				{ externalId: 'H-8.2', parent: 'WO-100' },
				{ externalId: 'H-8.3', parent: 'WO-100' },
			]);
			expect(error).toBeUndefined();
			expect(jsonOf(items).map((t) => t.parentActivityId)).toEqual(Array(3).fill(DEMO_IDS.taskGrunnarbeid));
			expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid).isParent).toBe(true);
			expect(writeLog().filter((w) => w.startsWith('PATCH'))).toEqual([`PATCH ${DEMO_IDS.taskGrunnarbeid} isParent`]);
		} finally {
			ditio.sandbox.setLatency(0);
		}
	});

	test('moving an existing work order to another parent changes only parentActivityId', async () => {
		const { items, error } = await ditio.run(
			{ resource: 'task', operation: 'upsert', project: byId(P1), externalId: 'WO-201', additionalFields: { parentExternalId: 'WO-300' }, ifParentNotMarked: 'mark' },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ outcome: 'updated', changedFields: ['parentActivityId'], parentActivityId: DEMO_IDS.taskBetong });
		expect(writes().map((r) => r.body)).toEqual([{ isParent: true }, { parentActivityId: DEMO_IDS.taskBetong }]);
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskBetong).isParent).toBe(true);
	});
});

describe('Parent External ID on Update and Replace', () => {
	test('Update: the parent is looked up in the work order\'s own project; the PATCH carries its Ditio ID', async () => {
		const { items, error } = await ditio.run({
			resource: 'task',
			operation: 'update',
			taskId: DEMO_IDS.taskGrunnarbeid,
			updateFields: { parentExternalId: 'WO-200' },
		});
		expect(error).toBeUndefined();
		expect(writes().map((r) => r.body)).toEqual([{ parentActivityId: DEMO_IDS.taskMasseflytting }]);
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid).parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
		expect(items[0].json).not.toHaveProperty('notice');
	});

	test('Update with an unmarked parent and "error": nothing is written', async () => {
		const { error } = await ditio.run({
			resource: 'task',
			operation: 'update',
			taskId: DEMO_IDS.taskGrunnarbeid,
			updateFields: { name: 'Flyttet', parentExternalId: 'WO-300' },
			ifParentNotMarked: 'error',
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(writes()).toEqual([]);
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)).toMatchObject({ name: 'Grunnarbeid', parentActivityId: null });
	});

	test('Replace: the PUT carries the parent\'s Ditio ID', async () => {
		const { error } = await ditio.run({
			resource: 'task',
			operation: 'replace',
			taskId: DEMO_IDS.taskGrunnarbeid,
			project: byId(P1),
			externalId: 'WO-100',
			additionalFields: { name: 'Grunnarbeid', parentExternalId: 'WO-200' },
		});
		expect(error).toBeUndefined();
		expect(writes()[0].body).toMatchObject({ parentActivityId: DEMO_IDS.taskMasseflytting });
		expect(writes()[0].body).not.toHaveProperty('parentExternalId');
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid).parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
	});
});
