import type { ApiField } from './field';

/** Also the key by which work orders are looked up in your ERP's numbers. */
export const EXTERNAL_PROJECT_NUMBER: ApiField = {
	name: 'externalProjectNumber',
	simplified: true,
	displayName: 'External Project Number',
	kind: 'string',
	description: 'Project number in your external system (ERP)',
};

/** Every optional field of a project, as Ditio's reference page lists them (docs/ditio-api.md, Fields). */
export const PROJECT_FIELDS: ApiField[] = [
	{ name: 'name', simplified: true, displayName: 'Name', kind: 'string', description: 'Project name' },
	EXTERNAL_PROJECT_NUMBER,
	{ name: 'externalDimension1', displayName: 'External Dimension 1', kind: 'string', description: 'External dimension 1, for accounting or ERP mapping' },
	{ name: 'externalDimension2', displayName: 'External Dimension 2', kind: 'string', description: 'External dimension 2, for accounting or ERP mapping' },
	{ name: 'description', displayName: 'Description', kind: 'string', description: 'Project description' },
	{ name: 'active', simplified: true, displayName: 'Active', kind: 'boolean', description: 'Whether the project is active. Ditio creates projects inactive unless this is set.' },
	{ name: 'requireTaskNumber', displayName: 'Require Work Order Number', kind: 'boolean', description: 'Whether time registrations on this project need a work order number' },
	{ name: 'blockedForRegistration', displayName: 'Blocked for Registration', kind: 'boolean', description: 'Whether all time registrations on this project are blocked' },
	{ name: 'startDate', simplified: true, displayName: 'Start Date', kind: 'dateTime', description: 'Project start date' },
	{ name: 'finishedDatePlanned', simplified: true, displayName: 'Planned Finish Date', kind: 'dateTime', description: 'Planned completion date' },
	{ name: 'finishedDate', displayName: 'Finish Date', kind: 'dateTime', description: 'Actual completion date' },
	{ name: 'estimatedHourQty', displayName: 'Estimated Hours', kind: 'number', description: 'Estimated total hours' },
	{ name: 'mainForemanId', displayName: 'Main Foreman', kind: 'string', description: 'Main foreman: user ID, phone number, name or employee number' },
	{ name: 'projectLeaderId', simplified: true, displayName: 'Project Leader', kind: 'string', description: 'Project leader: user ID, phone number, name or employee number' },
	{ name: 'mainContactEmail', displayName: 'Main Contact Email', kind: 'string', description: 'Contact email for the project' },
	{ name: 'projectCustomerName', simplified: true, displayName: 'Customer Name', kind: 'string', description: 'Customer name; names the customer Ditio creates for a new Customer Number' },
	{ name: 'customerNumber', displayName: 'Customer Number', kind: 'string', description: 'External customer number. Links the project to the company customer with this number, or creates one named after Customer Name. Leave out to keep the current link.' },
	{ name: 'projectAddress', displayName: 'Address', kind: 'string', description: 'Project address' },
	{ name: 'projectLocationLatitude', displayName: 'Latitude', kind: 'latitude', description: 'GPS latitude of the site, -90 to 90' },
	{ name: 'projectLocationLongitude', displayName: 'Longitude', kind: 'longitude', description: 'GPS longitude of the site, -180 to 180' },
	{ name: 'workBreakLunchStartTime', displayName: 'Lunch Break Start', kind: 'timeOfDay', description: 'Lunch break start time, HH:mm' },
	{ name: 'workBreakLunchLength', displayName: 'Lunch Break Minutes', kind: 'minutes', description: 'Lunch break duration in minutes' },
	{ name: 'workBreakDinnerStartTime', displayName: 'Dinner Break Start', kind: 'timeOfDay', description: 'Dinner break start time, HH:mm' },
	{ name: 'workBreakDinnerLength', displayName: 'Dinner Break Minutes', kind: 'minutes', description: 'Dinner break duration in minutes' },
];

/** The field that names a project: a parameter of its own, not under Additional Fields. */
export const PROJECT_NUMBER: ApiField = {
	name: 'projectNumber',
	displayName: 'Project Number',
	kind: 'string',
	placeholder: 'P-2026-001',
	description: 'Your internal project number, unique within the company',
};
