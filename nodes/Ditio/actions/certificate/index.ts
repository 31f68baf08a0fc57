import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../common/display';
import { ownOptions } from '../common/own-options';
import type { Operation } from '../types';
import { upsert } from './upsert.operation';

export const certificateOperations: Record<string, Operation> = { upsert };

export const certificateDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['certificate'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a certificate',
			},
		],
		default: 'upsert',
		description: 'What to do',
	},
	...forOperation('certificate', 'upsert', [...upsert.description, ownOptions('How hard to try when Ditio is busy or slow')]),
];
