import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { shaped, simplifyParameter, TASK_IDENTITY } from '../../../shared/fields/simplify';
import { TASK_FIELDS } from '../../../shared/fields/task.fields';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { TASK_LOOKUP_PROPERTIES, taskLookupPath } from './find-task';

const description: INodeProperties[] = [...TASK_LOOKUP_PROPERTIES, simplifyParameter];

export async function executeTaskGet(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			path: taskLookupPath.call(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		run: async ({ path, simplify }, itemIndex) => {
			const task = await run.client.request<IDataObject>('GET', path, { itemIndex });
			return shaped(simplify, task, TASK_IDENTITY, TASK_FIELDS);
		},
	});
}

export const get: Operation = { description, execute: executeTaskGet };
