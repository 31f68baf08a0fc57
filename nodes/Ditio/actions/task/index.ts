import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../common/display';
import type { Operation } from '../types';
import { create } from './create.operation';
import { deleteTask } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { replace } from './replace.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

export const taskOperations: Record<string, Operation> = {
	create,
	upsert,
	delete: deleteTask,
	get,
	getAll,
	replace,
	update,
};

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['task'] } },
	options: [
		{ name: 'Create', value: 'create', description: 'Create a work order in a project', action: 'Create a work order' },
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a work order',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a work order', action: 'Delete a work order' },
		{
			name: 'Get',
			value: 'get',
			description: 'Get a work order by ID, by task number or by external ID',
			action: 'Get a work order',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the work orders of a project, of a production code or of a task number',
			action: 'Get many work orders',
		},
		{
			name: 'Replace',
			value: 'replace',
			description: 'Replace a whole work order; fields left out are reset',
			action: 'Replace a work order',
		},
		{ name: 'Update', value: 'update', description: 'Change only the fields given', action: 'Update a work order' },
	],
	default: 'getAll',
	description: 'What to do',
};

export const taskDescription: INodeProperties[] = [
	operationProperty,
	...Object.entries(taskOperations).flatMap(([name, op]) => forOperation('task', name, op.description)),
];
