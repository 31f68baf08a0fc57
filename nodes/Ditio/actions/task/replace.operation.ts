import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { resolveParent } from './parent';
import {
	additionalFieldsParameter,
	externalIdParameter,
	ifParentNotMarkedParameter,
	readTaskId,
	readTaskInput,
	taskBody,
	taskIdParameter,
} from './task-input';

export async function executeTaskReplace(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({ id: readTaskId.call(this, itemIndex), input: readTaskInput.call(this, run, itemIndex) }),
		prepare: async ({ id, input }, itemIndex) => ({ id, input, projectId: await resolveProjectId(run, input.project, itemIndex) }),
		run: async ({ id, input, projectId }, itemIndex) => {
			const { fields, notice } = await resolveParent.call(this, run, itemIndex, projectId, input.fields, input.parentExternalId);
			const replaced = await run.client.request<IDataObject>('PUT', ['tasks', id], { body: taskBody(input, projectId, fields), itemIndex });
			return notice ? { ...replaced, notice } : replaced;
		},
	});
}

export const replace: Operation = {
	description: [
		{
			displayName:
				"Replace sends the whole work order: every field you leave out is reset to its default (an omitted Cost Price becomes 0, SJA Approval Required becomes false), and the project's template is not consulted. To change only some fields, use Update.",
			name: 'replaceNotice',
			type: 'notice',
			default: '',
		},
		taskIdParameter,
		projectLocator({ description: 'The project the work order belongs to' }),
		externalIdParameter,
		additionalFieldsParameter,
		ifParentNotMarkedParameter,
	],
	execute: executeTaskReplace,
};
