// @ts-check
'use strict';
/**
 * The field tables of the two records, in the order of Ditio's reference pages
 * (docs/ditio-api.md, Fields). validate.js checks request bodies against them,
 * and PUT resets every omitted field to the default of its type.
 *
 * Types: string (string or null), bool, double, int, datetime (ISO-8601, kept
 * normalised to UTC), time (`HH:mm` string or null), id (24 hex or null).
 * `readOnly` fields are part of the record but refused in request bodies (they
 * are managed in Ditio's backoffice: here through the store or /__sandbox).
 * `inherit` marks the settings a new task copies from its project's template.
 * `keepWhenOmitted`: omitted or null leaves the stored value alone, on PUT too
 * (the projects reference page: customerNumber "Omit to leave any existing customer link unchanged").
 */

/**
 * @typedef {'string'|'bool'|'double'|'int'|'datetime'|'time'|'id'} FieldType
 * @typedef {{
 *   name: string, type: FieldType, required?: boolean, min?: number, max?: number,
 *   readOnly?: boolean, inherit?: boolean, keepWhenOmitted?: boolean,
 * }} FieldDef
 */

const LATITUDE = { min: -90, max: 90 };
const LONGITUDE = { min: -180, max: 180 };
const MINUTES = { min: 0, max: 1440 };

/** @type {FieldDef[]} */
const PROJECT_FIELDS = [
	{ name: 'companyId', type: 'string', required: true },
	{ name: 'projectNumber', type: 'string', required: true },
	{ name: 'name', type: 'string' },
	{ name: 'externalProjectNumber', type: 'string' },
	{ name: 'externalDimension1', type: 'string' },
	{ name: 'externalDimension2', type: 'string' },
	{ name: 'description', type: 'string' },
	{ name: 'active', type: 'bool' },
	{ name: 'requireTaskNumber', type: 'bool' },
	{ name: 'blockedForRegistration', type: 'bool' },
	{ name: 'startDate', type: 'datetime' },
	{ name: 'finishedDatePlanned', type: 'datetime' },
	{ name: 'finishedDate', type: 'datetime' },
	{ name: 'estimatedHourQty', type: 'double' },
	{ name: 'mainForemanId', type: 'string' },
	{ name: 'projectLeaderId', type: 'string' },
	{ name: 'mainContactEmail', type: 'string' },
	{ name: 'projectCustomerName', type: 'string' },
	{ name: 'customerNumber', type: 'string', keepWhenOmitted: true },
	{ name: 'projectAddress', type: 'string' },
	{ name: 'projectLocationLatitude', type: 'double', ...LATITUDE },
	{ name: 'projectLocationLongitude', type: 'double', ...LONGITUDE },
	{ name: 'workBreakLunchStartTime', type: 'time' },
	{ name: 'workBreakLunchLength', type: 'int', ...MINUTES },
	{ name: 'workBreakDinnerStartTime', type: 'time' },
	{ name: 'workBreakDinnerLength', type: 'int', ...MINUTES },
];

/** @type {FieldDef[]} */
const TASK_FIELDS = [
	{ name: 'companyId', type: 'string', required: true },
	{ name: 'projectId', type: 'id', required: true },
	{ name: 'externalId', type: 'string', required: true },
	// The number the by-task-number endpoints match on; the API sets it to externalId.
	{ name: 'taskNumber', type: 'string', readOnly: true },
	{ name: 'name', type: 'string' },
	{ name: 'active', type: 'bool' },
	{ name: 'externalProjectNumber', type: 'string' },
	{ name: 'externalProjectName', type: 'string' },
	{ name: 'externalDim01', type: 'string' },
	{ name: 'workDescriptionShort', type: 'string' },
	{ name: 'workDescription', type: 'string' },
	{ name: 'startDate', type: 'datetime' },
	{ name: 'finishedDatePlanned', type: 'datetime' },
	{ name: 'finishedDate', type: 'datetime' },
	{ name: 'estimatedHourQty', type: 'double' },
	{ name: 'fixedResourcePrice', type: 'double', inherit: true },
	{ name: 'unitId', type: 'string', inherit: true },
	{ name: 'costPrice', type: 'double', inherit: true },
	{ name: 'price', type: 'double', inherit: true },
	{ name: 'measureUnitQty', type: 'bool', inherit: true },
	{ name: 'parentActivityId', type: 'id' },
	{ name: 'chapterId', type: 'string' },
	{ name: 'mainForemanId', type: 'string' },
	{ name: 'taskLeaderId', type: 'string' },
	{ name: 'taskLocationLatitude', type: 'double', ...LATITUDE },
	{ name: 'taskLocationLongitude', type: 'double', ...LONGITUDE },
	{ name: 'safeJobAnalysisApprovalRequired', type: 'bool', inherit: true },
	{ name: 'safeJobAnalysisUserPromptText', type: 'string', inherit: true },
	{ name: 'isParent', type: 'bool' },
	// Managed in Ditio's backoffice only (docs/ditio-api.md, Fields: template work order).
	{ name: 'isTemplate', type: 'bool', readOnly: true },
	{ name: 'textRequired', type: 'bool', readOnly: true, inherit: true },
	{ name: 'summationType', type: 'int', readOnly: true, inherit: true },
	{ name: 'doubleRegistration', type: 'bool', readOnly: true, inherit: true },
	{ name: 'unitQtyReportLevel', type: 'int', readOnly: true, inherit: true },
	{ name: 'taskType', type: 'int', readOnly: true, inherit: true },
	{ name: 'externalDim02', type: 'string', readOnly: true, inherit: true },
];

/** @param {FieldType} type @returns {null | false | 0} */
function defaultOf(type) {
	if (type === 'bool') return false;
	if (type === 'double' || type === 'int') return 0;
	return null;
}

/**
 * @param {FieldDef[]} fields
 * @returns {{ fields: FieldDef[], byName: Map<string, FieldDef>, defaults: Record<string, unknown> }}
 */
function table(fields) {
	/** @type {Record<string, unknown>} */
	const defaults = {};
	for (const f of fields) defaults[f.name] = defaultOf(f.type);
	return { fields, byName: new Map(fields.map((f) => [f.name, f])), defaults };
}

/** @typedef {ReturnType<typeof table>} FieldTable */

module.exports = {
	PROJECT: table(PROJECT_FIELDS),
	TASK: table(TASK_FIELDS),
	defaultOf,
};

/**
 * A full record: `id`, then every field of the table in order, each from
 * `values` or its default.
 * @param {FieldTable} table
 * @param {string} id
 * @param {Record<string, unknown>} values
 * @returns {Record<string, any>}
 */
function makeRecord(table, id, values) {
	/** @type {Record<string, any>} */
	const record = { id };
	for (const f of table.fields) record[f.name] = f.name in values ? values[f.name] : table.defaults[f.name];
	return record;
}

/**
 * The values a PUT writes: every field a client can send, from the body or
 * reset to its default. Read-only fields (template flag and settings) are not
 * in the request's model, so they stay; `keepWhenOmitted` fields stay when omitted or null.
 * @param {FieldTable} table
 * @param {Record<string, unknown>} values checked body values
 * @returns {Record<string, unknown>}
 */
function replacementValues(table, values) {
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const f of table.fields) {
		if (f.readOnly) continue;
		const sent = f.name in values;
		if (f.keepWhenOmitted && (!sent || values[f.name] === null)) continue;
		out[f.name] = sent ? values[f.name] : table.defaults[f.name];
	}
	return out;
}

/**
 * PATCH: the values sent, less `keepWhenOmitted` fields sent as null.
 * @param {FieldTable} table
 * @param {Record<string, unknown>} values
 */
function patchValues(table, values) {
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === null && table.byName.get(name)?.keepWhenOmitted) continue;
		out[name] = value;
	}
	return out;
}

module.exports.makeRecord = makeRecord;
module.exports.replacementValues = replacementValues;
module.exports.patchValues = patchValues;
