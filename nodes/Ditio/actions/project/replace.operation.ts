import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { additionalFieldsParameter, NUMBER_TAKEN_HINTS, projectBody, projectNumberParameter, readProjectInput } from './project-input';

export async function executeProjectReplace(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({ input: readProjectInput.call(this, run, itemIndex), ref: readProjectRef.call(this, itemIndex) }),
		prepare: async ({ input, ref }, itemIndex) => ({ input, id: await resolveProjectId(run, ref, itemIndex) }),
		run: async ({ input, id }, itemIndex) =>
			await run.client.request<IDataObject>('PUT', ['projects', id], { body: projectBody(input), itemIndex, hints: NUMBER_TAKEN_HINTS }),
	});
}

export const replace: Operation = {
	description: [
		{
			displayName:
				'Replace sends the whole project: every field you leave out is reset to its default in Ditio (empty, false or 0). To change only some fields, use Update.',
			name: 'replaceNotice',
			type: 'notice',
			default: '',
		},
		projectLocator({ description: 'The project to replace' }),
		projectNumberParameter,
		additionalFieldsParameter,
	],
	execute: executeProjectReplace,
};
