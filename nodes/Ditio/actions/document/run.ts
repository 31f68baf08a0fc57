import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readAll } from '../batch';
import { atItem } from '../item-errors';
import type { BatchRun, ItemResult, Operation } from '../types';

/** What one item's run produced: records (one per file for an upload), and a file for a download. */
export interface DocumentOutput {
	json: IDataObject | IDataObject[];
	binary?: IBinaryKeyData;
}

export type ReadItem<I> = (this: IExecuteFunctions, itemIndex: number, run: BatchRun) => I;
export type RunItem<I> = (this: IExecuteFunctions, run: BatchRun, input: I, itemIndex: number) => Promise<DocumentOutput>;

/**
 * A document operation as its two halves: every item is read and checked before the first request
 * (bad input in any item stops the run with nothing sent, unless the node continues on fail), then
 * the items run one after the other, so uploads of one execution never race for the same page.
 */
export function documentOperation<I>(description: INodeProperties[], read: ReadItem<I>, runOne: RunItem<I>): Operation {
	return {
		description,
		async execute(this: IExecuteFunctions, run: BatchRun): Promise<ItemResult[]> {
			const inputs = readAll(this.getNode(), run, (itemIndex) => read.call(this, itemIndex, run));
			const results: ItemResult[] = [];
			for (let itemIndex = 0; itemIndex < inputs.length; itemIndex++) {
				const input = inputs[itemIndex];
				if (input instanceof Error) {
					results.push({ error: input });
					continue;
				}
				try {
					results.push(await runOne.call(this, run, input, itemIndex));
				} catch (error) {
					const failure = atItem(this.getNode(), error, itemIndex);
					if (!run.continueOnFail) throw failure;
					results.push({ error: failure });
				}
			}
			return results;
		},
	};
}
