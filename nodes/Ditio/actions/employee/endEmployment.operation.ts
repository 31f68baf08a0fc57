import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { EMPLOYMENT_END } from '../../../shared/fields/employee.fields';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { dateParameter, EMPLOYEE_CONFLICT_HINTS, EMPLOYEES, employeeNumberParameter, employeePath, readDate, readEmployeeNumber } from './employee-input';

/** Offboarding: the employment ends, the profile and its hours stay (a rehire starts a new employment). */
export async function executeEmployeeEndEmployment(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			employeeNumber: readEmployeeNumber.call(this, itemIndex),
			endDate: readDate.call(this, itemIndex, EMPLOYMENT_END),
		}),
		run: async ({ employeeNumber, endDate }, itemIndex) =>
			await run.client.request<IDataObject>('PATCH', employeePath(employeeNumber, 'end-employment'), {
				...EMPLOYEES,
				body: { endDate },
				itemIndex,
				hints: EMPLOYEE_CONFLICT_HINTS,
			}),
	});
}

export const endEmployment: Operation = { description: [employeeNumberParameter, dateParameter(EMPLOYMENT_END)], execute: executeEmployeeEndEmployment };
