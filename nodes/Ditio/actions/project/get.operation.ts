import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { PROJECT_FIELDS } from '../../../shared/fields/project.fields';
import { PROJECT_IDENTITY, shaped, simplifyParameter } from '../../../shared/fields/simplify';
import { projectByNumber, projectLocator } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';

export async function executeProjectGet(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			ref: readProjectRef.call(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		run: async ({ ref, simplify }, itemIndex) => {
			const project =
				ref.mode === 'projectNumber'
					? await projectByNumber(run, ref.value, itemIndex)
					: await run.client.request<IDataObject>('GET', ['projects', ref.value], { itemIndex });
			return shaped(simplify, project, PROJECT_IDENTITY, PROJECT_FIELDS);
		},
	});
}

export const get: Operation = {
	description: [projectLocator({ description: 'The project to get' }), simplifyParameter],
	execute: executeProjectGet,
};
