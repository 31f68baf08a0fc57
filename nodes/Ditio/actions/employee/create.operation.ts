import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { EMPLOYEE_CONFLICT_HINTS, EMPLOYEES, employeeBody, employeePath, newEmployeeParameters, readEmployeeInput } from './employee-input';

export async function executeEmployeeCreate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readEmployeeInput.call(this, itemIndex),
		run: async (input, itemIndex) => {
			const created = await run.client.request<IDataObject>('POST', employeePath(), {
				...EMPLOYEES,
				body: employeeBody(input),
				itemIndex,
				hints: EMPLOYEE_CONFLICT_HINTS,
			});
			return withOutcome(created, 'created');
		},
	});
}

export const create: Operation = { description: newEmployeeParameters, execute: executeEmployeeCreate };
