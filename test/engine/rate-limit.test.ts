/**
 * A rate limit is a speed: every operation of both resources against the sandbox's
 * rate-limit switch (a sustained limit of a few requests per second, per API client or per
 * token, with or without Retry-After) completes, with every item written exactly once.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { byId, byNumber, DEMO_COMPANY_ID, DEMO_IDS, jsonOf, requestLog, searchProjects, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const log = requestLog(ditio);
const expr = (field: string) => `={{ $json.${field} }}`;
const P1 = DEMO_IDS.projectFjellhall;

interface Limited {
	method: string;
	status: number | string | null;
	rateLimited?: boolean;
	api: boolean;
	segments: string[];
}
const refusals = () => (ditio.sandbox.requests as Limited[]).filter((r) => r.api && r.rateLimited).length;
/** Work orders of P-2026-001 (the other company has a WO-100 too). */
const tasksWith = (externalId: string) => [...ditio.sandbox.store.tasks.values()].filter((t: IDataObject) => t.projectId === P1 && t.externalId === externalId);
const projectsNumbered = (projectNumber: string) =>
	[...ditio.sandbox.store.projects.values()].filter((p: IDataObject) => p.companyId === DEMO_COMPANY_ID && p.projectNumber === projectNumber);
const writesOf = (method: string) => (log.writes() as unknown as Limited[]).filter((r) => r.method === method);

type Check = () => void;
interface Case {
	name: string;
	/** Runs the operation on three items; returns what to check in the sandbox afterwards. */
	run: () => Promise<{ items: IDataObject[]; check: Check }>;
}

async function ran(parameters: IDataObject, rows: IDataObject[]) {
	const { items, error } = await ditio.run(parameters as never, rows);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(rows.length);
	return jsonOf(items);
}

const three = [1, 2, 3];

const CASES: Case[] = [
	{
		name: 'Project Create',
		run: async () => {
			const rows = three.map((i) => ({ projectNumber: `P-RL-${i}`, name: `Rate ${i}` }));
			const items = await ran({ resource: 'project', operation: 'create', projectNumber: expr('projectNumber'), additionalFields: { name: expr('name') } }, rows);
			return {
				items,
				check: () => {
					for (const row of rows) expect(projectsNumbered(row.projectNumber)).toEqual([expect.objectContaining({ name: row.name })]);
					expect(writesOf('POST').filter((r) => r.status === 201 || r.status === 200)).toHaveLength(3);
				},
			};
		},
	},
	{
		name: 'Project Create or Update',
		run: async () => {
			const rows = [
				{ projectNumber: 'P-2026-001', name: 'Fjellhall, endret' },
				{ projectNumber: 'P-RL-U1', name: 'Ny 1' },
				{ projectNumber: 'P-RL-U2', name: 'Ny 2' },
			];
			const items = await ran({ resource: 'project', operation: 'upsert', projectNumber: expr('projectNumber'), additionalFields: { name: expr('name') } }, rows);
			expect(items.map((p) => p.outcome)).toEqual(['updated', 'created', 'created']);
			return { items, check: () => rows.forEach((row) => expect(projectsNumbered(row.projectNumber)).toEqual([expect.objectContaining({ name: row.name })])) };
		},
	},
	{
		name: 'Project Get',
		run: async () => {
			const ids = [DEMO_IDS.projectFjellhall, DEMO_IDS.projectBarnehage, DEMO_IDS.projectBryggen];
			const items = await ran({ resource: 'project', operation: 'get', project: byId(expr('id')) }, ids.map((id) => ({ id })));
			expect(items.map((p) => p.id)).toEqual(ids);
			return { items, check: () => expect(log.writes()).toEqual([]) };
		},
	},
	{
		name: 'Project Get Many',
		run: async () => {
			const { items, error } = await ditio.run({ resource: 'project', operation: 'getAll', returnAll: true }, three.map(() => ({})));
			expect(error).toBeUndefined();
			const perItem = (items.length / 3) | 0;
			expect(perItem).toBeGreaterThanOrEqual(3);
			expect(items).toHaveLength(3 * perItem);
			return { items: jsonOf(items), check: () => expect(log.writes()).toEqual([]) };
		},
	},
	{
		name: 'Project Update',
		run: async () => {
			const ids = [DEMO_IDS.projectFjellhall, DEMO_IDS.projectBarnehage, DEMO_IDS.projectBryggen];
			const rows = ids.map((id, i) => ({ id, name: `Omdøpt ${i}` }));
			const items = await ran({ resource: 'project', operation: 'update', project: byId(expr('id')), updateFields: { name: expr('name') } }, rows);
			return {
				items,
				check: () => {
					for (const row of rows) expect(ditio.sandbox.store.projects.get(row.id)).toMatchObject({ name: row.name });
					expect(writesOf('PATCH').filter((r) => r.status === 200)).toHaveLength(3);
				},
			};
		},
	},
	{
		name: 'Project Replace',
		run: async () => {
			const made = three.map((i) => ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: `P-RL-R${i}`, name: 'Før', active: true }));
			const rows = made.map((p: IDataObject, i: number) => ({ id: p.id, projectNumber: `P-RL-R${i + 1}`, name: `Etter ${i}` }));
			const items = await ran(
				{ resource: 'project', operation: 'replace', project: byId(expr('id')), projectNumber: expr('projectNumber'), additionalFields: { name: expr('name') } },
				rows,
			);
			return {
				items,
				check: () => rows.forEach((row) => expect(ditio.sandbox.store.projects.get(row.id)).toMatchObject({ name: row.name, active: false })),
			};
		},
	},
	{
		name: 'Project Delete',
		run: async () => {
			const made = three.map((i) => ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: `P-RL-D${i}`, name: 'Borte' }));
			const items = await ran({ resource: 'project', operation: 'delete', project: byId(expr('id')) }, made.map((p: IDataObject) => ({ id: p.id })));
			return { items, check: () => made.forEach((p: IDataObject) => expect(ditio.sandbox.store.projects.get(p.id)).toBeUndefined()) };
		},
	},
	{
		name: 'Work Order Create',
		run: async () => {
			const rows = three.map((i) => ({ externalId: `WO-RL-${i}`, name: `Rate ${i}` }));
			const items = await ran(
				{ resource: 'task', operation: 'create', project: byNumber('P-2026-001'), externalId: expr('externalId'), additionalFields: { name: expr('name') } },
				rows,
			);
			return {
				items,
				check: () => {
					for (const row of rows) expect(tasksWith(row.externalId)).toEqual([expect.objectContaining({ name: row.name })]);
					expect(writesOf('POST').filter((r) => r.status === 201)).toHaveLength(3);
				},
			};
		},
	},
	{
		name: 'Work Order Create or Update',
		run: async () => {
			const rows = [
				{ externalId: 'WO-100', name: 'Grunnarbeid, endret' },
				{ externalId: 'WO-RL-U1', name: 'Ny 1' },
				{ externalId: 'WO-RL-U2', name: 'Ny 2' },
			];
			const items = await ran(
				{ resource: 'task', operation: 'upsert', project: byNumber('P-2026-001'), externalId: expr('externalId'), additionalFields: { name: expr('name') } },
				rows,
			);
			expect(items.map((t) => t.outcome)).toEqual(['updated', 'created', 'created']);
			return { items, check: () => rows.forEach((row) => expect(tasksWith(row.externalId)).toEqual([expect.objectContaining({ name: row.name })])) };
		},
	},
	{
		name: 'Work Order Get',
		run: async () => {
			const ids = [DEMO_IDS.taskGrunnarbeid, DEMO_IDS.taskGraving, DEMO_IDS.taskBetong];
			const items = await ran({ resource: 'task', operation: 'get', lookupBy: 'id', taskId: expr('id') }, ids.map((id) => ({ id })));
			expect(items.map((t) => t.id)).toEqual(ids);
			return { items, check: () => expect(log.writes()).toEqual([]) };
		},
	},
	{
		name: 'Work Order Get Many',
		run: async () => {
			const { items, error } = await ditio.run(
				{ resource: 'task', operation: 'getAll', listBy: 'project', project: byId(P1), returnAll: true },
				three.map(() => ({})),
			);
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThanOrEqual(3 * 3);
			return { items: jsonOf(items), check: () => expect(log.writes()).toEqual([]) };
		},
	},
	{
		name: 'Work Order Update',
		run: async () => {
			const ids = [DEMO_IDS.taskGrunnarbeid, DEMO_IDS.taskGraving, DEMO_IDS.taskBetong];
			const rows = ids.map((id, i) => ({ id, name: `Omdøpt ${i}` }));
			const items = await ran({ resource: 'task', operation: 'update', taskId: expr('id'), updateFields: { name: expr('name') } }, rows);
			return { items, check: () => rows.forEach((row) => expect(ditio.sandbox.store.getTask(row.id)).toMatchObject({ name: row.name })) };
		},
	},
	{
		name: 'Work Order Replace',
		run: async () => {
			const made = three.map((i) => ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: P1, externalId: `WO-RL-R${i}`, name: 'Før', active: true }));
			const rows = made.map((t: IDataObject) => ({ id: t.id, externalId: t.externalId, name: `Etter ${t.externalId}` }));
			const items = await ran(
				{ resource: 'task', operation: 'replace', taskId: expr('id'), project: byId(P1), externalId: expr('externalId'), additionalFields: { name: expr('name') } },
				rows,
			);
			return {
				items,
				check: () => rows.forEach((row) => expect(ditio.sandbox.store.getTask(row.id)).toMatchObject({ name: row.name, active: false })),
			};
		},
	},
	{
		name: 'Work Order Delete',
		run: async () => {
			const made = three.map((i) => ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: P1, externalId: `WO-RL-D${i}` }));
			const items = await ran({ resource: 'task', operation: 'delete', taskId: expr('id') }, made.map((t: IDataObject) => ({ id: t.id })));
			return { items, check: () => made.forEach((t: IDataObject) => expect(ditio.sandbox.store.getTask(t.id)).toBeUndefined()) };
		},
	},
];

// Low limits with one second's worth of burst: three items (and a lookup) outrun them.
const LIMITS = [
	{ label: '2/s per API client, with Retry-After', settings: { rate: 2, per: 'client', retryAfter: true } },
	{ label: '3/s per token, without Retry-After', settings: { rate: 3, burst: 1, per: 'token', retryAfter: false } },
];

describe.each(LIMITS)('under a sustained limit of $label', ({ settings }) => {
	let refused = 0;
	beforeAll(() => (refused = 0));
	beforeEach(() => {
		ditio.sandbox.reset('demo');
		ditio.sandbox.setRateLimit(settings);
	});
	afterEach(() => (refused += refusals()));

	test.each(CASES.map((c) => [c.name, c]))('%s completes, every item once', async (_name, c) => {
		const { check } = await (c as Case).run();
		check();
		// Every request was answered in the end: the only refusals are the limit's, each resent
		// (a 404 to a lookup by number is an answer: "there is none yet").
		const answered = (r: Limited) => typeof r.status === 'number' && (r.status < 400 || (r.method === 'GET' && r.status === 404));
		const unanswered = (ditio.sandbox.requests as Limited[]).filter((r) => r.api && !r.rateLimited && !answered(r));
		expect(unanswered).toEqual([]);
	});

	// Checked once every case has run, in whatever order: the limit was met along the way (the
	// runs above were refused and went on), about once per case.
	afterAll(() => {
		expect(refused).toBeGreaterThanOrEqual(CASES.length);
	});
});

describe('a lost answer under a rate limit', () => {
	beforeEach(() => ditio.sandbox.reset('demo'));

	test('a work-order POST whose answer was lost is found, not sent again, while others are refused and resent', async () => {
		ditio.sandbox.setRateLimit({ rate: 2, per: 'client', retryAfter: false });
		ditio.sandbox.injectFaults([{ reset: true, afterProcessing: true, method: 'POST', count: 1 }]);
		const rows = [1, 2, 3, 4].map((i) => ({ externalId: `WO-LOST-RL-${i}` }));
		const items = await ran({ resource: 'task', operation: 'create', project: byNumber('P-2026-001'), externalId: expr('externalId') }, rows);
		expect(items.map((t) => t.outcome)).toEqual(rows.map(() => 'created'));
		for (const row of rows) expect(tasksWith(row.externalId)).toHaveLength(1);
		const posts = writesOf('POST');
		expect(posts.filter((p) => p.status === 'reset')).toHaveLength(1);
		expect(posts.filter((p) => !p.rateLimited && p.status !== 'reset')).toHaveLength(3);
		expect(refusals()).toBeGreaterThan(0);
	});
});

describe('the wait budget', () => {
	beforeEach(() => ditio.sandbox.reset('demo'));

	test('a tiny Rate Limit Wait ends the run with the limit named and what to do, and nothing is written twice', async () => {
		ditio.sandbox.setRateLimit({ rate: 1, burst: 1, retryAfter: true });
		const rows = [1, 2, 3].map((i) => ({ externalId: `WO-BUDGET-${i}` }));
		const { error } = await ditio.run(
			{ resource: 'task', operation: 'create', project: byNumber('P-2026-001'), externalId: expr('externalId'), options: { rateLimitWaitMinutes: 0.01 } },
			rows,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe('Ditio answered 429: Rate limit exceeded (TooManyRequests)');
		expect(error!.description).toMatch(/Ditio is rate limiting this API client/);
		expect(error!.description).toMatch(/Retry-After/);
		expect(error!.description).toMatch(/Rate Limit Wait\) is 0\.6 s/);
		for (const row of rows) expect(tasksWith(row.externalId).length).toBeLessThanOrEqual(1);
	});
});

describe('the trigger and the project picker throttle the same way', () => {
	beforeEach(() => ditio.sandbox.reset('demo'));

	test('a trigger poll under a limit is refused, waits and goes on', async () => {
		const trigger = ditio.engine.poller({
			nodeName: 'ditioTrigger',
			parameters: { resource: 'task', events: ['created'], scope: 'project', project: byNumber('P-2026-001') },
		});
		// One token every two seconds: the poll's second request (after the project lookup) is refused.
		ditio.sandbox.setRateLimit({ rate: 0.5, burst: 1, retryAfter: true });
		expect(await trigger.poll()).toBeNull(); // the first poll learns what exists
		ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: P1, externalId: 'WO-TRIG-RL' });
		const out = await trigger.poll();
		expect(out?.[0].map((i) => i.json.event)).toEqual(['created']);
		expect(refusals()).toBeGreaterThan(0);
	});

	test('the project picker under a limit is refused, waits and lists the projects', async () => {
		const search = () => searchProjects(ditio);
		ditio.sandbox.setRateLimit({ rate: 1, burst: 1, retryAfter: false });
		const [first, second] = await Promise.all([search(), search()]);
		expect(first.results.length).toBeGreaterThanOrEqual(3);
		expect(second.results).toEqual(first.results);
		expect(refusals()).toBeGreaterThan(0);
	});
});
