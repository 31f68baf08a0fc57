import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequired } from '../../../shared/fields/collection';
import { shaped, simplifyParameter, TASK_IDENTITY } from '../../../shared/fields/simplify';
import { TASK_FIELDS } from '../../../shared/fields/task.fields';
import type { ApiField } from '../../../shared/fields/field';
import { perItem } from '../per-item';
import type { Operation } from '../types';
import { readTaskId, taskIdParameter } from './task-input';

const text = (name: string, displayName: string, description: string): ApiField & INodeProperties => ({
	name,
	displayName,
	kind: 'string',
	type: 'string',
	default: '',
	required: true,
	description,
});

export const PROJECT_NUMBER_KEY = text('projectNumber', 'Project Number', 'Ditio project number of the project');
export const TASK_NUMBER_KEY = text('taskNumber', 'Task Number', 'Work order number within the project');
export const EXTERNAL_PROJECT_NUMBER_KEY = text('externalProjectNumber', 'External Project Number', 'Project number in your external system');
export const EXTERNAL_ID_KEY = text('externalId', 'External ID', 'Your work order number or ID');

const only = (lookupBy: string, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { show: { lookupBy: [lookupBy] } },
});

/** How a work order is named: by Ditio ID, by project and task number, or by the ERP's numbers. Shared with Document. */
export const TASK_LOOKUP_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'id',
		description: 'Which numbers identify the work order',
		options: [
			{ name: 'Ditio ID', value: 'id', description: 'The work order by its Ditio ID' },
			{ name: 'Project Number and Task Number', value: 'taskNumber', description: 'The first work order with this number in the project' },
			{ name: 'External Project Number and External ID', value: 'externalId', description: 'By the numbers of your ERP' },
		],
	},
	only('id', taskIdParameter),
	only('taskNumber', PROJECT_NUMBER_KEY),
	only('taskNumber', TASK_NUMBER_KEY),
	only('externalId', EXTERNAL_PROJECT_NUMBER_KEY),
	only('externalId', EXTERNAL_ID_KEY),
];

const description: INodeProperties[] = [...TASK_LOOKUP_PROPERTIES, simplifyParameter];

/** The path that reads the work order the item's Look Up By names; checked, nothing sent. */
export function taskLookupPath(this: IExecuteFunctions, itemIndex: number): string[] {
	const node = this.getNode();
	const value = (key: ApiField) => readRequired(node, itemIndex, key, this.getNodeParameter(key.name, itemIndex));
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex) as string;
	return lookupBy === 'taskNumber'
		? ['tasks', 'by-project-number', value(PROJECT_NUMBER_KEY), 'by-task-number', value(TASK_NUMBER_KEY)]
		: lookupBy === 'externalId'
			? ['tasks', 'by-external-project-number', value(EXTERNAL_PROJECT_NUMBER_KEY), 'by-external-id', value(EXTERNAL_ID_KEY)]
			: ['tasks', readTaskId.call(this, itemIndex)];
}

export const get: Operation = {
	description,
	execute: perItem(async function (itemIndex, run) {
		const path = taskLookupPath.call(this, itemIndex);
		const task = await run.client.request<IDataObject>('GET', path, { itemIndex });
		return shaped(this.getNodeParameter('simplify', itemIndex, true) as boolean, task, TASK_IDENTITY, TASK_FIELDS);
	}),
};
