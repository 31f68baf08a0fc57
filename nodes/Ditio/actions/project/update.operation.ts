import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readFields, readRequired } from '../../../shared/fields/collection';
import { PROJECT_FIELDS, PROJECT_NUMBER } from '../../../shared/fields/project.fields';
import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { NUMBER_TAKEN_HINTS, updateFieldsParameter } from './project-input';

/** Update Fields of one item, checked before any request. */
function readProjectChanges(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { [PROJECT_NUMBER.name]: projectNumber, ...given } = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	// A project number may be changed, never emptied: Ditio requires one.
	const body: IDataObject =
		projectNumber === undefined ? {} : { [PROJECT_NUMBER.name]: readRequired(node, itemIndex, PROJECT_NUMBER, projectNumber) };
	Object.assign(body, readFields(node, itemIndex, PROJECT_FIELDS, given));
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(node, 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	return body;
}

export async function executeProjectUpdate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({ body: readProjectChanges.call(this, itemIndex), ref: readProjectRef.call(this, itemIndex) }),
		prepare: async ({ body, ref }, itemIndex) => ({ body, id: await resolveProjectId(run, ref, itemIndex) }),
		run: async ({ body, id }, itemIndex) =>
			await run.client.request<IDataObject>('PATCH', ['projects', id], { body, itemIndex, hints: NUMBER_TAKEN_HINTS }),
	});
}

export const update: Operation = {
	description: [projectLocator({ description: 'The project to update' }), updateFieldsParameter],
	execute: executeProjectUpdate,
};
