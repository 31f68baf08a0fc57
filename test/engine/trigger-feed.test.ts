/**
 * Ditio Trigger in change-feed mode (credential option "Use Data Extraction API"), against the
 * sandbox's feed, across polls and across restarts as n8n 2.41 has them: n8n saves the static
 * data after the first poll of an activation and after a poll that starts the workflow, and at
 * a restart the trigger starts again from what was saved last.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byNumber, DEMO_CLIENT, DEMO_COMPANY_ID, useDitio } from './support/ditio';
import type { Poller } from './harness';
import { setTimeout } from '../host/globals';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FEED_CLIENT } = require('../../sandbox/server');

const ditio = useDitio('demo');
type Out = Awaited<ReturnType<Poller['poll']>>;
const events = (out: Out) => (out ? out[0].map((i) => i.json) : []);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Logged {
	api: boolean;
	reporting?: boolean;
	token: boolean;
	method: string;
	segments: string[];
	path: string;
	body?: Record<string, string>;
}
const log = () => ditio.sandbox.requests as Logged[];

let projectId: string;
let feedCredential: string;
/** A credential of its own holds no token yet, so a test that counts token requests sees the first. */
const newFeedCredential = () =>
	ditio.credential({
		clientId: FEED_CLIENT.clientId,
		clientSecret: FEED_CLIENT.clientSecret,
		reportingApi: true,
		reportingBaseUrl: ditio.sandbox.reportingBaseUrl,
	});
beforeAll(() => {
	feedCredential = newFeedCredential();
});
beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.sandbox.feed.setLag(0);
	ditio.sandbox.feed.defaultChunk = 2500;
	projectId = ditio.sandbox.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-2026-001').id;
});

const ALL_EVENTS = ['created', 'changed', 'removed'];
const params = (events: string[] = ALL_EVENTS): INodeParameters => ({
	resource: 'task',
	events,
	scope: 'project',
	project: byNumber('P-2026-001'),
});

/**
 * A trigger as an activated workflow in n8n has it: `saved` is what the database holds (set
 * after the first poll and after every poll that fires), `restart()` starts again from it.
 */
function activated(parameters: INodeParameters, credentialsId = feedCredential) {
	let saved = '{}';
	let current: Poller;
	let polls = 0;
	const start = () => {
		current = ditio.engine.poller({ nodeName: 'ditioTrigger', parameters, credentialsId });
		Object.assign(current.staticData(), JSON.parse(saved));
		polls = 0;
	};
	start();
	return {
		async poll() {
			const out = await current.poll();
			if (out !== null || ++polls === 1) saved = JSON.stringify(current.staticData());
			return events(out);
		},
		restart: start,
		staticData: () => current.staticData(),
	};
}

const addTask = (externalId: string, fields: IDataObject = {}) => {
	const task = ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId, externalId, name: 'Ny', ...fields });
	ditio.sandbox.feed.scan();
	return task;
};
const removeTask = (id: string) => {
	ditio.sandbox.store.tasks.delete(id);
	ditio.sandbox.store.reindex();
	ditio.sandbox.feed.scan();
};
const renameTask = (id: string, name: string) => {
	ditio.sandbox.store.getTask(id).name = name;
	ditio.sandbox.feed.scan();
};

describe('Ditio Trigger, change feed', () => {
	test('the credential option asks for both scopes; without it only the integration scope', async () => {
		const trigger = activated(params(), newFeedCredential());
		await trigger.poll();
		const scopes = () => log().filter((r) => r.token).map((r) => r.body?.scope);
		expect(scopes()).toEqual(['ditioapiv3 reportingapiv1']);
		ditio.sandbox.clearRequests();
		const plain = activated(params(), ditio.credential());
		await plain.poll();
		expect(scopes()).toEqual(['ditioapiv3']);
		expect(log().filter((r) => r.reporting)).toEqual([]);
	});

	test('an API client without the reporting scope gets a message naming it', async () => {
		const withoutScope = ditio.credential({ reportingApi: true, reportingBaseUrl: ditio.sandbox.reportingBaseUrl });
		const trigger = ditio.engine.poller({ nodeName: 'ditioTrigger', parameters: params(), credentialsId: withoutScope });
		const error = await trigger.poll().then(
			() => undefined,
			(e: { message: string; description?: string }) => e,
		);
		expect(error?.message).toBe("Ditio's identity server refused scope ditioapiv3 reportingapiv1 for this API client (invalid_scope)");
		expect(error?.description).toMatch(/Use Data Extraction API.*scope reportingapiv1/s);
		expect(DEMO_CLIENT.scopes).not.toContain('reportingapiv1');
	});

	test('Custom URLs with the option on but no reporting base URL: a clear error, nothing sent there', async () => {
		const noUrl = ditio.credential({ clientId: FEED_CLIENT.clientId, clientSecret: FEED_CLIENT.clientSecret, reportingApi: true, reportingBaseUrl: '' });
		const trigger = ditio.engine.poller({ nodeName: 'ditioTrigger', parameters: params(), credentialsId: noUrl });
		await expect(trigger.poll()).rejects.toThrow('Reporting API Base URL is empty in the Ditio credential');
		expect(log().filter((r) => r.reporting)).toEqual([]);
	});

	test('an idle poll is one feed request, however many work orders exist; nothing fires', async () => {
		ditio.sandbox.seedTasks(DEMO_COMPANY_ID, projectId, 300, { prefix: 'BULK-' });
		const trigger = activated(params());
		expect(await trigger.poll()).toEqual([]);
		ditio.sandbox.clearRequests();
		expect(await trigger.poll()).toEqual([]);
		expect(log().filter((r) => r.api || r.reporting).map((r) => r.segments.join('/'))).toEqual([
			'reporting/v1/project/work-breakdown-structure',
		]);
		expect(log().find((r) => r.reporting)?.path).toContain(`ProjectId=${projectId}`);
	});

	test('created, changed and removed fire once each, though the overlap shows them again', async () => {
		const trigger = activated(params());
		await trigger.poll();

		const task = addTask('WO-FEED-1');
		ditio.sandbox.clearRequests();
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ event: 'created', id: task.id, resource: 'task', record: expect.objectContaining({ externalId: 'WO-FEED-1', workDescription: null }) }),
		]);
		// One feed page and one read of the record that changed.
		expect(log().filter((r) => r.api || r.reporting).map((r) => r.segments.slice(-2).join('/'))).toEqual([
			'project/work-breakdown-structure',
			`tasks/${task.id}`,
		]);
		expect(await trigger.poll()).toEqual([]);

		renameTask(task.id, 'Endret');
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ event: 'changed', id: task.id, changes: { name: { before: 'Ny', after: 'Endret' } }, changedFields: ['name'] }),
		]);
		expect(await trigger.poll()).toEqual([]);

		removeTask(task.id);
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ event: 'removed', id: task.id, record: expect.objectContaining({ externalId: 'WO-FEED-1', name: 'Endret', deletedDateTime: expect.any(String) }) }),
		]);
		expect(await trigger.poll()).toEqual([]);
		// Records handled in the overlap are re-read only once: the next idle poll reads no record.
		ditio.sandbox.clearRequests();
		await trigger.poll();
		expect(log().filter((r) => r.api)).toEqual([]);
	});

	test('every page is followed', async () => {
		ditio.sandbox.feed.defaultChunk = 2;
		const trigger = activated(params());
		await trigger.poll();
		const made = [1, 2, 3, 4, 5].map((n) => addTask(`WO-PAGE-${n}`).id);
		ditio.sandbox.clearRequests();
		const fired = await trigger.poll();
		expect(fired.map((e) => e.id)).toEqual(made);
		expect(fired.every((e) => e.event === 'created')).toBe(true);
		const pages = log().filter((r) => r.reporting);
		expect(pages).toHaveLength(3);
		expect(pages.every((r) => r.path.includes('ModifiedSince='))).toBe(true);
		expect(pages.slice(1).every((r) => r.path.includes('ContinuationToken='))).toBe(true);
	});

	test('a change that becomes visible to the feed late is still reported, once', async () => {
		ditio.sandbox.feed.setLag(1500);
		const trigger = activated(params());
		await trigger.poll();
		const task = addTask('WO-LATE');
		// Visible neither now nor at the next poll: its modified time is already behind both.
		expect(await trigger.poll()).toEqual([]);
		await sleep(1600);
		expect(await trigger.poll()).toEqual([expect.objectContaining({ event: 'created', id: task.id })]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('a failed poll moves nothing', async () => {
		const trigger = activated(params());
		await trigger.poll();
		const task = addTask('WO-FAIL');
		ditio.sandbox.injectFaults([{ status: 500, count: 10, pathIncludes: '/tasks/' }]);
		await expect(trigger.poll()).rejects.toThrow(/Ditio answered 500/);
		ditio.sandbox.clearFaults();
		expect(await trigger.poll()).toEqual([expect.objectContaining({ event: 'created', id: task.id })]);
	});

	test('Events = Removed only: a work order made after activation and deleted while n8n is down is reported once after the restart', async () => {
		const trigger = activated(params(['removed']));
		await trigger.poll();
		const task = addTask('WO-DOWN');
		expect(await trigger.poll()).toEqual([]); // seen by a quiet poll: not saved
		trigger.restart(); // n8n stops (or is killed) …
		removeTask(task.id); // … the work order is deleted meanwhile …
		expect(await trigger.poll()).toEqual([expect.objectContaining({ event: 'removed', id: task.id, record: expect.objectContaining({ externalId: 'WO-DOWN' }) })]);
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('across restarts: each change made while down is reported once, none twice', async () => {
		const trigger = activated(params());
		await trigger.poll();
		const kept = addTask('WO-KEEP');
		expect((await trigger.poll()).map((e) => e.event)).toEqual(['created']);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]); // the saved memory already has it

		const gone = addTask('WO-GONE');
		trigger.restart();
		renameTask(kept.id, 'Endret mens nede');
		removeTask(gone.id);
		const made = addTask('WO-NEW');
		const after = await trigger.poll();
		expect(after.map((e) => [e.event, e.id]).sort()).toEqual(
			[
				['changed', kept.id],
				['created', made.id],
				['removed', gone.id],
			].sort(),
		);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
	});

	describe('deletions: a tombstone keeps the modifiedDateTime of the last change before the deletion', () => {
		const seededTask = () => ditio.sandbox.store.tasksOfProject(projectId).find((t: IDataObject) => !t.isTemplate) as IDataObject & { id: string };
		const removedOnce = (id: string) => [expect.objectContaining({ event: 'removed', id, record: expect.objectContaining({ deletedDateTime: expect.any(String) }) })];

		test('a work order last changed long ago: removed once, not again in the overlap nor after restarts', async () => {
			const trigger = activated(params());
			await trigger.poll();
			const task = seededTask(); // the seed counts as changed a day ago
			removeTask(task.id);
			expect(await trigger.poll()).toEqual(removedOnce(task.id));
			expect(await trigger.poll()).toEqual([]);
			expect(await trigger.poll()).toEqual([]);
			trigger.restart(); // graceful stop or kill: n8n starts again from what it saved
			expect(await trigger.poll()).toEqual([]);
			expect(await trigger.poll()).toEqual([]);
			// What the trigger keeps of deletions is only those the next window can show again.
			expect(Object.keys(trigger.staticData().deletions as IDataObject)).toEqual([task.id]);
		});

		test('a work order changed and then deleted a minute later: changed, then removed, once each', async () => {
			const trigger = activated(params());
			await trigger.poll();
			const task = seededTask();
			renameTask(task.id, 'Omdøpt');
			expect((await trigger.poll()).map((e) => [e.event, e.id])).toEqual([['changed', task.id]]);
			removeTask(task.id);
			expect(await trigger.poll()).toEqual([expect.objectContaining({ event: 'removed', id: task.id, record: expect.objectContaining({ name: 'Omdøpt' }) })]);
			expect(await trigger.poll()).toEqual([]);
			trigger.restart();
			expect(await trigger.poll()).toEqual([]);
		});

		test('deleted while n8n was down: removed once at the first poll after the restart, never again', async () => {
			const trigger = activated(params());
			await trigger.poll();
			const task = seededTask();
			trigger.restart();
			removeTask(task.id);
			expect(await trigger.poll()).toEqual(removedOnce(task.id));
			expect(await trigger.poll()).toEqual([]);
			trigger.restart();
			expect(await trigger.poll()).toEqual([]);
			expect(await trigger.poll()).toEqual([]);
		});

		test('a deletion in a poll whose answer has several pages: removed once', async () => {
			ditio.sandbox.feed.defaultChunk = 2;
			const trigger = activated(params());
			await trigger.poll();
			const task = seededTask();
			const made = [1, 2, 3].map((n) => addTask(`WO-PAGES-${n}`).id);
			removeTask(task.id);
			const more = [4, 5].map((n) => addTask(`WO-PAGES-${n}`).id);
			ditio.sandbox.clearRequests();
			const fired = await trigger.poll();
			expect(log().filter((r) => r.reporting).length).toBeGreaterThan(2);
			expect(fired.map((e) => [e.event, e.id]).sort()).toEqual([...made.map((id) => ['created', id]), ['removed', task.id], ...more.map((id) => ['created', id])].sort());
			expect(await trigger.poll()).toEqual([]);
			trigger.restart();
			expect(await trigger.poll()).toEqual([]);
		});

		test('deleted and made again with the same external ID: removed for the old id, created for the new one', async () => {
			const trigger = activated(params());
			await trigger.poll();
			const task = seededTask();
			removeTask(task.id);
			const again = addTask(String(task.externalId));
			expect(again.id).not.toBe(task.id);
			expect((await trigger.poll()).map((e) => [e.event, e.id])).toEqual([
				['removed', task.id],
				['created', again.id],
			]);
			expect(await trigger.poll()).toEqual([]);
		});

		test('all active projects: a project deleted (its work orders first, as Ditio demands) fires removed for each work order, once', async () => {
			const trigger = activated({ resource: 'task', events: ALL_EVENTS, scope: 'allActive' });
			const project = ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-DEL-1', name: 'Slettes', active: true });
			const tasks = [1, 2].map((n) => ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: project.id, externalId: `WO-DEL-${n}`, name: 'Ny' }));
			ditio.sandbox.feed.scan();
			await trigger.poll();
			for (const task of tasks) ditio.sandbox.store.tasks.delete(task.id);
			ditio.sandbox.store.projects.delete(project.id);
			ditio.sandbox.store.reindex();
			ditio.sandbox.feed.scan();
			const fired = await trigger.poll();
			expect(fired.map((e) => [e.event, e.id]).sort()).toEqual(tasks.map((t) => ['removed', t.id]).sort());
			expect(await trigger.poll()).toEqual([]);
			trigger.restart();
			expect(await trigger.poll()).toEqual([]);
			expect(trigger.staticData().active).not.toContain(project.id);
		});

		test('one project: the watched project deleted after its work orders: removed once each, later polls quiet', async () => {
			const project = ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-DEL-2', name: 'Slettes', active: true });
			const tasks = [1, 2].map((n) => ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: project.id, externalId: `WO-DEL-${n}`, name: 'Ny' }));
			ditio.sandbox.feed.scan();
			const trigger = activated({ ...params(), project: byNumber('P-DEL-2') });
			await trigger.poll();
			for (const task of tasks) ditio.sandbox.store.tasks.delete(task.id);
			ditio.sandbox.store.projects.delete(project.id);
			ditio.sandbox.store.reindex();
			ditio.sandbox.feed.scan();
			expect((await trigger.poll()).map((e) => [e.event, e.id]).sort()).toEqual(tasks.map((t) => ['removed', t.id]).sort());
			expect(await trigger.poll()).toEqual([]);
			trigger.restart();
			expect(await trigger.poll()).toEqual([]);
		});

		test('projects: a deleted project fires removed once', async () => {
			const project = ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-DEL-3', name: 'Slettes', active: true });
			ditio.sandbox.feed.scan();
			const trigger = activated({ resource: 'project', events: ALL_EVENTS });
			await trigger.poll();
			ditio.sandbox.store.projects.delete(project.id);
			ditio.sandbox.store.reindex();
			ditio.sandbox.feed.scan();
			expect((await trigger.poll()).map((e) => [e.event, e.id])).toEqual([['removed', project.id]]);
			expect(await trigger.poll()).toEqual([]);
			trigger.restart();
			expect(await trigger.poll()).toEqual([]);
		});
	});

	test('all active projects: the project feed says which projects count; an activated project brings its work orders', async () => {
		const trigger = activated({ resource: 'task', events: ALL_EVENTS, scope: 'allActive' });
		await trigger.poll();
		const inactive = [...ditio.sandbox.store.projects.values()].find((p: IDataObject) => p.active === false && p.companyId === DEMO_COMPANY_ID);
		const before = ditio.sandbox.store.tasksOfProject(inactive.id).length;
		const hidden = ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: inactive.id, externalId: 'WO-HIDDEN' });
		ditio.sandbox.feed.scan();
		expect(await trigger.poll()).toEqual([]);
		inactive.active = true;
		ditio.sandbox.feed.scan();
		const fired = await trigger.poll();
		expect(fired.map((e) => e.id)).toContain(hidden.id);
		expect(fired).toHaveLength(before + 1);
		expect(await trigger.poll()).toEqual([]);
		inactive.active = false;
		ditio.sandbox.feed.scan();
		expect(await trigger.poll()).toEqual([]);
	});

	test('projects: the project feed, with Fields to Watch', async () => {
		const trigger = activated({ resource: 'project', events: ALL_EVENTS, options: { projectFields: ['name'] } });
		await trigger.poll();
		const project = ditio.sandbox.store.getProject(projectId);
		project.description = 'Ny beskrivelse';
		ditio.sandbox.feed.scan();
		expect(await trigger.poll()).toEqual([expect.objectContaining({ event: 'changed', id: projectId, changes: {}, changedFields: ['description'] })]);
		expect(log().filter((r) => r.reporting).pop()?.segments.join('/')).toBe('reporting/v1/project');
	});
});
