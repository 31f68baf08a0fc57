import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldError, fieldsCollection, readFields } from '../../../shared/fields/collection';
import { DEPARTMENT, PROFILE_FIELDS, REQUIRED_PROFILE_FIELDS } from '../../../shared/fields/employee.fields';
import { nothingSent } from '../../../shared/untouched';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { EMPLOYEE_CONFLICT_HINTS, EMPLOYEES, employeeNumberParameter, employeePath, readEmployeeNumber } from './employee-input';

const clearEmptyFieldsParameter: INodeProperties = {
	displayName: 'Clear Empty Fields',
	name: 'clearEmptyFields',
	type: 'boolean',
	default: false,
	description:
		'Whether a field added under Update Fields but left empty clears the value in Ditio. Off: empty fields are left out and stay as they are.',
};

const isEmpty = (value: unknown) => value === '' || value === null || value === undefined;

interface EmployeeChanges {
	employeeNumber: string;
	profile: IDataObject;
	employment: IDataObject;
}

/**
 * Ditio's v5 PATCH is a true PATCH: a field left out stays, an explicit null clears it. An empty
 * UI field (an unmapped column, a blank cell) must not wipe data, so it becomes null only when
 * the user asks for it with Clear Empty Fields.
 */
function readChanges(this: IExecuteFunctions, itemIndex: number): EmployeeChanges {
	const node = this.getNode();
	const employeeNumber = readEmployeeNumber.call(this, itemIndex);
	const clear = this.getNodeParameter('clearEmptyFields', itemIndex, false) as boolean;
	const given = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const filled: IDataObject = {};
	const cleared: string[] = [];
	for (const [name, value] of Object.entries(given)) {
		if (!isEmpty(value)) filled[name] = value;
		else if (clear) cleared.push(name);
	}
	const { [DEPARTMENT.name]: department, ...profileGiven } = filled;
	const profile = readFields(node, itemIndex, PROFILE_FIELDS, profileGiven);
	const employment: IDataObject = department === undefined ? {} : readFields(node, itemIndex, [DEPARTMENT], { department });
	for (const name of cleared) {
		const required = REQUIRED_PROFILE_FIELDS.find((f) => f.name === name);
		if (required) throw fieldError(node, itemIndex, required, 'it is empty, and Ditio cannot clear it: an employee always has one');
		if (name === DEPARTMENT.name) employment[name] = null;
		else if (PROFILE_FIELDS.some((f) => f.name === name)) profile[name] = null;
		else readFields(node, itemIndex, PROFILE_FIELDS, { [name]: '' }); // refuses the unknown field by name
	}
	if (Object.keys(profile).length === 0 && Object.keys(employment).length === 0) {
		throw new NodeOperationError(node, 'Nothing to update', {
			itemIndex,
			description: `Add at least one field with a value under Update Fields, or turn on Clear Empty Fields to clear the empty ones. ${nothingSent(itemIndex)}`,
		});
	}
	return { employeeNumber, profile, employment };
}

export async function executeEmployeeUpdate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readChanges.call(this, itemIndex),
		run: async ({ employeeNumber, profile, employment }, itemIndex) => {
			const options = { ...EMPLOYEES, itemIndex, hints: EMPLOYEE_CONFLICT_HINTS };
			let record: IDataObject | undefined;
			if (Object.keys(profile).length > 0) {
				record = await run.client.request<IDataObject>('PATCH', employeePath(employeeNumber), { ...options, body: profile });
			}
			if (Object.keys(employment).length > 0) {
				record = await run.client.request<IDataObject>('PATCH', employeePath(employeeNumber, 'update-employment'), { ...options, body: employment });
			}
			return record as IDataObject;
		},
	});
}

export const update: Operation = {
	description: [employeeNumberParameter, fieldsCollection('updateFields', [...PROFILE_FIELDS, DEPARTMENT]), clearEmptyFieldsParameter],
	execute: executeEmployeeUpdate,
};
