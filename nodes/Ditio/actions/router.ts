import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RunCache } from '../../shared/run-cache';
import { ditioClient } from '../../shared/transport/client';
import { clientSettings } from './common/options';
import { OPERATIONS } from './operations';
import type { BatchRun } from './types';

/** Finds the operation and gives it the run; what a failure does is `executeItems`' business. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not known for "${resource}"`);
	}

	const settings = clientSettings.call(this);
	const run: BatchRun = {
		items: this.getInputData(),
		operation: `${resource}:${operationName}`,
		continueOnFail: this.continueOnFail(),
		concurrency: settings.concurrency,
		client: await ditioClient(this, settings),
		cache: new RunCache(),
	};
	return [await operation.execute.call(this, run)];
}
