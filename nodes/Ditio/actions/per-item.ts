import type { IExecuteFunctions } from 'n8n-workflow';

import { atItem } from './item-errors';
import type { BatchRun, ItemResult, Operation, PerItem } from './types';

/**
 * For operations that handle items one at a time. Without Continue On Fail the first failing
 * item stops the run before any later item is sent.
 */
export function perItem(handle: PerItem): Operation['execute'] {
	return async function (this: IExecuteFunctions, run: BatchRun) {
		const results: ItemResult[] = [];
		for (let i = 0; i < run.items.length; i++) {
			try {
				results.push({ json: await handle.call(this, i, run) });
			} catch (error) {
				const failure = atItem(this.getNode(), error, i);
				if (!run.continueOnFail) throw failure;
				results.push({ error: failure });
			}
		}
		return results;
	};
}
