import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executeItems, withBinary } from '../../nodes/Ditio/actions/execute-items';
import type { BatchRun } from '../../nodes/Ditio/actions/types';

/**
 * The execution helper's contract, as the operations (and a new resource) rely on it. The
 * engine tests show it through the node against the sandbox; here each rule stands alone.
 */
const node: INode = { id: '1', name: 'Ditio', type: 'n8n-nodes-ditio.ditio', typeVersion: 1, position: [0, 0], parameters: {} };
const context = { getNode: () => node } as unknown as IExecuteFunctions;
const batch = (n: number, continueOnFail = false, concurrency = 5): BatchRun =>
	({ items: Array.from({ length: n }, () => ({ json: {} })), operation: 'thing:create', continueOnFail, concurrency }) as unknown as BatchRun;
const bad = (itemIndex: number) => new NodeOperationError(node, `Invalid Name (name): item ${itemIndex} is bad`, { itemIndex });

describe('executeItems', () => {
	test('without Continue On Fail, bad input in any item stops the run before any item runs', async () => {
		const ran: number[] = [];
		const work = executeItems(context, batch(3), {
			read: (i) => {
				if (i === 2) throw bad(i);
				return i;
			},
			run: async (i) => (ran.push(i), { i }),
		});
		await expect(work).rejects.toMatchObject({ message: 'Invalid Name (name): item 2 is bad', context: { itemIndex: 2 } });
		expect(ran).toEqual([]);
	});

	test('with Continue On Fail, the bad item is one error item paired with its input; the others run', async () => {
		const out = await executeItems(context, batch(3, true), {
			read: (i) => {
				if (i === 1) throw bad(i);
				return i;
			},
			run: async (i) => ({ i }),
		});
		expect(out).toEqual([
			{ json: { i: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'Invalid Name (name): item 1 is bad', operation: 'thing:create', itemIndex: 1 }, pairedItem: { item: 1 } },
			{ json: { i: 2 }, pairedItem: { item: 2 } },
		]);
	});

	test('every look-up is made before the first item runs; a failed one stops the run before any', async () => {
		const events: string[] = [];
		const work = executeItems(context, batch(3), {
			read: (i) => i,
			prepare: async (i) => {
				events.push(`prepare ${i}`);
				if (i === 1) throw new Error('Ditio answered 404');
				return i;
			},
			run: async (i) => (events.push(`run ${i}`), {}),
		});
		await expect(work).rejects.toMatchObject({ message: 'Ditio answered 404', context: { itemIndex: 1 } });
		expect(events).toEqual(['prepare 0', 'prepare 1']);
	});

	test('one at a time in input order; after a failure without Continue On Fail no later item starts', async () => {
		const ran: number[] = [];
		const work = executeItems(context, batch(3), {
			read: (i) => i,
			run: async (i) => {
				ran.push(i);
				if (i === 1) throw new Error('refused');
				return {};
			},
		});
		await expect(work).rejects.toThrow('refused');
		expect(ran).toEqual([0, 1]);
	});

	test('in parallel, an item waits for the items it names in `after`; answers stay in input order', async () => {
		const finished: number[] = [];
		const out = await executeItems(context, batch(3), {
			read: (i) => i,
			parallel: true,
			after: () => new Map([[0, [2]]]),
			run: async (i) => {
				await new Promise((resolve) => setImmediate(resolve));
				finished.push(i);
				return { i };
			},
		});
		expect(finished.indexOf(2)).toBeLessThan(finished.indexOf(0));
		expect(out.map((o) => o.json.i)).toEqual([0, 1, 2]);
	});

	test('a list of records becomes one output item each; withBinary gives each the file', async () => {
		const file = { data: { data: 'AA==', mimeType: 'application/pdf' } };
		const out = await executeItems(context, batch(2), {
			read: (i) => i,
			run: async (i) => (i === 0 ? [{ a: 1 }, { a: 2 }] : withBinary({ b: 1 }, file)),
		});
		expect(out).toEqual([
			{ json: { a: 1 }, pairedItem: { item: 0 } },
			{ json: { a: 2 }, pairedItem: { item: 0 } },
			{ json: { b: 1 }, binary: file, pairedItem: { item: 1 } },
		]);
	});
});
