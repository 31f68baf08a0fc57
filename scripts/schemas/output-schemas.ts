/**
 * The per-operation output schemas n8n's own nodes ship: nodes/<Node>/__schema__/v<version>/
 * <resource>/<operation>.json, which n8n finds beside the node's file (the folder of the node's
 * source path, version padded to three parts: v1.0.0). The editor shows their fields before the
 * first run, and an AI agent reads what a tool returns from them.
 *
 * Made from the field tables, so they cannot drift from what the node sends and reads back: one
 * row per resource below (its identity and field table), one schema per operation of the node's
 * OPERATIONS table. A new resource is one row here. Pure: test/unit/output-schemas.test.ts writes
 * and checks the files (`npm run schemas`), the engine tier validates real output against them.
 */
import type { ApiField } from '../../nodes/shared/fields/field';
import type { FieldKind } from '../../nodes/shared/fields/kinds';
import { DEPARTMENT, EMPLOYEE_NUMBER, PROFILE_FIELDS } from '../../nodes/shared/fields/employee.fields';
import { MACHINE_ESG_FIELDS, MACHINE_FIELDS, MACHINE_IDENTITY, MACHINE_NUMBER } from '../../nodes/shared/fields/machine.fields';
import { PROJECT_FIELDS, PROJECT_NUMBER } from '../../nodes/shared/fields/project.fields';
import { PROJECT_IDENTITY, TASK_IDENTITY } from '../../nodes/shared/fields/simplify';
import { EXTERNAL_ID, TASK_FIELDS } from '../../nodes/shared/fields/task.fields';
import { ABSENCE_REGISTRATIONS, MACHINE_REGISTRATIONS, TIME_REGISTRATIONS } from '../../nodes/shared/reporting/datasets';
import { payrollSchemas, registrationSchemas } from './hours-schemas';
import { absenceSchemas, certificateSchemas } from './push-schemas';

export interface JsonSchema {
	type: string | string[];
	description?: string;
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	required?: string[];
	enum?: unknown[];
	version?: number;
}

/** A resource as the schemas see it: what identifies a record, and the fields it has. */
export interface SchemaResource {
	/** The Resource option's value. */
	resource: string;
	/** Fields every record has (typed as text unless the table or `identityKinds` says otherwise). */
	identity: readonly string[];
	identityKinds?: Record<string, FieldKind>;
	/** The resource's field table (and its key fields that are not optional). */
	fields: readonly ApiField[];
	/** Operations whose output is not the record (or the record with outcome): their own schema. */
	custom?: Record<string, JsonSchema>;
}

const MACHINE_SCHEMA_FIELDS = [MACHINE_NUMBER, ...MACHINE_FIELDS, ...MACHINE_ESG_FIELDS];

export const SCHEMA_RESOURCES: SchemaResource[] = [
	{ resource: 'project', identity: PROJECT_IDENTITY, fields: [PROJECT_NUMBER, ...PROJECT_FIELDS] },
	{ resource: 'task', identity: TASK_IDENTITY, fields: [EXTERNAL_ID, ...TASK_FIELDS] },
	{ resource: 'document', identity: ['fileReferenceId'], fields: [], custom: documentSchemas() },
	...[TIME_REGISTRATIONS, MACHINE_REGISTRATIONS, ABSENCE_REGISTRATIONS].map((d) => ({ resource: d.resource, identity: ['id'], fields: [], custom: registrationSchemas(d) })),
	{ resource: 'payroll', identity: [], fields: [], custom: payrollSchemas() },
	// v5 employees have no Ditio id in the node's use: the employee number names them.
	{ resource: 'employee', identity: [EMPLOYEE_NUMBER.name], fields: [EMPLOYEE_NUMBER, ...PROFILE_FIELDS], get custom() { return employeeSchemas(); } },
	{ resource: 'certificate', identity: [], fields: [], custom: certificateSchemas() },
	{ resource: 'absence', identity: [], fields: [], custom: absenceSchemas() },
	{ resource: 'machine', identity: MACHINE_IDENTITY, fields: MACHINE_SCHEMA_FIELDS, get custom() { return { deactivate: deactivatedSchema() }; } },
];

/** Deactivate answers the machine as Ditio then holds it, with what the node did first. */
function deactivatedSchema(): JsonSchema {
	const r = { resource: 'machine', identity: MACHINE_IDENTITY, fields: MACHINE_SCHEMA_FIELDS };
	return { type: 'object', properties: { outcome: { type: 'string', enum: ['deactivated'], description: 'Always deactivated: the machine is now inactive' }, ...recordProperties(r) }, required: ['outcome', 'id'] };
}

/** The current employment, as every v5 employee answer carries it. */
function employeeSchemas(): Record<string, JsonSchema> {
	const employment: JsonSchema = {
		type: 'object',
		description: 'The current employment: startDate, endDate, department, payroll (0 Disabled, 1 Enabled, 2 Variable)',
		properties: { startDate: { type: 'string' }, endDate: { type: ['string', 'null'] }, department: { type: ['string', 'null'], description: DEPARTMENT.description }, payroll: { type: 'number' } },
	};
	const r = { resource: 'employee', identity: [EMPLOYEE_NUMBER.name], fields: [EMPLOYEE_NUMBER, ...PROFILE_FIELDS] };
	const record = (): JsonSchema => ({ type: 'object', properties: { ...recordProperties(r), employment }, required: [EMPLOYEE_NUMBER.name] });
	const written = (): JsonSchema => ({
		type: 'object',
		properties: { outcome: OUTCOME, changedFields: CHANGED_FIELDS, ...recordProperties(r), employment },
		required: ['outcome', EMPLOYEE_NUMBER.name],
	});
	return { create: written(), upsert: written(), get: record(), getAll: record(), search: record(), update: record(), endEmployment: record(), rehire: record() };
}

/** Documents have no field table: their outputs are the node's own, one item per file. */
function documentSchemas(): Record<string, JsonSchema> {
	const text = (description: string): JsonSchema => ({ type: 'string', description });
	const orNull = (description: string): JsonSchema => ({ type: ['string', 'null'], description });
	const where = {
		projectId: text('The Ditio ID of the project the file is on (when attached to a project)'),
		taskId: text('The Ditio ID of the work order the file is on (when attached to a work order)'),
	};
	const file = {
		fileReferenceId: text("The file's Ditio ID: give it to Download or Delete"),
		name: text('The file name in Ditio'),
		section: orNull('The section (page) the file is on; empty for the default page'),
		pageExternalId: orNull("Ditio's ID of that page"),
	};
	return {
		upload: {
			type: 'object',
			properties: {
				...file,
				size: { type: 'number', description: 'Bytes uploaded' },
				binaryPropertyName: text('The input binary field the file came from'),
				...where,
			},
			required: ['fileReferenceId', 'name'],
		},
		getAll: { type: 'object', properties: { ...file, ...where }, required: ['fileReferenceId', 'name'] },
		download: {
			type: 'object',
			properties: {
				fileReferenceId: file.fileReferenceId,
				fileName: text('The original file name; the file itself is in the binary field'),
				mimeType: text('The MIME type of the file'),
				size: { type: 'number', description: 'Bytes downloaded' },
				...where,
			},
			required: ['fileReferenceId', 'fileName'],
		},
		setDescription: {
			type: 'object',
			properties: {
				projectId: where.projectId,
				section: orNull('The section whose text was set; empty for the folder'),
				description: orNull('The guidance text now shown'),
			},
			required: ['projectId'],
		},
	};
}

/** The node's version folder: n8n pads the node version to three parts. */
export const SCHEMA_VERSION_DIR = 'v1.0.0';

// Ditio answers null for a field that is not set, so every field may be null.
const KIND_TYPE: Record<FieldKind, string> = {
	string: 'string',
	boolean: 'boolean',
	number: 'number',
	minutes: 'number',
	dateTime: 'string',
	date: 'string',
	timeOfDay: 'string',
	latitude: 'number',
	longitude: 'number',
};

const OUTCOME: JsonSchema = {
	type: 'string',
	enum: ['created', 'updated', 'unchanged'],
	description: 'What the node did: created, updated, or left the record unchanged',
};
/** Create or Update also deactivates (Deactivate Missing) and previews (Preview Only). */
const UPSERT_OUTCOME: JsonSchema = {
	type: 'string',
	enum: ['created', 'updated', 'unchanged', 'deactivated'],
	description: 'What the node did (or, with preview, would do): created, updated, left the record unchanged, or set it inactive because the input no longer has it',
};
const PREVIEW: JsonSchema = { type: 'boolean', description: 'Present and true when Preview Only was on: nothing was written, the outcome is what a real run would do' };
const CHANGES: JsonSchema = {
	type: 'object',
	description: 'In a preview of an update, and for deactivated: each changed field as { before, after }',
};
const CHANGED_FIELDS: JsonSchema = { type: 'array', items: { type: 'string' }, description: 'For updated: the fields that changed' };
const NOTICE: JsonSchema = { type: 'string', description: 'Why nothing was written, where that was not asked for' };

const IDENTITY_DESCRIPTIONS: Record<string, string> = {
	id: "The record's Ditio ID",
	companyId: 'The Ditio company the record belongs to',
	projectId: 'The Ditio ID of the project the work order belongs to',
	taskNumber: "The work order's number in Ditio",
};

/** What one record of the resource looks like. */
function recordProperties(r: SchemaResource): Record<string, JsonSchema> {
	const properties: Record<string, JsonSchema> = {};
	const byName = new Map(r.fields.map((f) => [f.name, f]));
	for (const name of r.identity) {
		const kind = r.identityKinds?.[name] ?? byName.get(name)?.kind ?? 'string';
		// Only the ID is always set (a work order may have no task number yet).
		const type = name === 'id' ? KIND_TYPE[kind] : [KIND_TYPE[kind], 'null'];
		properties[name] = { type, description: byName.get(name)?.description ?? IDENTITY_DESCRIPTIONS[name] ?? name };
	}
	for (const field of r.fields) {
		if (properties[field.name]) continue;
		properties[field.name] = { type: [KIND_TYPE[field.kind], 'null'], description: field.description };
	}
	return properties;
}

/** The schema of one operation's output item (n8n's schemas describe one item). */
export function operationSchema(r: SchemaResource, operation: string): JsonSchema {
	const custom = r.custom?.[operation];
	if (custom) return { ...custom, version: 1 };
	if (operation === 'delete') {
		return {
			type: 'object',
			properties: {
				deleted: { type: 'boolean', description: 'Always true: Ditio deleted the record' },
				id: { type: 'string', description: 'The Ditio ID of the deleted record' },
			},
			required: ['deleted', 'id'],
			version: 1,
		};
	}
	const record = recordProperties(r);
	// Create and Create or Update say what they did, first (the Table view shows keys in order).
	const writes = operation === 'create' || operation === 'upsert';
	if (operation === 'upsert') {
		const properties = { outcome: UPSERT_OUTCOME, changedFields: CHANGED_FIELDS, ...record, notice: NOTICE, changes: CHANGES, preview: PREVIEW };
		// A previewed create has no ID yet.
		return { type: 'object', properties, required: ['outcome'], version: 1 };
	}
	const properties = writes ? { outcome: OUTCOME, changedFields: CHANGED_FIELDS, ...record, notice: NOTICE } : record;
	return { type: 'object', properties, required: writes ? ['outcome', 'id'] : ['id'], version: 1 };
}

/** Every schema file: path under nodes/Ditio/__schema__/ → content. */
export function allSchemas(operations: Record<string, Record<string, unknown> | undefined>): Map<string, JsonSchema> {
	const out = new Map<string, JsonSchema>();
	for (const [resource, ops] of Object.entries(operations)) {
		if (!ops) continue;
		const r = SCHEMA_RESOURCES.find((s) => s.resource === resource);
		if (!r) throw new Error(`resource "${resource}" has no row in SCHEMA_RESOURCES (scripts/schemas/output-schemas.ts): add its identity and field table`);
		for (const operation of Object.keys(ops)) {
			out.set(`${SCHEMA_VERSION_DIR}/${resource}/${operation}.json`, operationSchema(r, operation));
		}
	}
	return out;
}
