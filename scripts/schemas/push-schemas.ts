/**
 * Output schemas of the pushes from an HR system: certificates (what was sent, as Ditio has no
 * read of them) and absences (Ditio's answer, with outcome on Create or Update).
 */
import { ABSENCE_FIELDS, ABSENCE_EXTERNAL_ID } from '../../nodes/shared/fields/absence.fields';
import { CERTIFICATE_FIELDS } from '../../nodes/shared/fields/certificate.fields';
import type { ApiField } from '../../nodes/shared/fields/field';
import type { JsonSchema } from './output-schemas';

const typeOf = (field: ApiField): string => (field.kind === 'boolean' ? 'boolean' : field.kind === 'number' ? 'number' : 'string');
const propertiesOf = (fields: readonly ApiField[], nullable: boolean) =>
	Object.fromEntries(fields.map((f) => [f.name, { type: nullable ? [typeOf(f), 'null'] : typeOf(f), description: f.description }])) as Record<string, JsonSchema>;

export function certificateSchemas(): Record<string, JsonSchema> {
	return {
		upsert: {
			type: 'object',
			properties: {
				outcome: { type: 'string', enum: ['sent'], description: 'Sent to Ditio, which creates or updates it (matched on employee number and type) without saying which' },
				...propertiesOf(CERTIFICATE_FIELDS, false),
				request: { type: 'number', description: 'Which of the run\'s array requests carried this certificate (1, 2, …)' },
			},
			required: ['outcome', 'employeeNumber', 'certificateType', 'issuedDateTime', 'validUntilDateTime', 'request'],
		},
	};
}

export function absenceSchemas(): Record<string, JsonSchema> {
	const day: JsonSchema = {
		type: 'object',
		properties: {
			date: { type: 'string', description: 'The day, yyyy-MM-dd' },
			qty: { type: 'number', description: 'Hours of absence that day' },
			payrollApproved: { type: ['boolean', 'null'], description: 'Whether the day is approved for payroll (then it cannot change)' },
			locked: { type: ['boolean', 'null'], description: 'Whether the day is locked (then it cannot change)' },
		},
	};
	const record: Record<string, JsonSchema> = {
		absenceRegistrationId: { type: ['string', 'null'], description: "Ditio's ID of the absence registration" },
		...propertiesOf(ABSENCE_FIELDS, true),
		userName: { type: ['string', 'null'], description: 'The name of the absent person' },
		absenceTypeName: { type: ['string', 'null'], description: 'The name of the absence type' },
		projectName: { type: ['string', 'null'], description: 'The name of the project' },
		daysQty: { type: ['number', 'null'], description: 'How many days the absence covers (its work days, after Day Adjustments)' },
		days: { type: 'array', items: day, description: 'Each day of the absence with its hours' },
	};
	return {
		upsert: {
			type: 'object',
			properties: { outcome: { type: 'string', enum: ['created', 'updated'], description: 'What Ditio did: created (201) or updated (200)' }, ...record },
			required: ['outcome', ABSENCE_EXTERNAL_ID.name],
		},
		get: { type: 'object', properties: record, required: [ABSENCE_EXTERNAL_ID.name] },
		delete: {
			type: 'object',
			properties: {
				deleted: { type: 'boolean', description: 'Always true: Ditio cancelled the absence' },
				externalId: { type: 'string', description: ABSENCE_EXTERNAL_ID.description },
			},
			required: ['deleted', 'externalId'],
		},
	};
}
