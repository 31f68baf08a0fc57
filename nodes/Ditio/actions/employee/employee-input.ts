import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldsCollection, identityParameter, readFields, readRequired } from '../../../shared/fields/collection';
import {
	DEPARTMENT,
	EMPLOYEE_NUMBER,
	EMPLOYMENT_START,
	OPTIONAL_PROFILE_FIELDS,
	PAYROLL_OPTIONS,
	REQUIRED_PROFILE_FIELDS,
} from '../../../shared/fields/employee.fields';
import type { ApiField } from '../../../shared/fields/field';
import { KINDS } from '../../../shared/fields/kinds';
import { nothingSent } from '../../../shared/untouched';

/** Employees live in the v5 family; every route is keyed by the employee number. */
export const EMPLOYEES = { base: 'integrationV5' } as const;
export const employeePath = (employeeNumber?: string, ...rest: string[]) =>
	employeeNumber === undefined ? ['employees'] : ['employees', employeeNumber, ...rest];

/**
 * Ditio's writes of people are not atomic across its stores: a 409 means something changed
 * meanwhile, and sending the same again could land on a half-changed record.
 */
export const EMPLOYEE_CONFLICT_HINTS = {
	409: 'Ditio reports a conflict with what it holds for this employee (changed meanwhile, number taken, or an employment that overlaps). Reload the employee (Employee → Get) and check it before running again; the node does not resend this by itself.',
};

export const employeeNumberParameter = identityParameter(EMPLOYEE_NUMBER);

const dateParameter = (field: ApiField): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: 'dateTime',
	default: '',
	required: true,
	description: field.description,
});

export const startDateParameter = dateParameter(EMPLOYMENT_START);
export { dateParameter };

export const payrollParameter: INodeProperties = {
	displayName: 'Payroll',
	name: 'payroll',
	type: 'options',
	default: 1,
	options: PAYROLL_OPTIONS,
	description: "Whether the employment's hours go to payroll",
};

/** Create and Create or Update: what a new employee needs, then the rest under Additional Fields. */
export const newEmployeeParameters: INodeProperties[] = [
	employeeNumberParameter,
	...REQUIRED_PROFILE_FIELDS.map(identityParameter),
	startDateParameter,
	payrollParameter,
	fieldsCollection('additionalFields', [...OPTIONAL_PROFILE_FIELDS, DEPARTMENT]),
];

export interface EmployeeInput {
	employeeNumber: string;
	/** The profile fields given, checked and converted. */
	profile: IDataObject;
	department?: string;
	startDate: string;
	payroll: number;
}

export function readEmployeeNumber(this: IExecuteFunctions, itemIndex: number): string {
	return readRequired(this.getNode(), itemIndex, EMPLOYEE_NUMBER, this.getNodeParameter(EMPLOYEE_NUMBER.name, itemIndex));
}

/** A date parameter that must be given, in the yyyy-MM-dd the v5 API takes. */
export function readDate(this: IExecuteFunctions, itemIndex: number, field: ApiField): string {
	const node = this.getNode();
	const raw = this.getNodeParameter(field.name, itemIndex, '');
	if (raw === '' || raw === null || raw === undefined) {
		throw new NodeOperationError(node, `Missing ${field.displayName} (${field.name})`, {
			itemIndex,
			description: `${field.displayName} must be ${KINDS[field.kind].expected}. ${nothingSent(itemIndex)}`,
		});
	}
	return readFields(node, itemIndex, [field], { [field.name]: raw as IDataObject[string] })[field.name] as string;
}

export function readPayroll(this: IExecuteFunctions, itemIndex: number): number {
	const raw = this.getNodeParameter('payroll', itemIndex, 1);
	const option = PAYROLL_OPTIONS.find((o) => o.value === Number(raw) || o.name.toLowerCase() === String(raw).trim().toLowerCase());
	if (!option || raw === '' || raw === null) {
		throw new NodeOperationError(this.getNode(), `Invalid Payroll (payroll): ${JSON.stringify(raw)} is not one of Enabled (1), Disabled (0), Variable (2)`, {
			itemIndex,
			description: nothingSent(itemIndex),
		});
	}
	return option.value;
}

/** Employee Number, the required profile, the first employment and Additional Fields of one item. */
export function readEmployeeInput(this: IExecuteFunctions, itemIndex: number): EmployeeInput {
	const node = this.getNode();
	const employeeNumber = readEmployeeNumber.call(this, itemIndex);
	const profile: IDataObject = {};
	for (const field of REQUIRED_PROFILE_FIELDS) profile[field.name] = readRequired(node, itemIndex, field, this.getNodeParameter(field.name, itemIndex, ''));
	const { [DEPARTMENT.name]: department, ...given } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(profile, readFields(node, itemIndex, OPTIONAL_PROFILE_FIELDS, given));
	const input: EmployeeInput = {
		employeeNumber,
		profile,
		startDate: readDate.call(this, itemIndex, EMPLOYMENT_START),
		payroll: readPayroll.call(this, itemIndex),
	};
	if (department !== undefined) input.department = readFields(node, itemIndex, [DEPARTMENT], { department })[DEPARTMENT.name] as string;
	return input;
}

/** The POST body: the profile and its first employment together, as Ditio requires. */
export const employeeBody = (input: EmployeeInput): IDataObject => ({
	[EMPLOYEE_NUMBER.name]: input.employeeNumber,
	...input.profile,
	employment: {
		startDate: input.startDate,
		payroll: input.payroll,
		...(input.department !== undefined && { department: input.department }),
	},
});
