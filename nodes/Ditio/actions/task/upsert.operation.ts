import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changesOf } from '../../../shared/fields/collection';
import { TASK_FIELDS } from '../../../shared/fields/task.fields';
import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { withOutcome } from '../common/outcome';
import { executeItems, type ReadyItem } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { resolveParent } from './parent';
import { landedAlready, projectTasks } from './task-index';
import {
	additionalFieldsParameter,
	externalIdParameter,
	ifParentNotMarkedParameter,
	readTaskInput,
	taskBody,
	type TaskInput,
} from './task-input';

async function upsertOne(this: IExecuteFunctions, run: BatchRun, itemIndex: number, input: TaskInput, projectId: string) {
	const index = await projectTasks(run, projectId, itemIndex);
	const { fields, notice } = await resolveParent.call(this, run, itemIndex, projectId, input.fields, input.parentExternalId);
	const extra: IDataObject = notice ? { notice } : {};
	const existing = index.byExternalId.get(input.externalId);
	if (!existing) {
		const created = await run.client.request<IDataObject>('POST', ['tasks'], {
			body: taskBody(input, projectId, fields),
			itemIndex,
			repeatable: landedAlready(run, projectId, input.externalId, itemIndex),
		});
		index.remember(created);
		return withOutcome(created, 'created', extra);
	}
	// Only what differs is sent: a field the user did not give is never touched.
	const { changed, body } = changesOf(TASK_FIELDS, fields, existing);
	if (changed.length === 0) return withOutcome(existing, 'unchanged', extra);
	const updated = await run.client.request<IDataObject>('PATCH', ['tasks', String(existing.id)], { body, itemIndex });
	index.remember(updated);
	return withOutcome(updated, 'updated', { changedFields: changed, ...extra });
}

/**
 * A parent named by external id in this batch is written first; so is the first of two items
 * with the same external id, so the second sees it and never creates a duplicate.
 */
function writeOrder(ready: ReadonlyArray<ReadyItem<TaskInput & { projectId: string }>>): Map<number, number[]> {
	const key = (projectId: string, externalId: string) => `${projectId}\u0000${externalId}`;
	const firstWithKey = new Map<string, number>();
	const lastWithKey = new Map<string, number>();
	for (const { itemIndex, input } of ready) {
		const k = key(input.projectId, input.externalId);
		if (!firstWithKey.has(k)) firstWithKey.set(k, itemIndex);
	}
	const after = new Map<number, number[]>();
	for (const { itemIndex, input } of ready) {
		const k = key(input.projectId, input.externalId);
		const waits: number[] = [];
		const previous = lastWithKey.get(k);
		if (previous !== undefined) waits.push(previous);
		lastWithKey.set(k, itemIndex);
		const parent = input.parentExternalId ? firstWithKey.get(key(input.projectId, input.parentExternalId)) : undefined;
		if (parent !== undefined && parent !== itemIndex) waits.push(parent);
		after.set(itemIndex, waits);
	}
	return after;
}

/**
 * Matches on external id within the project: one list read per project touched, then a write
 * only for new or different work orders, in parallel, parents before their children.
 */
export async function executeTaskUpsert(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readTaskInput.call(this, run, itemIndex),
		prepare: async (input, itemIndex) => ({ ...input, projectId: await resolveProjectId(run, input.project, itemIndex) }),
		parallel: true,
		after: writeOrder,
		run: async (input, itemIndex) => await upsertOne.call(this, run, itemIndex, input, input.projectId),
	});
}

export const upsert: Operation = {
	description: [
		projectLocator({ description: 'The project the work order belongs to' }),
		externalIdParameter,
		additionalFieldsParameter,
		ifParentNotMarkedParameter,
	],
	execute: executeTaskUpsert,
};
