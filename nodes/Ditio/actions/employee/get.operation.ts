import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { EMPLOYEES, employeeNumberParameter, employeePath, readEmployeeNumber } from './employee-input';

/** Ditio leaves these out unless asked (opt-in), to keep the answer small. */
const includeParameter: INodeProperties = {
	displayName: 'Include',
	name: 'include',
	type: 'multiOptions',
	default: [],
	options: [
		{ name: 'Employment History', value: 'employment-history', description: 'Every employment, past and current' },
		{ name: 'Tags', value: 'tags', description: "The employee's tags" },
		{ name: 'Work-Time Arrangements', value: 'work-time-arrangements', description: 'The work-time arrangements of the employee' },
	],
	description: 'Parts of the employee Ditio returns only when asked for',
};

export async function executeEmployeeGet(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			employeeNumber: readEmployeeNumber.call(this, itemIndex),
			include: this.getNodeParameter('include', itemIndex, []) as string[],
		}),
		run: async ({ employeeNumber, include }, itemIndex) =>
			await run.client.request<IDataObject>('GET', employeePath(employeeNumber), {
				...EMPLOYEES,
				itemIndex,
				...(include.length > 0 && { qs: { include: include.join(',') } }),
			}),
	});
}

export const get: Operation = { description: [employeeNumberParameter, includeParameter], execute: executeEmployeeGet };
