/**
 * Output schemas of the hours-out operations: the registration datasets' Simplify fields (from
 * their tables) and the payroll summary. These records are Ditio's own, not a field table's, so
 * a field's type is told by its name: flags are booleans, quantities numbers, the rest text.
 */
import { type Dataset } from '../../nodes/shared/reporting/datasets';
import type { JsonSchema } from './output-schemas';

const FLAGS = new Set(['approved', 'payrollApproved', 'locked', 'isDeleted', 'invoiced']);
const typeOf = (name: string): JsonSchema['type'] =>
	FLAGS.has(name) ? ['boolean', 'null'] : /(qty|Qty)$/.test(name) ? ['number', 'null'] : ['string', 'null'];

export function registrationSchemas(dataset: Dataset): Record<string, JsonSchema> {
	return {
		getAll: {
			type: 'object',
			properties: Object.fromEntries(dataset.simplify.map((name) => [name, { type: typeOf(name) }])),
			required: ['id'],
		},
	};
}

export function payrollSchemas(): Record<string, JsonSchema> {
	const names = ['userId', 'userName', 'employeeNumber', 'transDateTime', 'qty', 'standardQty', 'overtime50Qty', 'overtime100Qty'];
	return {
		getSummaries: {
			type: 'object',
			properties: {
				...Object.fromEntries(names.map((name) => [name, { type: typeOf(name) }])),
				overtimeLines: { type: 'array', items: { type: 'object' } },
			},
		},
	};
}
