import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nothingSent } from '../../../shared/untouched';
import { applyLimit, readLimit, RETURN_ALL_AND_LIMIT } from '../common/list';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { EMPLOYEES, employeePath } from './employee-input';

const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Hansen',
		description: 'Text to find in the name, phone, email or employee number',
	},
	...RETURN_ALL_AND_LIMIT,
];

export async function executeEmployeeSearch(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => {
			const query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
			if (!query) {
				throw new NodeOperationError(this.getNode(), 'Missing Query (query)', {
					itemIndex,
					description: `Give the text to search for. ${nothingSent(itemIndex)}`,
				});
			}
			return { query, limit: readLimit.call(this, itemIndex) };
		},
		run: async ({ query, limit }, itemIndex) => {
			const found = await run.client.request<IDataObject[]>('GET', employeePath('search'), { ...EMPLOYEES, itemIndex, qs: { query } });
			return applyLimit(found, limit);
		},
	});
}

export const search: Operation = { description, execute: executeEmployeeSearch };
