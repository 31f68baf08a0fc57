import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fieldsCollection, readFields } from '../../../shared/fields/collection';
import { DEPARTMENT, EMPLOYMENT_START } from '../../../shared/fields/employee.fields';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import {
	EMPLOYEE_CONFLICT_HINTS,
	EMPLOYEES,
	employeeNumberParameter,
	employeePath,
	payrollParameter,
	readDate,
	readEmployeeNumber,
	readPayroll,
	startDateParameter,
} from './employee-input';

/**
 * A new employment for someone whose last one has ended. A POST: a lost answer is not resent,
 * since a second employment could be made.
 */
export async function executeEmployeeRehire(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => {
			const given = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			return {
				employeeNumber: readEmployeeNumber.call(this, itemIndex),
				body: {
					[EMPLOYMENT_START.name]: readDate.call(this, itemIndex, EMPLOYMENT_START),
					payroll: readPayroll.call(this, itemIndex),
					...readFields(this.getNode(), itemIndex, [DEPARTMENT], given),
				},
			};
		},
		run: async ({ employeeNumber, body }, itemIndex) =>
			await run.client.request<IDataObject>('POST', employeePath(employeeNumber, 'create-employment'), {
				...EMPLOYEES,
				body,
				itemIndex,
				hints: EMPLOYEE_CONFLICT_HINTS,
			}),
	});
}

export const rehire: Operation = {
	description: [employeeNumberParameter, startDateParameter, payrollParameter, fieldsCollection('additionalFields', [DEPARTMENT])],
	execute: executeEmployeeRehire,
};
