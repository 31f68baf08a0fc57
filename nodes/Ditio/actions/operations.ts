import type { INodeProperties } from 'n8n-workflow';

import { projectDescription, projectOperations } from './project';
import type { Operation } from './types';

export type Resource = 'project';

export const OPERATIONS: Record<Resource, Record<string, Operation>> = {
	project: projectOperations,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Project', value: 'project' }],
	default: 'project',
};

export const properties: INodeProperties[] = [resourceProperty, ...projectDescription];
