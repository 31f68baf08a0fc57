import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { dependencyOrder } from './dependency-order';
import { atItem, errorJson } from './item-errors';
import type { BatchRun } from './types';

/**
 * The one way every operation runs its items, and the only place that decides what a failure
 * does (Continue On Fail or not). An operation plugs in like this:
 *
 *   export async function executeThingCreate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
 *     return await executeItems(this, run, {
 *       read: (itemIndex) => readThingInput.call(this, run, itemIndex),
 *       run: async (input, itemIndex) => await run.client.request('POST', ['things'], { body: thingBody(input), itemIndex }),
 *     });
 *   }
 *   export const create: Operation = { description, execute: executeThingCreate };
 *
 * The hooks are arrow functions inside the operation's execute function, closing over `this`
 * and `run`; a look-up shared by all items (one list read) is a promise kept in that closure
 * (see executeProjectUpsert). A new resource is one entry in OPERATIONS (operations.ts).
 *
 * - `read(itemIndex)` → the item's input, checked and converted. It is called for EVERY item
 *   before the first request, so it must send none. It may be async; for binary data check the
 *   metadata here and read the bytes in `run`, so a batch never holds every file at once.
 *   Throw a NodeOperationError naming the field and the item to refuse the item.
 * - `prepare(input, itemIndex)` (optional) → what `run` gets instead of the input: every look-up
 *   the item needs (a project's id by number, a work order by its numbers, a document target).
 *   Called item after item in input order, once every item is read; it must not write. An
 *   operation that looks anything up does it here, never in `run`: so a number that does not
 *   exist in the last item stops the run before the first item is written. The numbers name
 *   what Ditio holds when the run starts, not after an earlier item renamed something.
 * - `run(input, itemIndex)` → the item's record, or a list of records (one output item each),
 *   or `withBinary(record(s), binary)` when the output items carry a file (a download).
 *   Its requests are the item's write (or read).
 * - `plan(ready, refused)` (optional) → called once, after every `prepare` and before the first
 *   `run`, with the items that got this far and those refused so far: a check of the batch as a
 *   whole (Create or Update's safety stop). It must not write; what it throws fails the run,
 *   Continue On Fail or not, since it is about no single item.
 * - Scheduling: without `parallel`, `run` is called one item at a time in input order. With
 *   `parallel: true`, up to Options → Concurrency items run at once; `after(ready)` (optional)
 *   answers, per item index, the item indexes that must finish first (a parent before its
 *   children, the first of two equal numbers before the second). Cycles are broken.
 *
 * The policy, here and nowhere else. Without Continue On Fail: bad input in any item fails the
 * run before any request (naming the field and the item), a failed look-up before any write, and
 * a failed `run` starts no further item (those in flight finish) before the run fails. With it,
 * every failed item becomes one output item with `error`, `description`, `httpCode`,
 * `operation` and `itemIndex`, and the others go on. Either way one answer per input item,
 * paired with it, in input order.
 */
export interface ItemWork<Input, Ready = Input> {
	read(itemIndex: number): Input | Promise<Input>;
	prepare?(input: Input, itemIndex: number): Promise<Ready>;
	run(input: Ready, itemIndex: number): Promise<IDataObject | IDataObject[] | WithBinary>;
	plan?(ready: ReadonlyArray<ReadyItem<Ready>>, refused: ReadonlyArray<RefusedItem>): void | Promise<void>;
	parallel?: boolean;
	after?(ready: ReadonlyArray<ReadyItem<Ready>>): Map<number, number[]>;
}

export interface ReadyItem<Ready> {
	itemIndex: number;
	input: Ready;
}

export interface RefusedItem {
	itemIndex: number;
	error: NodeApiError | NodeOperationError;
}

const BINARY = Symbol('withBinary');

/** Output records that carry a file: each output item of the record(s) gets `binary`. */
export interface WithBinary {
	[BINARY]: true;
	json: IDataObject | IDataObject[];
	binary: IBinaryKeyData;
}

export function withBinary(json: IDataObject | IDataObject[], binary: IBinaryKeyData): WithBinary {
	return { [BINARY]: true, json, binary };
}

const isWithBinary = (value: unknown): value is WithBinary => typeof value === 'object' && value !== null && BINARY in value;

type ItemFailure = NodeApiError | NodeOperationError;
type Answer = { json: IDataObject | IDataObject[]; binary?: IBinaryKeyData } | { error: ItemFailure };

export async function executeItems<Input, Ready = Input>(
	context: IExecuteFunctions,
	run: BatchRun,
	work: ItemWork<Input, Ready>,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const answers: Answer[] = new Array(run.items.length);
	const fail = (itemIndex: number, error: unknown): ItemFailure => {
		const failure = atItem(node, error, itemIndex);
		answers[itemIndex] = { error: failure };
		return failure;
	};

	// 1. Read and check every item; nothing has been sent yet.
	const read: Array<ReadyItem<Input>> = [];
	let firstBad: ItemFailure | undefined;
	for (let itemIndex = 0; itemIndex < run.items.length; itemIndex++) {
		try {
			read.push({ itemIndex, input: await work.read(itemIndex) });
		} catch (error) {
			// Every bad item is recorded, not only the first: with Continue On Fail each one answers.
			const failure = fail(itemIndex, error);
			firstBad ??= failure;
		}
	}
	if (firstBad && !run.continueOnFail) throw firstBad;

	// 2. Look-ups before any write.
	let ready: Array<ReadyItem<Ready>> = read as unknown as Array<ReadyItem<Ready>>;
	if (work.prepare) {
		ready = [];
		for (const { itemIndex, input } of read) {
			try {
				ready.push({ itemIndex, input: await work.prepare(input, itemIndex) });
			} catch (error) {
				const failure = fail(itemIndex, error);
				if (!run.continueOnFail) throw failure;
			}
		}
	}

	if (work.plan) {
		const refused = answers.flatMap((answer, itemIndex) => (answer && 'error' in answer ? [{ itemIndex, error: answer.error }] : []));
		await work.plan(ready, refused);
	}

	// 3. The work, per item or scheduled.
	const after = work.parallel && work.after ? work.after(ready) : new Map<number, number[]>();
	const inputOf = new Map(ready.map((item) => [item.itemIndex, item.input]));
	const jobs = dependencyOrder(ready.map(({ itemIndex }) => ({ itemIndex, after: after.get(itemIndex) ?? [] })));
	const width = work.parallel ? Math.max(1, Math.min(run.concurrency, jobs.length)) : 1;
	const failure = await runJobs(jobs, width, run.continueOnFail, async (itemIndex) => {
		try {
			const done = await work.run(inputOf.get(itemIndex) as Ready, itemIndex);
			answers[itemIndex] = isWithBinary(done) ? { json: done.json, binary: done.binary } : { json: done };
			return undefined;
		} catch (error) {
			return fail(itemIndex, error);
		}
	});
	if (failure) throw failure;

	// 4. One answer per input item, paired with it.
	return answers.flatMap((answer, itemIndex): INodeExecutionData[] => {
		const pairedItem = { item: itemIndex };
		// No `error` on the item: n8n would replace the json with the bare message, losing status and hint.
		if ('error' in answer) return [{ json: errorJson(answer.error, itemIndex, run.operation), pairedItem }];
		const { binary } = answer;
		return (Array.isArray(answer.json) ? answer.json : [answer.json]).map((json) => (binary ? { json, binary, pairedItem } : { json, pairedItem }));
	});
}

/**
 * Runs the jobs with `width` at once, each after the items it depends on. Answers the first
 * failure when it must stop the run: then no job starts after it, and those in flight finish.
 */
async function runJobs(
	jobs: Array<{ itemIndex: number; after: number[] }>,
	width: number,
	continueOnFail: boolean,
	runOne: (itemIndex: number) => Promise<ItemFailure | undefined>,
): Promise<ItemFailure | undefined> {
	const finished = new Map<number, { promise: Promise<void>; resolve: () => void }>();
	for (const job of jobs) {
		let resolve!: () => void;
		const promise = new Promise<void>((r) => (resolve = r));
		finished.set(job.itemIndex, { promise, resolve });
	}
	let next = 0;
	let stop: ItemFailure | undefined;
	const worker = async () => {
		while (!stop && next < jobs.length) {
			const job = jobs[next++];
			await Promise.all(job.after.map((i) => finished.get(i)?.promise));
			if (stop) break;
			const failure = await runOne(job.itemIndex);
			if (failure && !continueOnFail) stop ??= failure;
			finished.get(job.itemIndex)!.resolve();
		}
	};
	await Promise.all(Array.from({ length: width }, worker));
	return stop;
}
