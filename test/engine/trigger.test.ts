/**
 * Ditio Trigger across successive polls of one activated workflow, against the sandbox.
 */
import { byNumber, DEMO_COMPANY_ID, useDitio } from './support/ditio';
import type { Poller } from './harness';

const ditio = useDitio('demo');
const events = (out: Awaited<ReturnType<Poller['poll']>>) => (out ? out[0].map((i) => i.json) : []);

let projectId: string;
beforeEach(() => {
	ditio.sandbox.reset('demo');
	projectId = ditio.sandbox.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-2026-001').id;
});

const watchProject = () =>
	ditio.engine.poller({
		nodeName: 'ditioTrigger',
		parameters: { resource: 'task', events: ['created', 'changed', 'removed'], scope: 'project', project: byNumber('P-2026-001') },
	});

describe('Ditio Trigger', () => {
	test('the first activation is quiet; an idle poll fires nothing', async () => {
		const trigger = watchProject();
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	test('create, change and remove each fire exactly once, a change with before and after', async () => {
		const trigger = watchProject();
		await trigger.poll();

		const task = ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId, externalId: 'WO-TRIG-1', name: 'Ny' });
		const created = events(await trigger.poll());
		expect(created).toEqual([expect.objectContaining({ event: 'created', id: task.id, resource: 'task', record: expect.objectContaining({ externalId: 'WO-TRIG-1' }) })]);
		expect(await trigger.poll()).toBeNull();

		ditio.sandbox.store.getTask(task.id).name = 'Endret';
		const changed = events(await trigger.poll());
		expect(changed).toEqual([expect.objectContaining({ event: 'changed', id: task.id, changes: { name: { before: 'Ny', after: 'Endret' } } })]);
		expect(await trigger.poll()).toBeNull();

		ditio.sandbox.store.tasks.delete(task.id);
		ditio.sandbox.store.reindex();
		const removed = events(await trigger.poll());
		expect(removed).toEqual([expect.objectContaining({ event: 'removed', id: task.id, record: expect.objectContaining({ name: 'Endret' }) })]);
		expect(await trigger.poll()).toBeNull();
	});

	test('a failed poll moves nothing: the change is reported by the next good poll', async () => {
		const trigger = watchProject();
		await trigger.poll();
		ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId, externalId: 'WO-TRIG-2' });
		ditio.sandbox.injectFaults([{ status: 500, count: 10 }]);
		await expect(trigger.poll()).rejects.toThrow(/Ditio answered 500/);
		ditio.sandbox.clearFaults();
		expect(events(await trigger.poll()).map((e) => e.event)).toEqual(['created']);
	});

	test('only the chosen events fire', async () => {
		const trigger = ditio.engine.poller({
			nodeName: 'ditioTrigger',
			parameters: { resource: 'project', events: ['removed'] },
		});
		await trigger.poll();
		ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-TRIG-NEW' });
		expect(await trigger.poll()).toBeNull();
	});

	test('Fetch test event returns one real record and leaves the memory alone', async () => {
		const trigger = watchProject();
		const sample = events(await trigger.poll('manual'));
		expect(sample).toHaveLength(1);
		expect(ditio.sandbox.store.getTask(sample[0].id)).toBeDefined();
		expect(trigger.staticData()).toEqual({});
	});

	test('what it remembers is compact: one short line per record, far smaller than the records', async () => {
		const trigger = watchProject();
		await trigger.poll();
		const memory = trigger.staticData() as { seen: Record<string, string> };
		const tasks = ditio.sandbox.store.tasksOfProject(projectId);
		expect(Object.keys(memory.seen)).toEqual([projectId]);
		expect(memory.seen[projectId].split('^')).toHaveLength(tasks.length);
		expect(JSON.stringify(memory.seen).length).toBeLessThan(JSON.stringify(tasks).length / 5);
	});

	test('a project given by number is looked up once, not at every poll', async () => {
		const trigger = watchProject();
		const lookups = () => (ditio.sandbox.requests as Array<{ segments: string[] }>).filter((r) => r.segments.includes('by-project-number')).length;
		await trigger.poll();
		await trigger.poll();
		await trigger.poll();
		expect(lookups()).toBe(1);
	});

	test('Fields to Watch: before/after only for those; a change elsewhere still fires, naming the field', async () => {
		const trigger = ditio.engine.poller({
			nodeName: 'ditioTrigger',
			parameters: { resource: 'task', events: ['changed'], scope: 'project', project: byNumber('P-2026-001'), options: { taskFields: ['name'] } },
		});
		await trigger.poll();
		const task = ditio.sandbox.store.tasksOfProject(projectId).find((t: { isTemplate: boolean }) => !t.isTemplate);
		task.workDescription = 'Ny beskrivelse';
		const [event] = events(await trigger.poll());
		expect(event).toEqual(expect.objectContaining({ event: 'changed', id: task.id, changes: {}, changedFields: ['workDescription'] }));
		expect(event.record).toEqual(expect.objectContaining({ workDescription: 'Ny beskrivelse' }));
		task.name = 'Nytt navn';
		expect(events(await trigger.poll())).toEqual([expect.objectContaining({ changes: { name: { before: expect.any(String), after: 'Nytt navn' } }, changedFields: ['name'] })]);
	});

	test('watching all active projects: a project made inactive does not report its work orders as removed', async () => {
		const trigger = ditio.engine.poller({
			nodeName: 'ditioTrigger',
			parameters: { resource: 'task', events: ['created', 'changed', 'removed'], scope: 'allActive' },
		});
		await trigger.poll();
		const task = ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId, externalId: 'WO-TRIG-3' });
		expect(events(await trigger.poll())).toEqual([expect.objectContaining({ event: 'created', id: task.id })]);
		ditio.sandbox.store.getProject(projectId).active = false;
		expect(await trigger.poll()).toBeNull();
	});
});
