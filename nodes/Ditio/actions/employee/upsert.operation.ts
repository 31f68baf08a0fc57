import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changesOf } from '../../../shared/fields/collection';
import { DEPARTMENT, PROFILE_FIELDS } from '../../../shared/fields/employee.fields';
import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import {
	EMPLOYEE_CONFLICT_HINTS,
	EMPLOYEES,
	employeeBody,
	type EmployeeInput,
	employeePath,
	newEmployeeParameters,
	readEmployeeInput,
} from './employee-input';

const currentDepartment = (record: IDataObject) => ((record.employment as IDataObject | undefined) ?? {})[DEPARTMENT.name];

/**
 * Only what differs is written: the profile by PATCH, the department through the current
 * employment. The start date and payroll belong to the first employment and are sent on create only.
 */
async function createOne(run: BatchRun, itemIndex: number, input: EmployeeInput) {
	const record = await run.client.request<IDataObject>('POST', employeePath(), {
		...EMPLOYEES,
		body: employeeBody(input),
		itemIndex,
		hints: EMPLOYEE_CONFLICT_HINTS,
	});
	return { record, answer: withOutcome(record, 'created') };
}

async function writeChanges(run: BatchRun, itemIndex: number, existing: IDataObject, input: EmployeeInput) {
	const { changed, body } = changesOf(PROFILE_FIELDS, input.profile, existing);
	const departmentChanged = input.department !== undefined && (input.department ?? '') !== (currentDepartment(existing) ?? '');
	if (changed.length === 0 && !departmentChanged) return { record: existing, answer: withOutcome(existing, 'unchanged') };
	let record = existing;
	const options = { ...EMPLOYEES, itemIndex, hints: EMPLOYEE_CONFLICT_HINTS };
	if (changed.length > 0) {
		record = await run.client.request<IDataObject>('PATCH', employeePath(input.employeeNumber), { ...options, body });
	}
	if (departmentChanged) {
		record = await run.client.request<IDataObject>('PATCH', employeePath(input.employeeNumber, 'update-employment'), {
			...options,
			body: { [DEPARTMENT.name]: input.department },
		});
	}
	return { record, answer: withOutcome(record, 'updated', { changedFields: departmentChanged ? [...changed, DEPARTMENT.name] : changed }) };
}

/**
 * One list read for the whole batch, matched on the employee number, then a write only where
 * something differs: a payroll export of 2,000 people with 20 changes costs 21 requests.
 */
export async function executeEmployeeUpsert(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	let listing: Promise<Map<string, IDataObject>> | undefined;
	const listEmployees = async (itemIndex: number) => {
		const employees = await run.client.request<IDataObject[]>('GET', employeePath(), { ...EMPLOYEES, itemIndex });
		return new Map(employees.map((e) => [String(e.employeeNumber), e]));
	};
	return await executeItems(this, run, {
		read: (itemIndex) => readEmployeeInput.call(this, itemIndex),
		prepare: async (input, itemIndex) => ({ ...input, known: await (listing ??= listEmployees(itemIndex)) }),
		parallel: true,
		after: (ready) => {
			const last = new Map<string, number>();
			const after = new Map<number, number[]>();
			for (const { itemIndex, input } of ready) {
				const previous = last.get(input.employeeNumber);
				last.set(input.employeeNumber, itemIndex);
				if (previous !== undefined) after.set(itemIndex, [previous]);
			}
			return after;
		},
		run: async (input, itemIndex) => {
			const existing = input.known.get(input.employeeNumber);
			const result = existing ? await writeChanges(run, itemIndex, existing, input) : await createOne(run, itemIndex, input);
			// A later item with the same number compares with what this one left.
			input.known.set(input.employeeNumber, result.record);
			return result.answer;
		},
	});
}

export const upsert: Operation = { description: newEmployeeParameters, execute: executeEmployeeUpsert };
