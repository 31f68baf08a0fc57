import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiField } from './field';
import { KINDS } from './kinds';
import { nothingSent } from '../untouched';

/** The options of an n8n collection (Additional Fields, Update Fields) made from a field table. */
export function collectionOptions(table: ApiField[]): INodeProperties[] {
	return table
		.map((field) => ({
			displayName: field.displayName,
			name: field.name,
			...KINDS[field.kind].ui,
			description: field.description,
		}))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * Additional Fields (create, replace) or Update Fields: the rows of `table` as options, sorted
 * the same way for both resources (by name, as n8n's collections are).
 */
export function fieldsCollection(
	kind: 'additionalFields' | 'updateFields',
	table: ApiField[],
	description = kind === 'additionalFields' ? 'Only the fields you add are sent' : 'The fields to change; the others stay as they are',
): INodeProperties {
	return {
		displayName: kind === 'additionalFields' ? 'Additional Fields' : 'Update Fields',
		name: kind,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options: collectionOptions(table),
	};
}

/** A required text parameter of its own (Project Number, External ID …) made from its table row. */
export function identityParameter(field: ApiField): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: '',
		required: true,
		...(field.placeholder !== undefined && { placeholder: field.placeholder }),
		description: field.description,
	};
}

export function fieldError(node: INode, itemIndex: number, field: ApiField, problem: string) {
	return new NodeOperationError(node, `Invalid ${field.displayName} (${field.name}): ${problem}`, {
		itemIndex,
		description: `${field.displayName} must be ${KINDS[field.kind].expected}. ${nothingSent(itemIndex)}`,
	});
}

/**
 * Checks and converts one item's values against the table, before anything is sent, so a
 * bad value never reaches Ditio half-written. Keys outside the table are refused, not dropped.
 */
export function readFields(
	node: INode,
	itemIndex: number,
	table: ApiField[],
	values: IDataObject,
): IDataObject {
	const body: IDataObject = {};
	for (const [name, raw] of Object.entries(values)) {
		const field = table.find((f) => f.name === name);
		if (!field) {
			throw new NodeOperationError(node, `Unknown field "${name}"`, {
				itemIndex,
				description: `Ditio has no field "${name}" here. ${nothingSent(itemIndex)}`,
			});
		}
		const result = KINDS[field.kind].coerce(raw);
		if ('problem' in result) throw fieldError(node, itemIndex, field, result.problem);
		body[name] = result.value as IDataObject[string];
	}
	return body;
}

/**
 * A required identifying text (a number, an external id): present, not blank, and trimmed, so a
 * value from a padded spreadsheet cell names the same record instead of making a near-duplicate.
 */
export function readRequired(node: INode, itemIndex: number, field: ApiField, raw: unknown): string {
	const body = readFields(node, itemIndex, [field], { [field.name]: raw as IDataObject[string] });
	const value = body[field.name];
	if (typeof value !== 'string' || value.trim() === '') {
		throw fieldError(node, itemIndex, field, 'it is empty, and Ditio requires it');
	}
	return value.trim();
}

/** The PATCH of Create or Update: only the fields of `desired` that differ from the stored record. */
export function changesOf(table: ApiField[], desired: IDataObject, existing: IDataObject): { changed: string[]; body: IDataObject } {
	const changed = changedFields(table, desired, existing);
	return { changed, body: Object.fromEntries(changed.map((name) => [name, desired[name]])) };
}

/** The names of the fields in `desired` whose value differs from the stored record. */
export function changedFields(table: ApiField[], desired: IDataObject, existing: IDataObject): string[] {
	return Object.keys(desired).filter((name) => {
		const field = table.find((f) => f.name === name);
		const kind = KINDS[field?.kind ?? 'string'];
		return !kind.same(desired[name], existing[name]);
	});
}
