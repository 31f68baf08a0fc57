import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../common/display';
import type { Operation } from '../types';
import { create } from './create.operation';
import { endEmployment } from './endEmployment.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { rehire } from './rehire.operation';
import { search } from './search.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

export const employeeOperations: Record<string, Operation> = { create, upsert, get, getAll, search, update, endEmployment, rehire };

/** Name, what it does, and the action an AI agent and the node panel show. */
const CHOICES: Array<[keyof typeof employeeOperations & string, string, string, string]> = [
	['create', 'Create', 'Create an employee with the first employment', 'Create an employee'],
	['upsert', 'Create or Update', 'Create a new record, or update the current one if it already exists (upsert), matched on employee number', 'Create or update an employee'],
	['endEmployment', 'End Employment', "End the employee's current employment (offboarding)", "End an employee's employment"],
	['get', 'Get', 'Get an employee by employee number', 'Get an employee'],
	['getAll', 'Get Many', "Get the company's employees", 'Get many employees'],
	['rehire', 'Rehire', 'Start a new employment for an employee whose last one has ended', 'Rehire an employee'],
	['search', 'Search', 'Find employees by name, phone, email or employee number', 'Search employees'],
	['update', 'Update', 'Change only the fields given', 'Update an employee'],
];

export const employeeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['employee'] } },
		options: CHOICES.map(([value, name, description, action]) => ({ name, value, description, action })),
		default: 'getAll',
		description: 'What to do',
	},
	...CHOICES.flatMap(([name]) => forOperation('employee', name, employeeOperations[name].description)),
];
