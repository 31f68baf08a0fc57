import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { identityParameter, readRequired } from '../../../shared/fields/collection';
import type { ApiField } from '../../../shared/fields/field';
import { PROJECT_NUMBER } from '../../../shared/fields/project.fields';
import { shaped, simplifyParameter, TASK_IDENTITY } from '../../../shared/fields/simplify';
import { PRODUCTION_CODE, TASK_FIELDS, TASK_NUMBER } from '../../../shared/fields/task.fields';
import { applyLimit, containsText, filtersParameter, matchesActive, readLimit, RETURN_ALL_AND_LIMIT } from '../common/list';
import { projectLocator } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';

const only = (listBy: string, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { show: { listBy: [listBy] } },
});

const description: INodeProperties[] = [
	{
		displayName: 'List By',
		name: 'listBy',
		type: 'options',
		default: 'project',
		description: 'Which work orders to list',
		options: [
			{ name: 'Project', value: 'project', description: 'All work orders of one project' },
			{ name: 'Production Code', value: 'productionCode', description: 'All work orders with a production code' },
			{ name: 'Project Number and Task Number', value: 'taskNumber', description: 'Every work order with this number in the project' },
		],
	},
	only(
		'project',
		projectLocator({ description: 'The project whose work orders to get' }, true),
	),
	only('productionCode', identityParameter(PRODUCTION_CODE)),
	only('taskNumber', identityParameter(PROJECT_NUMBER)),
	only('taskNumber', identityParameter(TASK_NUMBER)),
	...RETURN_ALL_AND_LIMIT,
	simplifyParameter,
	filtersParameter([
		{
			displayName: 'External ID Contains',
			name: 'externalIdContains',
			type: 'string',
			default: '',
			description: 'Only work orders whose external ID contains this text (case-insensitive)',
		},
		{
			displayName: 'Name Contains',
			name: 'nameContains',
			type: 'string',
			default: '',
			description: 'Only work orders whose name contains this text (case-insensitive)',
		},
		{
			displayName: 'Parent Work Order ID',
			name: 'parentActivityId',
			type: 'string',
			default: '',
			description: 'Only the children of this work order (its Ditio ID)',
		},
		{
			displayName: 'Top Level Only',
			name: 'topLevelOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to return only work orders without a parent',
		},
	]),
];

function listPath(listBy: string, value: (key: ApiField) => string, project: () => { mode: string; value: string }) {
	if (listBy === 'productionCode') return ['tasks', 'by-production-code', value(PRODUCTION_CODE)];
	if (listBy === 'taskNumber')
		return ['tasks', 'by-project-number', value(PROJECT_NUMBER), 'by-task-number', value(TASK_NUMBER), 'list'];
	const ref = project();
	if (ref.mode === 'projectNumber') return ['tasks', 'by-project-number', ref.value];
	if (ref.mode === 'externalProjectNumber') return ['tasks', 'by-external-project-number', ref.value];
	return ['tasks', 'project', ref.value];
}

export async function executeTaskGetAll(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => {
			const node = this.getNode();
			const value = (key: ApiField) => readRequired(node, itemIndex, key, this.getNodeParameter(key.name, itemIndex));
			const listBy = this.getNodeParameter('listBy', itemIndex) as string;
			return {
				path: listPath(listBy, value, () => readProjectRef.call(this, itemIndex)),
				filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
				limit: readLimit.call(this, itemIndex),
				simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			};
		},
		run: async ({ path, filters, limit, simplify }, itemIndex) => {
			const tasks = await run.client.request<IDataObject[]>('GET', path, { itemIndex });
			const wanted = tasks.filter(
				(t) =>
					matchesActive(t, filters.active) &&
					containsText(t.name, filters.nameContains) &&
					containsText(t.externalId, filters.externalIdContains) &&
					(!filters.parentActivityId || t.parentActivityId === filters.parentActivityId) &&
					(!filters.topLevelOnly || !t.parentActivityId),
			);
			return shaped(simplify, applyLimit(wanted, limit), TASK_IDENTITY, TASK_FIELDS);
		},
	});
}

export const getAll: Operation = { description, execute: executeTaskGetAll };
