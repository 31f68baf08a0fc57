import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { PROJECT_FIELDS } from '../../../shared/fields/project.fields';
import { PROJECT_IDENTITY, shaped, simplifyParameter } from '../../../shared/fields/simplify';
import { applyLimit, containsText, filtersParameter, matchesActive, readLimit, RETURN_ALL_AND_LIMIT } from '../common/list';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';

const description: INodeProperties[] = [
	...RETURN_ALL_AND_LIMIT,
	simplifyParameter,
	filtersParameter([
		{
			displayName: 'Name Contains',
			name: 'nameContains',
			type: 'string',
			default: '',
			description: 'Only projects whose name contains this text (case-insensitive)',
		},
		{
			displayName: 'Project Number Contains',
			name: 'projectNumberContains',
			type: 'string',
			default: '',
			description: 'Only projects whose project number contains this text (case-insensitive)',
		},
	]),
];

export async function executeProjectGetAll(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			limit: readLimit.call(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		run: async ({ filters, limit, simplify }, itemIndex) => {
			const projects = await run.client.request<IDataObject[]>('GET', ['projects'], { itemIndex });
			const wanted = projects.filter(
				(p) =>
					matchesActive(p, filters.active) &&
					containsText(p.name, filters.nameContains) &&
					containsText(p.projectNumber, filters.projectNumberContains),
			);
			return shaped(simplify, applyLimit(wanted, limit), PROJECT_IDENTITY, PROJECT_FIELDS);
		},
	});
}

export const getAll: Operation = { description, execute: executeProjectGetAll };
