import type { INodeProperties } from 'n8n-workflow';

import { documentDescription, documentOperations } from './document';
import { employeeDescription, employeeOperations } from './employee';
import { projectDescription, projectOperations } from './project';
import { taskDescription, taskOperations } from './task';
import { requestOptionsParameter } from './common/options';
import type { Operation } from './types';

/** Resource → operation name → operation. A resource is one entry here and one option below. */
export const OPERATIONS: Record<string, Record<string, Operation> | undefined> = {
	project: projectOperations,
	task: taskOperations,
	document: documentOperations,
	employee: employeeOperations,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Project', value: 'project', description: 'A Ditio project, the container of work orders' },
		// Ditio's API says task; its users say work order.
		{ name: 'Work Order', value: 'task', description: 'A work order (task) in a project, on which time is registered' },
		{ name: 'Document', value: 'document', description: 'A file (drawing, contract, method statement) on a project or work order, seen in the field app' },
		{ name: 'Employee', value: 'employee', description: 'A person who registers hours, matched on the employee number of your payroll system' },
	],
	default: 'project',
	description: 'What to work on in Ditio',
};

export const properties: INodeProperties[] = [
	resourceProperty,
	...projectDescription,
	...taskDescription,
	...documentDescription,
	...employeeDescription,
	// Documents have their own Options (section, file name …) that include these.
	{ ...requestOptionsParameter, displayOptions: { hide: { resource: ['document'] } } },
];
