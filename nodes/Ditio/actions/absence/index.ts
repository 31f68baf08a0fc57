import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../common/display';
import { ownOptions } from '../common/own-options';
import type { Operation } from '../types';
import { absencePathOption } from './absence-path';
import { deleteAbsence } from './delete.operation';
import { get } from './get.operation';
import { upsert } from './upsert.operation';

export const absenceOperations: Record<string, Operation> = { upsert, get, delete: deleteAbsence };

const CHOICES: Array<[string, string, string, string]> = [
	['upsert', 'Create or Update', 'Create a new record, or update the current one if it already exists (upsert), matched on External ID', 'Create or update an absence'],
	['delete', 'Delete', 'Cancel an absence by its External ID', 'Delete an absence'],
	['get', 'Get', 'Get an absence by its External ID', 'Get an absence'],
];

/** The Absence API Path first, then the request settings every operation has. */
const options = ownOptions('Where Ditio takes absences, and how hard to try when Ditio is busy or slow', [absencePathOption]);

export const absenceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['absence'] } },
		options: CHOICES.map(([value, name, description, action]) => ({ name, value, description, action })),
		default: 'upsert',
		description: 'What to do',
	},
	...CHOICES.flatMap(([name]) => forOperation('absence', name, [...absenceOperations[name].description, options])),
];
