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
			...(field.choices && {
				type: 'options' as const,
				default: field.choices[0].value,
				options: [...field.choices].sort((a, b) => a.name.localeCompare(b.name)),
			}),
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

const choiceList = (field: ApiField) => (field.choices ?? []).map((c) => `${c.name} (${c.value})`).join(', ');

export function fieldError(node: INode, itemIndex: number, field: ApiField, problem: string) {
	const expected = field.choices ? `one of ${choiceList(field)}` : KINDS[field.kind].expected;
	return new NodeOperationError(node, `Invalid ${field.displayName} (${field.name}): ${problem}`, {
		itemIndex,
		description: `${field.displayName} must be ${expected}. ${nothingSent(itemIndex)}`,
	});
}

/** What a choice may be called: its name, or the short form in its brackets ("L/h"). */
const callsOf = (name: string) => [name, /\(([^)]+)\)$/.exec(name)?.[1]].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase());

/** A choice by its number or its name, as a spreadsheet writes it: "Diesel", "diesel", "1", "l/h". */
function choiceOf(field: ApiField, raw: unknown): { value: number } | { problem: string } {
	const text = String(raw ?? '').trim().toLowerCase();
	const found = field.choices?.find((c) => c.value === raw || callsOf(c.name).includes(text) || (text !== '' && String(c.value) === text));
	return found ? { value: found.value } : { problem: `${JSON.stringify(raw)} is not one of ${choiceList(field)}` };
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
		const result = field.choices ? choiceOf(field, raw) : KINDS[field.kind].coerce(raw);
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
