import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../common/display';
import type { Operation } from '../types';
import { create } from './create.operation';
import { deactivate } from './deactivate.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

/** No Delete: Ditio advises deactivating a machine instead, so its registrations keep their machine. */
export const machineOperations: Record<string, Operation> = { create, upsert, get, getAll, update, deactivate };

/** Name, what it does, and the action an AI agent and the node panel show. */
const CHOICES: Array<[keyof typeof machineOperations & string, string, string, string]> = [
	['create', 'Create', 'Create a machine, active unless Active is set', 'Create a machine'],
	['upsert', 'Create or Update', 'Create a new record, or update the current one if it already exists (upsert), matched on machine number', 'Create or update a machine'],
	['deactivate', 'Deactivate', 'Set a machine inactive (Ditio advises this instead of deleting)', 'Deactivate a machine'],
	['get', 'Get', 'Get a machine by ID or machine number', 'Get a machine'],
	['getAll', 'Get Many', "Get the company's machines and equipment", 'Get many machines'],
	['update', 'Update', 'Change only the fields given', 'Update a machine'],
];

export const machineDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['machine'] } },
		options: CHOICES.map(([value, name, description, action]) => ({ name, value, description, action })),
		default: 'getAll',
		description: 'What to do',
	},
	...CHOICES.flatMap(([name]) => forOperation('machine', name, machineOperations[name].description)),
];
