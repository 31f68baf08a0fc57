import type { ApiField } from './field';

const TEMPLATE_NOTE = ' Left out on create, Ditio copies it from the project\'s template work order, if there is one.';

/** On create, Ditio copies a left-out value of these fields from the project's template. */
const fromTemplate = (field: ApiField): ApiField => ({ ...field, description: field.description + TEMPLATE_NOTE });

/** Every optional field of a work order, as Ditio's reference page lists them (docs/ditio-api.md, Fields). */
export const TASK_FIELDS: ApiField[] = [
	{ name: 'name', simplified: true, displayName: 'Name', kind: 'string', description: 'Work order name' },
	{ name: 'active', simplified: true, displayName: 'Active', kind: 'boolean', description: 'Whether the work order is active. Ditio creates work orders inactive unless this is set.' },
	{ name: 'externalProjectNumber', displayName: 'External Project Number', kind: 'string', description: 'External project number, for reference' },
	{ name: 'externalProjectName', displayName: 'External Project Name', kind: 'string', description: 'External project name, for reference' },
	{ name: 'externalDim01', simplified: true, displayName: 'Production Code', kind: 'string', description: 'Production code (external dimension 1)' },
	{ name: 'workDescriptionShort', displayName: 'Short Description', kind: 'string', description: 'Short description of the work' },
	{ name: 'workDescription', displayName: 'Description', kind: 'string', description: 'Detailed description of the work' },
	{ name: 'startDate', simplified: true, displayName: 'Start Date', kind: 'dateTime', description: 'Start date' },
	{ name: 'finishedDatePlanned', simplified: true, displayName: 'Planned Finish Date', kind: 'dateTime', description: 'Planned completion date' },
	{ name: 'finishedDate', displayName: 'Finish Date', kind: 'dateTime', description: 'Actual completion date' },
	{ name: 'estimatedHourQty', simplified: true, displayName: 'Estimated Hours', kind: 'number', description: 'Estimated hours for this work order' },
	fromTemplate({ name: 'fixedResourcePrice', displayName: 'Fixed Resource Price', kind: 'number', description: 'Fixed resource price.' }),
	fromTemplate({ name: 'unitId', displayName: 'Unit ID', kind: 'string', description: 'Unit of measurement ID.' }),
	fromTemplate({ name: 'costPrice', displayName: 'Cost Price', kind: 'number', description: 'Cost price.' }),
	fromTemplate({ name: 'price', displayName: 'Sales Price', kind: 'number', description: 'Sales price.' }),
	fromTemplate({ name: 'measureUnitQty', displayName: 'Measure Unit Quantity', kind: 'boolean', description: 'Whether to measure unit quantity.' }),
	{ name: 'parentActivityId', simplified: true, displayName: 'Parent Work Order ID', kind: 'string', description: 'Ditio ID of the parent work order (for a hierarchy). To name the parent by your own number, use Parent External ID.' },
	{ name: 'chapterId', displayName: 'Chapter ID', kind: 'string', description: 'Chapter ID' },
	{ name: 'mainForemanId', displayName: 'Main Foreman ID', kind: 'string', description: 'Main foreman ID' },
	{ name: 'taskLeaderId', displayName: 'Work Order Leader ID', kind: 'string', description: 'Work order leader ID' },
	{ name: 'taskLocationLatitude', displayName: 'Latitude', kind: 'latitude', description: 'GPS latitude, -90 to 90' },
	{ name: 'taskLocationLongitude', displayName: 'Longitude', kind: 'longitude', description: 'GPS longitude, -180 to 180' },
	fromTemplate({ name: 'safeJobAnalysisApprovalRequired', displayName: 'SJA Approval Required', kind: 'boolean', description: 'Whether a safe job analysis (SJA) must be approved before work starts.' }),
	fromTemplate({ name: 'safeJobAnalysisUserPromptText', displayName: 'SJA Prompt Text', kind: 'string', description: 'SJA text shown to users.' }),
	{ name: 'isParent', simplified: true, displayName: 'Is Parent', kind: 'boolean', description: 'Whether this work order is a parent (a container for sub-orders)' },
];

/** The fields that name a work order: parameters of their own, not under Additional Fields. */
export const EXTERNAL_ID: ApiField = {
	name: 'externalId',
	displayName: 'External ID',
	kind: 'string',
	placeholder: 'WO-100',
	description: 'Your work order number or ID, unique within the project',
};

export const TASK_ID: ApiField = {
	name: 'taskId',
	displayName: 'Work Order ID',
	kind: 'string',
	placeholder: '66a1b2c3d4e5f6a7b8c9d0e2',
	description: 'The Ditio ID of the work order (24 hex characters)',
};

/** Set by Ditio (the backoffice numbers work orders); the node only looks work orders up by it. */
export const TASK_NUMBER: ApiField = {
	name: 'taskNumber',
	displayName: 'Task Number',
	kind: 'string',
	description: 'Work order number within the project',
};

/** The value of Production Code (externalDim01) that Get Many lists work orders by. */
export const PRODUCTION_CODE: ApiField = {
	name: 'productionCode',
	displayName: 'Production Code',
	kind: 'string',
	description: 'Production code (external dimension 1) of the work orders',
};

/** The node's own field: names the parent by its External ID; the node sends parentActivityId. */
export const PARENT_EXTERNAL_ID: ApiField = {
	name: 'parentExternalId',
	displayName: 'Parent External ID',
	kind: 'string',
	description:
		'External ID of the parent work order in the same project. The node finds its Ditio ID, also when the parent was created earlier in this run.',
};
