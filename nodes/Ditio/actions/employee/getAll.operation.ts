import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { applyLimit, readLimit, RETURN_ALL_AND_LIMIT } from '../common/list';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { EMPLOYEES, employeePath } from './employee-input';

const description: INodeProperties[] = [
	...RETURN_ALL_AND_LIMIT,
	{
		displayName: 'Include Subsidiaries',
		name: 'includeEmployeesFromSubsidiaries',
		type: 'boolean',
		default: false,
		description: "Whether to list the employees of the company's subsidiaries too (group companies)",
	},
];

export async function executeEmployeeGetAll(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			subsidiaries: this.getNodeParameter('includeEmployeesFromSubsidiaries', itemIndex, false) as boolean,
			limit: readLimit.call(this, itemIndex),
		}),
		run: async ({ subsidiaries, limit }, itemIndex) => {
			const employees = await run.client.request<IDataObject[]>('GET', employeePath(), {
				...EMPLOYEES,
				itemIndex,
				...(subsidiaries && { qs: { includeEmployeesFromSubsidiaries: true } }),
			});
			return applyLimit(employees, limit);
		},
	});
}

export const getAll: Operation = { description, execute: executeEmployeeGetAll };
