import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nothingSent } from '../../../shared/untouched';

/** Ditio lists have no paging (docs/ditio-api.md, Paths): the node fetches the list and applies the limit itself. */
export const RETURN_ALL_AND_LIMIT: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/**
 * Return All and Limit of one item, checked before any request: how many records to keep, or
 * undefined for all. A limit from an expression that is not a whole number of 1 or more would
 * otherwise keep nothing without a word.
 */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const raw: unknown = this.getNodeParameter('limit', itemIndex, 50);
	const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), `Invalid Limit (limit): "${String(raw)}" is not a whole number of 1 or more`, {
			itemIndex,
			description: `Give how many records to return, or turn on Return All. ${nothingSent(itemIndex)}`,
		});
	}
	return limit;
}

export function applyLimit(records: IDataObject[], limit: number | undefined): IDataObject[] {
	return limit === undefined ? records : records.slice(0, limit);
}

export const ACTIVE_FILTER: INodeProperties = {
	displayName: 'Active State',
	name: 'active',
	type: 'options',
	default: 'all',
	description: 'Whether to keep active records, inactive ones, or both',
	options: [
		{ name: 'Active and Inactive', value: 'all', description: 'Keep every record' },
		{ name: 'Active Only', value: 'active', description: 'Keep records whose Active is true' },
		{ name: 'Inactive Only', value: 'inactive', description: 'Keep records whose Active is false' },
	],
};

export function matchesActive(record: IDataObject, state: unknown): boolean {
	if (state === 'active') return record.active === true;
	if (state === 'inactive') return record.active !== true;
	return true;
}

export function containsText(value: unknown, search: unknown): boolean {
	if (typeof search !== 'string' || search === '') return true;
	return String(value ?? '').toLowerCase().includes(search.toLowerCase());
}

/** The Filters collection of a Get Many; Ditio has no filter parameters, so the node applies them. */
export function filtersParameter(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow the list; Ditio returns the whole list and the node filters it',
		options: [ACTIVE_FILTER, ...options],
	};
}
