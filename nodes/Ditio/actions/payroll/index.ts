import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../common/display';
import type { Operation } from '../types';
import { getSummaries } from './getSummaries.operation';

export const payrollOperations: Record<string, Operation> = { getSummaries };

const selector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['payroll'] } },
	options: [
		{
			name: 'Get Summaries',
			value: 'getSummaries',
			description: "Read payroll summaries (one per person and day) from Ditio's payroll export, which never locks data",
			action: 'Get payroll summaries',
		},
	],
	default: 'getSummaries',
	description: 'What to do',
};

export const payrollDescription: INodeProperties[] = [selector, ...forOperation('payroll', 'getSummaries', getSummaries.description)];
