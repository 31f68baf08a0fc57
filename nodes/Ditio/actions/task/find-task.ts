import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { identityParameter, readRequired } from '../../../shared/fields/collection';
import type { ApiField } from '../../../shared/fields/field';
import { EXTERNAL_PROJECT_NUMBER, PROJECT_NUMBER } from '../../../shared/fields/project.fields';
import { EXTERNAL_ID, TASK_NUMBER } from '../../../shared/fields/task.fields';
import type { BatchRun } from '../types';
import { readTaskId, taskIdParameter } from './task-input';

const only = (lookupBy: string, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { show: { lookupBy: [lookupBy] } },
});

/** How a work order is named: by Ditio ID, by project and task number, or by the ERP's numbers. */
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
	only('taskNumber', identityParameter(PROJECT_NUMBER)),
	only('taskNumber', identityParameter(TASK_NUMBER)),
	only('externalId', identityParameter(EXTERNAL_PROJECT_NUMBER)),
	only('externalId', identityParameter(EXTERNAL_ID)),
];

/** The path that reads the work order the item's Look Up By names; checked, nothing sent. */
export function taskLookupPath(this: IExecuteFunctions, itemIndex: number): string[] {
	const node = this.getNode();
	const value = (key: ApiField) => readRequired(node, itemIndex, key, this.getNodeParameter(key.name, itemIndex));
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex) as string;
	if (lookupBy === 'taskNumber') return ['tasks', 'by-project-number', value(PROJECT_NUMBER), 'by-task-number', value(TASK_NUMBER)];
	if (lookupBy === 'externalId')
		return ['tasks', 'by-external-project-number', value(EXTERNAL_PROJECT_NUMBER), 'by-external-id', value(EXTERNAL_ID)];
	return ['tasks', readTaskId.call(this, itemIndex)];
}

/**
 * The Ditio ID of the work order a lookup path names: given outright for Look Up By ID, else read
 * once per execution, however many items name it.
 */
export async function taskIdOf(run: BatchRun, lookupPath: string[], itemIndex: number): Promise<string> {
	const [, first, ...rest] = lookupPath;
	if (rest.length === 0) return first;
	return await run.cache.taskIdsByPath.get(lookupPath.join('\u0000'), async () => {
		const task = await run.client.request<IDataObject>('GET', lookupPath, { itemIndex });
		return String(task.id);
	});
}
