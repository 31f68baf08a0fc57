import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequired } from '../../../shared/fields/collection';
import { EXTERNAL_ID, TASK_FIELDS } from '../../../shared/fields/task.fields';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { resolveParent } from './parent';
import { rememberTask } from './task-index';
import { ifParentNotMarkedParameter, readTaskFields, readTaskId, taskIdParameter, updateFieldsParameter } from './task-input';

/** Update Fields and Work Order ID of one item, checked before any request. */
function readTaskChanges(this: IExecuteFunctions, itemIndex: number) {
	const given = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { fields, parentExternalId } = readTaskFields.call(this, itemIndex, [EXTERNAL_ID, ...TASK_FIELDS], given);
	// Ditio requires an external ID: a blank one is refused here, not sent.
	if (EXTERNAL_ID.name in fields) fields[EXTERNAL_ID.name] = readRequired(this.getNode(), itemIndex, EXTERNAL_ID, fields[EXTERNAL_ID.name]);
	if (Object.keys(fields).length === 0 && !parentExternalId) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	return { id: readTaskId.call(this, itemIndex), fields, parentExternalId };
}

export async function executeTaskUpdate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readTaskChanges.call(this, itemIndex),
		run: async ({ id, fields, parentExternalId }, itemIndex) => {
			let body = fields;
			let notice: string | undefined;
			if (parentExternalId || fields.parentActivityId) {
				// The parent is looked up in the work order's own project, which only Ditio knows.
				const current = await run.client.request<IDataObject>('GET', ['tasks', id], { itemIndex });
				({ fields: body, notice } = await resolveParent.call(this, run, itemIndex, String(current.projectId), fields, parentExternalId));
			}
			const updated = await run.client.request<IDataObject>('PATCH', ['tasks', id], { body, itemIndex });
			await rememberTask(run, updated);
			return notice ? { ...updated, notice } : updated;
		},
	});
}

export const update: Operation = {
	description: [taskIdParameter, updateFieldsParameter, ifParentNotMarkedParameter],
	execute: executeTaskUpdate,
};
