import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { resolveParent } from './parent';
import { landedAlready, rememberTask } from './task-index';
import { additionalFieldsParameter, externalIdParameter, ifParentNotMarkedParameter, readTaskInput, taskBody } from './task-input';

export async function executeTaskCreate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readTaskInput.call(this, run, itemIndex),
		prepare: async (input, itemIndex) => ({ input, projectId: await resolveProjectId(run, input.project, itemIndex) }),
		// The parent is found in run, not prepare: it may be written by an earlier item of this batch.
		run: async ({ input, projectId }, itemIndex) => {
			const { fields, notice } = await resolveParent.call(this, run, itemIndex, projectId, input.fields, input.parentExternalId);
			const created = await run.client.request<IDataObject>('POST', ['tasks'], {
				body: taskBody(input, projectId, fields),
				itemIndex,
				repeatable: landedAlready(run, projectId, input.externalId, itemIndex),
			});
			await rememberTask(run, created);
			return withOutcome(created, 'created', notice ? { notice } : {});
		},
	});
}

export const create: Operation = {
	description: [
		projectLocator({ description: 'The project the work order belongs to' }),
		externalIdParameter,
		additionalFieldsParameter,
		ifParentNotMarkedParameter,
	],
	execute: executeTaskCreate,
};
