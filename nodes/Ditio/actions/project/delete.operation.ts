import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';

const REFUSED_ADVICE =
	'Ditio refuses to delete a project that has work orders. Set Active to false with Update instead, as Ditio advises.';

export async function executeProjectDelete(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readProjectRef.call(this, itemIndex),
		prepare: async (ref, itemIndex) => await resolveProjectId(run, ref, itemIndex),
		run: async (id, itemIndex) => {
			await run.client.request('DELETE', ['projects', id], { itemIndex, hints: { 400: REFUSED_ADVICE, 409: REFUSED_ADVICE } });
			return { deleted: true, id };
		},
	});
}

export const deleteProject: Operation = {
	description: [projectLocator({ description: 'The project to delete' })],
	execute: executeProjectDelete,
};
