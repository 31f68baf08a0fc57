import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RunCache } from '../../shared/run-cache';
import { DEFAULT_CONCURRENCY, ditioClient } from '../../shared/transport/client';
import { clientSettings } from './common/options';
import { atItem, errorJson } from './item-errors';
import { OPERATIONS, type Resource } from './operations';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as Resource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not known for "${resource}"`);
	}

	const settings = clientSettings.call(this);
	const run = {
		items,
		continueOnFail: this.continueOnFail(),
		concurrency: settings.concurrency ?? DEFAULT_CONCURRENCY,
		client: await ditioClient(this, settings),
		cache: new RunCache(),
	};
	const results = await operation.execute.call(this, run);

	const output: INodeExecutionData[] = [];
	results.forEach((result, itemIndex) => {
		const pairedItem = { item: itemIndex };
		if ('error' in result) {
			const failure = atItem(this.getNode(), result.error, itemIndex);
			if (!run.continueOnFail) throw failure;
			// No `error` on the item: n8n would replace the json with the bare message, losing status and hint.
			output.push({ json: errorJson(failure, itemIndex, `${resource}:${operationName}`), pairedItem });
			return;
		}
		const records = Array.isArray(result.json) ? result.json : [result.json];
		for (const json of records) output.push(result.binary ? { json, binary: result.binary, pairedItem } : { json, pairedItem });
	});
	return [output];
}
