import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

export function applyLimit(this: IExecuteFunctions, itemIndex: number, records: IDataObject[]): IDataObject[] {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return records;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	return records.slice(0, Math.max(0, limit));
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
