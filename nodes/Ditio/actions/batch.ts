import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { atItem } from './item-errors';
import type { BatchRun, ItemResult } from './types';

/**
 * Reads and checks every item before the first request, so bad input in item 7 stops the run
 * before items 0–6 are written (unless the node continues on fail, then only item 7 fails).
 */
export function readAll<T>(node: INode, run: BatchRun, read: (itemIndex: number) => T): Array<T | Error> {
	const inputs = run.items.map((_, i): T | Error => {
		try {
			return read(i);
		} catch (error) {
			return atItem(node, error, i);
		}
	});
	const firstBad = inputs.find((input) => input instanceof Error);
	if (firstBad && !run.continueOnFail) throw firstBad;
	return inputs;
}

/** Runs one item's work; a failure stops the run or becomes that item's result. */
export async function settle(
	this: IExecuteFunctions,
	run: BatchRun,
	itemIndex: number,
	work: () => Promise<IDataObject | IDataObject[]>,
): Promise<ItemResult> {
	try {
		return { json: await work() };
	} catch (error) {
		const failure = atItem(this.getNode(), error, itemIndex);
		if (!run.continueOnFail) throw failure;
		return { error: failure };
	}
}
