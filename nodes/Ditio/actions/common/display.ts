import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';

/** Shows an operation's parameters only for that resource and operation. */
export function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}

/** The seven operations both resources have, with the names n8n's UX guide gives them. */
const OPERATION_NAMES = {
	create: 'Create',
	upsert: 'Create or Update',
	delete: 'Delete',
	get: 'Get',
	getAll: 'Get Many',
	replace: 'Replace',
	update: 'Update',
} as const;

export type OperationName = keyof typeof OPERATION_NAMES;

interface Noun {
	one: string;
	many: string;
}

const actionOf = (operation: OperationName, noun: Noun) =>
	operation === 'getAll'
		? `Get many ${noun.many}`
		: operation === 'upsert'
			? `Create or update a ${noun.one}`
			: `${OPERATION_NAMES[operation]} a ${noun.one}`;

/** A resource's Operation selector and every operation's parameters, from its operations table. */
export function resourceProperties(
	resource: string,
	noun: Noun,
	operations: Record<OperationName, Operation>,
	summaries: Record<OperationName, string>,
): INodeProperties[] {
	const names = Object.keys(OPERATION_NAMES) as OperationName[];
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: names.map((name) => ({
			name: OPERATION_NAMES[name],
			value: name,
			description: summaries[name],
			action: actionOf(name, noun),
		})),
		default: 'getAll',
		description: 'What to do',
	};
	return [selector, ...names.flatMap((name) => forOperation(resource, name, operations[name].description))];
}
