import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { COMPANY_ID } from './company.fields';
import type { ApiField } from './field';
import { PROJECT_NUMBER } from './project.fields';
import { EXTERNAL_ID, TASK_NUMBER } from './task.fields';

export const simplifyParameter: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the fields used most (ID, numbers, name, active state, dates and the like) instead of the whole record',
};

/** Keeps the record's identity and the table's `simplified` fields, in that order. */
export function simplified(record: IDataObject, identity: readonly string[], table: readonly ApiField[]): IDataObject {
	const keep = [...identity, ...table.filter((f) => f.simplified).map((f) => f.name)];
	return Object.fromEntries(keep.filter((name) => name in record).map((name) => [name, record[name]]));
}

/** Applies the item's Simplify choice to one record or a list. */
export function shaped<T extends IDataObject | IDataObject[]>(
	simplify: boolean,
	records: T,
	identity: readonly string[],
	table: readonly ApiField[],
): T {
	if (!simplify) return records;
	return (Array.isArray(records) ? records.map((r) => simplified(r, identity, table)) : simplified(records, identity, table)) as T;
}

/** What names a record, kept first by Simplify: Ditio's id and the identity rows of the tables. */
export const PROJECT_IDENTITY = ['id', COMPANY_ID.name, PROJECT_NUMBER.name] as const;
export const TASK_IDENTITY = ['id', 'projectId', EXTERNAL_ID.name, TASK_NUMBER.name] as const;
