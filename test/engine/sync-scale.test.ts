/**
 * Sync at scale: Create or Update costs requests in proportion to what changed, counted at the
 * sandbox, and keeps parents before children when it writes in parallel.
 */
import { byNumber, DEMO_COMPANY_ID, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('empty');
const { apiRequests, countOf } = requestLog(ditio);
const N = 400;
const changed = (i: number) => i % 100 === 7;

type Row = { externalId: string; name: string; hours: number };
const rowsOf = (n: number, changed: (i: number) => boolean): Row[] =>
	Array.from({ length: n }, (_, i) => ({ externalId: `WO-${i + 1}`, // seedTasks numbers from 1
		 name: changed(i) ? `Changed ${i}` : `Row ${i}`, hours: i % 50 }));

const upsert = (concurrency = 5) => ({
	resource: 'task',
	operation: 'upsert',
	project: byNumber('P-SCALE'),
	externalId: '={{ $json.externalId }}',
	additionalFields: { name: '={{ $json.name }}', estimatedHourQty: '={{ $json.hours }}' },
	options: { concurrency },
});

// Each test starts from the same Ditio: project P-SCALE with N seeded work orders, none of
// which matches the rows yet.
let projectId: string;
beforeEach(() => {
	ditio.sandbox.reset('empty');
	projectId = ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-SCALE', name: 'Scale' }).id;
	ditio.sandbox.seedTasks(DEMO_COMPANY_ID, projectId, N, { prefix: 'WO-' });
});

/** Puts the rows' values into Ditio's work orders, as an earlier sync of these rows would have. */
function alreadySynced(rows: Row[]) {
	const { store } = ditio.sandbox;
	for (const row of rows) {
		store.updateTask(store.findTaskByExternalId(projectId, row.externalId), { name: row.name, estimatedHourQty: row.hours });
	}
}

/** Requests by method, API only; the project lookup by number is one GET. */
const counted = () => ({ total: apiRequests().length, GET: countOf('GET'), POST: countOf('POST'), PATCH: countOf('PATCH') });

describe('requests in proportion to changes', () => {
	test('first sync: every work order differs from the seeded ones → one list read, one PATCH each', async () => {
		const { error, items } = await ditio.run(upsert(), rowsOf(N, () => false));
		expect(error).toBeUndefined();
		expect(counted()).toEqual({ total: 2 + N, GET: 2, POST: 0, PATCH: N });
		expect(new Set(jsonOf(items).map((t) => t.outcome))).toEqual(new Set(['updated']));
	});

	test('0% changed: no write at all', async () => {
		alreadySynced(rowsOf(N, () => false));
		const { error, items } = await ditio.run(upsert(), rowsOf(N, () => false));
		expect(error).toBeUndefined();
		expect(counted()).toEqual({ total: 2, GET: 2, POST: 0, PATCH: 0 });
		expect(jsonOf(items).every((t) => t.outcome === 'unchanged')).toBe(true);
	});

	test('1% changed: one write per changed work order', async () => {
		alreadySynced(rowsOf(N, () => false));
		const { items } = await ditio.run(upsert(), rowsOf(N, changed));
		expect(counted()).toEqual({ total: 2 + N / 100, GET: 2, POST: 0, PATCH: N / 100 });
		const outcomes = jsonOf(items).map((t) => t.outcome);
		outcomes.forEach((outcome, i) => expect(outcome).toBe(changed(i) ? 'updated' : 'unchanged'));
	});

	test('new work orders cost one POST each, and output keeps input order and pairing', async () => {
		alreadySynced(rowsOf(N, changed));
		const rows = [...rowsOf(N, changed), { externalId: 'WO-NEW-1', name: 'New', hours: 1 }, { externalId: 'WO-NEW-2', name: 'New', hours: 2 }];
		const { items, pairedItemsFromNode } = await ditio.run(upsert(8), rows);
		expect(counted()).toEqual({ total: 4, GET: 2, POST: 2, PATCH: 0 });
		expect(jsonOf(items).map((t) => t.externalId)).toEqual(rows.map((r) => r.externalId));
		expect(pairedItemsFromNode).toEqual(rows.map((_, item) => ({ item })));
	});
});

describe('parents before children under concurrency', () => {
	test('children listed before their parents are written after them, all linked', async () => {
		ditio.sandbox.setLatency(15);
		try {
			const parents = Array.from({ length: 6 }, (_, p) => ({ externalId: `PARENT-${p}`, isParent: true }));
			const children = Array.from({ length: 30 }, (_, c) => ({ externalId: `CHILD-${c}`, parent: `PARENT-${c % 6}`, isParent: false }));
			const rows = [...children, ...parents]; // the worst order
			const { error, items } = await ditio.run(
				{
					resource: 'task',
					operation: 'upsert',
					project: byNumber('P-SCALE'),
					externalId: '={{ $json.externalId }}',
					additionalFields: {
						isParent: '={{ $json.isParent }}',
						parentExternalId: '={{ $json.parent ?? "" }}',
					},
					options: { concurrency: 8 },
				},
				rows,
			);
			expect(error).toBeUndefined();
			const out = jsonOf(items);
			const idOf = new Map(out.map((t) => [t.externalId, t.id]));
			for (const child of children) {
				const written = out.find((t) => t.externalId === child.externalId)!;
				expect(written.parentActivityId).toBe(idOf.get(child.parent));
			}
			// Parallel for real: more than one write was in flight at some moment.
			const posts = apiRequests().filter((r) => r.method === 'POST');
			const gaps = posts.slice(1).map((p, i) => p.time - posts[i].time);
			expect(Math.min(...gaps)).toBeLessThan(15);
		} finally {
			ditio.sandbox.setLatency(0);
		}
	});
});
