/**
 * Create or Update's Preview Only and Deactivate Missing inside n8n's engine against the sandbox:
 * a preview reads what a real run reads and writes nothing, and the real run after it does what
 * it said; a mirror sets inactive what the ERP no longer has (never deletes, never touches a
 * hand-made or template work order), and its safety stop fails the run before any write.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byNumber, DEMO_COMPANY_ID, DEMO_IDS, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
beforeEach(() => ditio.sandbox.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const { apiRequests, writes, route, task } = requestLog(ditio);
const store = () => ditio.sandbox.store;

/** Work Order Create or Update with every value from the item. */
const taskUpsert = (options: INodeParameters = {}, project = 'P-2026-001'): INodeParameters => ({
	resource: 'task',
	operation: 'upsert',
	project: byNumber(project),
	externalId: '={{ $json.externalId }}',
	additionalFields: { name: '={{ $json.name }}', active: true },
	options,
});

/** What a user compares between a preview and the real run: outcome, record, changed fields. */
const summary = (items: IDataObject[]) =>
	items.map((i) => ({ outcome: i.outcome, externalId: i.externalId, changedFields: i.changedFields ?? [] }));

/** A project of 20 ERP work orders (ERP-1 … ERP-20), one made by hand in Ditio and an active template. */
function mirrorProject() {
	const project = store().addProject(DEMO_COMPANY_ID, { projectNumber: 'P-MIRROR', name: 'Speil', active: true });
	store().seedTasks(DEMO_COMPANY_ID, project.id, 20, { prefix: 'ERP-' });
	// Made by hand in Ditio Web: no External ID. The sandbox requires one on create, so it is taken off afterwards.
	const handMade = store().addTask(DEMO_COMPANY_ID, { projectId: project.id, externalId: 'tmp', name: 'Ekstraarbeid', active: true });
	handMade.externalId = null;
	const template = store().addTask(DEMO_COMPANY_ID, { projectId: project.id, externalId: 'MAL-M', name: 'Mal', isTemplate: true, active: true });
	store().reindex();
	ditio.sandbox.clearRequests();
	return { project, handMade, template };
}
const erpItems = (numbers: number[]) => numbers.map((n) => ({ externalId: `ERP-${n}`, name: `Arbeidsordre ${n}` }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Preview Only', () => {
	const batch = [
		{ externalId: 'WO-900', name: 'Boring' }, // created
		{ externalId: 'WO-100', name: 'Grunnarbeid - fase 2' }, // updated
		{ externalId: 'WO-200', name: 'Masseflytting' }, // unchanged
		{ externalId: 'WO-201', name: 'Graving' },
		{ externalId: 'WO-202', name: 'Transport' },
		// WO-300 is missing: deactivated
	];

	test('shows every outcome and writes nothing; the real run after it does exactly that', async () => {
		const before = JSON.stringify([...store().tasks.values()]);
		const preview = await ditio.run(taskUpsert({ previewOnly: true, deactivateMissing: true, maxDeactivateShare: 50 }), batch);
		expect(preview.error).toBeUndefined();
		const previewed = jsonOf(preview.items);
		expect(summary(previewed)).toEqual([
			{ outcome: 'created', externalId: 'WO-900', changedFields: [] },
			{ outcome: 'updated', externalId: 'WO-100', changedFields: ['name'] },
			{ outcome: 'unchanged', externalId: 'WO-200', changedFields: [] },
			{ outcome: 'unchanged', externalId: 'WO-201', changedFields: [] },
			{ outcome: 'unchanged', externalId: 'WO-202', changedFields: [] },
			{ outcome: 'deactivated', externalId: 'WO-300', changedFields: ['active'] },
		]);
		expect(previewed.every((i) => i.preview === true)).toBe(true);
		expect(previewed[1].changes).toEqual({ name: { before: 'Grunnarbeid', after: 'Grunnarbeid - fase 2' } });
		expect(previewed[5]).toMatchObject({ id: DEMO_IDS.taskBetong, active: false, changes: { active: { before: true, after: false } } });
		// Reads only: the project by number and its work orders, as a real run reads them.
		expect(apiRequests().map(route)).toEqual(['GET projects by-project-number P-2026-001', `GET tasks project ${P1}`]);
		expect(JSON.stringify([...store().tasks.values()])).toBe(before);

		ditio.sandbox.clearRequests();
		const real = await ditio.run(taskUpsert({ deactivateMissing: true, maxDeactivateShare: 50 }), batch);
		expect(real.error).toBeUndefined();
		expect(summary(jsonOf(real.items))).toEqual(summary(previewed));
		expect(jsonOf(real.items).some((i) => 'preview' in i)).toBe(false);
		expect(task(P1, 'WO-900')).toMatchObject({ name: 'Boring', active: true });
		expect(task(P1, 'WO-100')).toMatchObject({ name: 'Grunnarbeid - fase 2' });
		expect(task(P1, 'WO-300')).toMatchObject({ active: false, name: 'Betongarbeid' });
		// The bound: the same two reads, then one write per created, updated and deactivated work order.
		expect(apiRequests().map(route).sort()).toEqual(
			['GET projects by-project-number P-2026-001', `GET tasks project ${P1}`, 'POST tasks', `PATCH tasks ${DEMO_IDS.taskGrunnarbeid}`, `PATCH tasks ${DEMO_IDS.taskBetong}`].sort(),
		);
		expect(writes().find((r) => route(r) === `PATCH tasks ${DEMO_IDS.taskBetong}`)?.body).toEqual({ active: false });
	});

	test('project Create or Update: the would-be outcome, before and after, and no request but the list', async () => {
		const { items, error } = await ditio.run(
			{ resource: 'project', operation: 'upsert', projectNumber: '={{ $json.number }}', additionalFields: { name: '={{ $json.name }}' }, options: { previewOnly: true } },
			[
				{ number: 'P-2026-001', name: 'Fjellhall 2' },
				{ number: 'P-NY-1', name: 'Ny' },
				{ number: 'P-NY-1', name: 'Ny' },
			],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ outcome: 'updated', preview: true, id: P1, name: 'Fjellhall 2', changedFields: ['name'], changes: { name: { before: 'Prosjekt Fjellhall', after: 'Fjellhall 2' } } }),
			expect.objectContaining({ outcome: 'created', preview: true, projectNumber: 'P-NY-1', name: 'Ny' }),
			// The second of two equal numbers sees the first, as in a real run.
			expect.objectContaining({ outcome: 'unchanged', preview: true, projectNumber: 'P-NY-1' }),
		]);
		expect(apiRequests().map(route)).toEqual(['GET projects']);
		expect(store().findProjectByNumber(DEMO_COMPANY_ID, 'P-NY-1')).toBeUndefined();
	});
});

describe('Deactivate Missing', () => {
	test('3 of 20 work orders gone from the ERP: those 3 set inactive, none deleted, the hand-made and the template untouched', async () => {
		const { project, handMade, template } = mirrorProject();
		const count = store().tasks.size;
		const { items, error } = await ditio.run(taskUpsert({ deactivateMissing: true }, 'P-MIRROR'), erpItems(range(1, 17)));
		expect(error).toBeUndefined();
		const out = jsonOf(items);
		expect(out.slice(0, 17).every((i) => i.outcome === 'unchanged')).toBe(true);
		expect(out.slice(17)).toEqual([18, 19, 20].map((n) => expect.objectContaining({ outcome: 'deactivated', externalId: `ERP-${n}`, active: false, changedFields: ['active'] })));
		expect(items.slice(17).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(store().tasks.size).toBe(count);
		for (const n of [18, 19, 20]) expect(task(project.id, `ERP-${n}`).active).toBe(false);
		expect(store().getTask(handMade.id).active).toBe(true);
		expect(store().getTask(template.id).active).toBe(true);
		expect(apiRequests().map(route)).toEqual([
			'GET projects by-project-number P-MIRROR',
			`GET tasks project ${project.id}`,
			...[18, 19, 20].map((n) => `PATCH tasks ${task(project.id, `ERP-${n}`).id}`),
		]);
	});

	test('the safety stop: 21 % of a project missing fails the run before any write, naming the project and the count', async () => {
		const project = store().addProject(DEMO_COMPANY_ID, { projectNumber: 'P-STOR', active: true });
		store().seedTasks(DEMO_COMPANY_ID, project.id, 100, { prefix: 'ERP-' });
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(
			{ ...taskUpsert({ deactivateMissing: true }, 'P-STOR'), additionalFields: { name: '=Endret {{ $json.externalId }}' } },
			erpItems(range(1, 79)),
		);
		expect(error?.message).toMatch(/21 of the 100 active work orders with an External ID of project P-STOR \(\w+\) inactive \(21%\), more than Max Share to Deactivate \(20%\)/);
		expect(error?.description).toMatch(/Nothing was written to Ditio/);
		expect(writes()).toEqual([]);

		// At 20 % it goes through.
		const { items, error: none } = await ditio.run(taskUpsert({ deactivateMissing: true }, 'P-STOR'), erpItems(range(1, 80)));
		expect(none).toBeUndefined();
		expect(jsonOf(items).filter((i) => i.outcome === 'deactivated')).toHaveLength(20);
	});

	test('preview with mirror: shows what would be deactivated and sends the reads only', async () => {
		const { project } = mirrorProject();
		const { items, error } = await ditio.run(taskUpsert({ deactivateMissing: true, previewOnly: true }, 'P-MIRROR'), erpItems(range(1, 17)));
		expect(error).toBeUndefined();
		expect(jsonOf(items).filter((i) => i.outcome === 'deactivated').map((i) => [i.externalId, i.preview, i.active])).toEqual([
			['ERP-18', true, false],
			['ERP-19', true, false],
			['ERP-20', true, false],
		]);
		expect(apiRequests().map(route)).toEqual(['GET projects by-project-number P-MIRROR', `GET tasks project ${project.id}`]);
		expect(task(project.id, 'ERP-18').active).toBe(true);
	});

	test('a refused item stops a mirror run before any write, under Continue On Fail too: its work order would look missing', async () => {
		mirrorProject();
		const items = erpItems(range(1, 20)).map((item, i) => (i === 4 ? { ...item, externalId: ' ' } : item));
		const { error } = await ditio.run(taskUpsert({ deactivateMissing: true }, 'P-MIRROR'), items, { continueOnFail: true });
		expect(error?.message).toMatch(/Deactivate Missing cannot tell what is missing: item 4 was refused: Invalid External ID/);
		expect(writes()).toEqual([]);
	});

	test('projects: the active projects of the company not in the input, with the same safety stop', async () => {
		const upsertProjects = (options: INodeParameters): INodeParameters => ({ resource: 'project', operation: 'upsert', projectNumber: '={{ $json.number }}', options });
		const stopped = await ditio.run(upsertProjects({ deactivateMissing: true }), [{ number: 'P-2026-001' }]);
		expect(stopped.error?.message).toMatch(/1 of the 2 active projects of company \w+ inactive \(50%\)/);
		expect(writes()).toEqual([]);

		const { items, error } = await ditio.run(upsertProjects({ deactivateMissing: true, maxDeactivateShare: 50 }), [{ number: 'P-2026-001' }]);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ outcome: 'unchanged', projectNumber: 'P-2026-001' }),
			expect.objectContaining({ outcome: 'deactivated', projectNumber: 'P/2026/Æ-01', active: false }),
		]);
		expect(store().getProject(DEMO_IDS.projectBarnehage).active).toBe(false);
		expect(writes().map((r) => [route(r), r.body])).toEqual([[`PATCH projects ${DEMO_IDS.projectBarnehage}`, { active: false }]]);
	});

	test('the Ditio Trigger reports the deactivations as changes of active', async () => {
		const { project } = mirrorProject();
		const trigger = ditio.engine.poller({
			nodeName: 'ditioTrigger',
			parameters: { resource: 'task', events: ['created', 'changed', 'removed'], scope: 'project', project: byNumber('P-MIRROR') },
		});
		expect(await trigger.poll()).toBeNull();
		await ditio.run(taskUpsert({ deactivateMissing: true }, 'P-MIRROR'), erpItems(range(1, 17)));
		const out = await trigger.poll();
		const events = out ? out[0].map((i) => i.json) : [];
		expect(events).toEqual(
			[18, 19, 20].map((n) => expect.objectContaining({ event: 'changed', id: task(project.id, `ERP-${n}`).id, changes: { active: { before: true, after: false } } })),
		);
	});
});
