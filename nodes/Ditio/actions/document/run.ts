import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItems, withBinary } from '../execute-items';
import type { BatchRun } from '../types';

/** What one item's run produced: records (one per file for an upload), and a file for a download. */
export interface DocumentOutput {
	json: IDataObject | IDataObject[];
	binary?: IBinaryKeyData;
}

export type ReadItem<I> = (this: IExecuteFunctions, itemIndex: number, run: BatchRun) => I;
export type RunItem<I> = (this: IExecuteFunctions, run: BatchRun, input: I, itemIndex: number) => Promise<DocumentOutput>;

/**
 * A document operation's two halves through the one execution helper: every item is read and
 * checked before the first request, then the items run one after the other (not in parallel),
 * so uploads of one execution never race for the same page.
 */
export async function runDocumentItems<I>(
	context: IExecuteFunctions,
	run: BatchRun,
	read: ReadItem<I>,
	runOne: RunItem<I>,
): Promise<INodeExecutionData[]> {
	return await executeItems(context, run, {
		read: (itemIndex) => read.call(context, itemIndex, run),
		run: async (input, itemIndex) => {
			const out = await runOne.call(context, run, input, itemIndex);
			return out.binary ? withBinary(out.json, out.binary) : out.json;
		},
	});
}
