import { EMPLOYEE_NUMBER } from './employee.fields';
import { PROJECT_NUMBER } from './project.fields';
import type { ApiField } from './field';

/**
 * An absence pushed from an HR system (docs/ditio-api.md, Absences push). The external ID is the
 * whole contract: Ditio creates or updates by it, case-sensitive, surrounding spaces trimmed.
 */
export const ABSENCE_EXTERNAL_ID: ApiField = {
	name: 'externalId',
	displayName: 'External ID',
	kind: 'string',
	placeholder: '884213/1/7',
	description:
		"The absence's stable ID in your HR system, never one made from its dates (an edited period would become a second absence). Case-sensitive: ABC-1 and abc-1 are two absences.",
};

export const ABSENCE_EMPLOYEE_NUMBER: ApiField = {
	...EMPLOYEE_NUMBER,
	description: 'The employee number of the absent person, as your payroll system writes it; the employee must exist in Ditio',
};

export const ABSENCE_TYPE_CODE: ApiField = {
	name: 'absenceTypeCode',
	displayName: 'Absence Type Code',
	kind: 'string',
	placeholder: '700',
	description: "The absence type's payroll code (lønnsart); it must match exactly one active absence type in Ditio",
};

export const ABSENCE_TYPE_ID: ApiField = {
	name: 'absenceTypeId',
	displayName: 'Absence Type ID',
	kind: 'string',
	description: "The absence type's ID in Ditio",
};

export const ABSENCE_START: ApiField = {
	name: 'startDate',
	displayName: 'Start Date',
	kind: 'date',
	description: 'First day of the absence, such as 2026-03-02 or 02.03.2026; sent as a plain date',
};

export const ABSENCE_END: ApiField = {
	name: 'endDate',
	displayName: 'End Date',
	kind: 'date',
	description: 'Last day of the absence (included), such as 2026-03-06; not before Start Date',
};

/** Additional Fields of Create or Update. */
export const OPTIONAL_ABSENCE_FIELDS: ApiField[] = [
	{
		name: 'approved',
		displayName: 'Approved',
		kind: 'boolean',
		description: 'Whether the absence is approved. Applies only when the absence is created: Ditio ignores it on later updates, in both directions.',
	},
	{ name: 'comment', displayName: 'Comment', kind: 'string', description: 'Free text shown with the absence' },
	{ name: 'hoursPerDay', displayName: 'Hours per Day', kind: 'number', description: 'Hours of each work day of the period, such as 7.5; Day Adjustments change single days' },
	// The project's number, worded as everywhere in the node; Ditio also matches the external
	// number and dimension here, and refuses a number that fits several (docs/ditio-api.md).
	{ name: PROJECT_NUMBER.name, displayName: PROJECT_NUMBER.displayName, kind: 'string', description: PROJECT_NUMBER.description },
	{ name: 'projectCompanyId', displayName: 'Project Company ID', kind: 'string', description: 'The company whose project Project Number names, where several companies could have it' },
];

/** One row of Day Adjustments. */
export const DAY_DATE: ApiField = { name: 'date', displayName: 'Date', kind: 'date', description: 'A day inside the period, such as 2026-03-04' };
export const DAY_QTY: ApiField = {
	name: 'qty',
	displayName: 'Hours',
	kind: 'number',
	description: 'Hours of that day; 0 removes the day from the absence. A weekend day inside the period is added this way.',
};

/** Everything an absence record has, for the output schemas. */
export const ABSENCE_FIELDS: ApiField[] = [
	ABSENCE_EXTERNAL_ID,
	ABSENCE_EMPLOYEE_NUMBER,
	ABSENCE_TYPE_CODE,
	ABSENCE_TYPE_ID,
	ABSENCE_START,
	ABSENCE_END,
	...OPTIONAL_ABSENCE_FIELDS,
];
