import type { ApiField } from './field';

/** The payroll system's number: the key of every v5 employee route and of Create or Update. */
export const EMPLOYEE_NUMBER: ApiField = {
	name: 'employeeNumber',
	displayName: 'Employee Number',
	kind: 'string',
	placeholder: '1001',
	description: 'The employee number your payroll system uses; hours are matched to people by it',
};

/** The profile fields the node sends without a check of their own (docs/ditio-api.md, Employees v5). */
export const FIRST_NAME: ApiField = { name: 'firstName', simplified: true, displayName: 'First Name', kind: 'string', description: 'First name' };
export const LAST_NAME: ApiField = { name: 'lastName', simplified: true, displayName: 'Last Name', kind: 'string', description: 'Last name' };
export const PHONE: ApiField = {
	name: 'phone',
	simplified: true,
	displayName: 'Phone',
	kind: 'string',
	placeholder: '+4798765432',
	description: 'Mobile number with country code, such as +4798765432; the employee signs in to the field app with it',
};

/** A profile cannot be without these three: Create needs them, Update may change but never clear them. */
export const REQUIRED_PROFILE_FIELDS: ApiField[] = [FIRST_NAME, LAST_NAME, PHONE];

export const OPTIONAL_PROFILE_FIELDS: ApiField[] = [
	{ name: 'birthDate', displayName: 'Birth Date', kind: 'date', description: 'Date of birth, such as 1990-05-15 or 15.05.1990' },
	{ name: 'email', simplified: true, displayName: 'Email', kind: 'string', description: 'Email address' },
	{ name: 'workTitle', displayName: 'Work Title', kind: 'string', description: 'Job title, such as Maskinfører' },
];

export const PROFILE_FIELDS: ApiField[] = [...REQUIRED_PROFILE_FIELDS, ...OPTIONAL_PROFILE_FIELDS];

/** Fields of the current employment, written through its own route (update-employment). */
export const DEPARTMENT: ApiField = { name: 'department', displayName: 'Department', kind: 'string', description: 'Department of the current employment' };

export const EMPLOYMENT_START: ApiField = {
	name: 'startDate',
	displayName: 'Employment Start Date',
	kind: 'date',
	description: 'First day of the employment, such as 2026-01-05 or 05.01.2026',
};

export const EMPLOYMENT_END: ApiField = {
	name: 'endDate',
	displayName: 'End Date',
	kind: 'date',
	description: 'Last day of the employment, such as 2026-06-30 or 30.06.2026',
};

/** Ditio's payroll setting of an employment: 0 Disabled, 1 Enabled, 2 Variable. */
export const PAYROLL_OPTIONS = [
	{ name: 'Enabled', value: 1, description: 'Hours go to payroll' },
	{ name: 'Disabled', value: 0, description: 'Hours do not go to payroll' },
	{ name: 'Variable', value: 2, description: 'Payroll varies (set per period in Ditio)' },
];
