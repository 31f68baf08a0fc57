/**
 * Sync at scale: Create or Update costs requests in proportion to what changed, counted at the
 * sandbox, and keeps parents before children when it writes in parallel.
 */
import { byNumber, DEMO_COMPANY_ID, jsonOf, useDitio } from './support/ditio';

const ditio = useDitio('empty');
type Logged = { method: string; api: boolean; token: boolean };
const N = 400;
const changed = (i: number) => i % 100 === 7;

const rowsOf = (n: number, changed: (i: number) => boolean) =>
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

let projectId: string;
beforeAll(() => {
	projectId = ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-SCALE', name: 'Scale' }).id;
	ditio.sandbox.seedTasks(DEMO_COMPANY_ID, projectId, N, { prefix: 'WO-' });
});

/** Requests by method, API only; the project lookup by number is one GET. */
function counted() {
	const api = ditio.sandbox.requests.filter((r: Logged) => r.api);
	const by = (m: string) => api.filter((r: Logged) => r.method === m).length;
	return { total: api.length, GET: by('GET'), POST: by('POST'), PATCH: by('PATCH') };
}

describe('requests in proportion to changes', () => {
	test('first sync: every work order differs from the seeded ones → one list read, one PATCH each', async () => {
		ditio.sandbox.clearRequests();
		const { error, items } = await ditio.run(upsert(), rowsOf(N, () => false));
		expect(error).toBeUndefined();
		expect(counted()).toEqual({ total: 2 + N, GET: 2, POST: 0, PATCH: N });
		expect(new Set(jsonOf(items).map((t) => t.outcome))).toEqual(new Set(['updated']));
	});

	test('0% changed: no write at all', async () => {
		ditio.sandbox.clearRequests();
		const { error, items } = await ditio.run(upsert(), rowsOf(N, () => false));
		expect(error).toBeUndefined();
		expect(counted()).toEqual({ total: 2, GET: 2, POST: 0, PATCH: 0 });
		expect(jsonOf(items).every((t) => t.outcome === 'unchanged')).toBe(true);
	});

	test('1% changed: one write per changed work order', async () => {
		ditio.sandbox.clearRequests();
		const { items } = await ditio.run(upsert(), rowsOf(N, changed));
		expect(counted()).toEqual({ total: 2 + N / 100, GET: 2, POST: 0, PATCH: N / 100 });
		const outcomes = jsonOf(items).map((t) => t.outcome);
		outcomes.forEach((outcome, i) => expect(outcome).toBe(changed(i) ? 'updated' : 'unchanged'));
	});

	test('new work orders cost one POST each, and output keeps input order and pairing', async () => {
		ditio.sandbox.clearRequests();
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
			const posts = ditio.sandbox.requests.filter((r: Logged & { time: number }) => r.api && r.method === 'POST');
			const gaps = posts.slice(1).map((p: { time: number }, i: number) => p.time - posts[i].time);
			expect(Math.min(...gaps)).toBeLessThan(15);
		} finally {
			ditio.sandbox.setLatency(0);
		}
	});
});
