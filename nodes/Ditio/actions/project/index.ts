import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../common/display';
import type { Operation } from '../types';
import { create } from './create.operation';
import { deleteProject } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { replace } from './replace.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

export const projectOperations: Record<string, Operation> = {
	create,
	upsert,
	delete: deleteProject,
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
	displayOptions: { show: { resource: ['project'] } },
	options: [
		{ name: 'Create', value: 'create', description: 'Create a project', action: 'Create a project' },
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a project',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a project', action: 'Delete a project' },
		{ name: 'Get', value: 'get', description: 'Get a project by ID or project number', action: 'Get a project' },
		{ name: 'Get Many', value: 'getAll', description: "Get the company's projects", action: 'Get many projects' },
		{
			name: 'Replace',
			value: 'replace',
			description: 'Replace a whole project; fields left out are reset',
			action: 'Replace a project',
		},
		{ name: 'Update', value: 'update', description: 'Change only the fields given', action: 'Update a project' },
	],
	default: 'getAll',
	description: 'What to do',
};

export const projectDescription: INodeProperties[] = [
	operationProperty,
	...Object.entries(projectOperations).flatMap(([name, op]) => forOperation('project', name, op.description)),
];
