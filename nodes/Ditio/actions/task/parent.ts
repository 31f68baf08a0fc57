import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BatchRun } from '../types';
import { projectTasks, rememberTask } from './task-index';
import { nothingWritten } from '../../../shared/untouched';

export interface ParentResolution {
	fields: IDataObject;
	notice?: string;
}

/**
 * Turns Parent External ID into Ditio's parentActivityId, and makes sure nothing is marked (or
 * left unmarked) silently: Ditio does not set isParent on the parent by itself.
 */
export async function resolveParent(
	this: IExecuteFunctions,
	run: BatchRun,
	itemIndex: number,
	projectId: string,
	fields: IDataObject,
	parentExternalId: string | undefined,
	preview = false,
): Promise<ParentResolution> {
	const parentId = typeof fields.parentActivityId === 'string' ? fields.parentActivityId : undefined;
	if (!parentExternalId && !parentId) return { fields };

	const index = await projectTasks(run, projectId, itemIndex);
	const parent = parentExternalId ? index.byExternalId.get(parentExternalId) : index.byId.get(parentId!);
	if (!parent) {
		const named = parentExternalId ? `with External ID "${parentExternalId}"` : `with ID "${parentId}"`;
		throw new NodeOperationError(this.getNode(), `Parent work order ${named} is not in this project`, {
			itemIndex,
			description: `A parent must be a work order of the same project (${projectId}). Create the parent first, earlier in the same run or before it. ${nothingWritten(itemIndex)}`,
		});
	}
	// A parent that a preview would create has no id yet; the real run names it.
	const resolved = parent.id === undefined ? { ...fields } : { ...fields, parentActivityId: String(parent.id) };
	if (parent.isParent === true) return { fields: resolved };

	const policy = this.getNodeParameter('ifParentNotMarked', itemIndex, 'notice') as string;
	const who = `Parent work order "${String(parent.externalId)}" (${String(parent.id)})`;
	if (policy === 'error') {
		throw new NodeOperationError(this.getNode(), `${who} is not marked as a parent`, {
			itemIndex,
			description: `Set Is Parent on it, or choose "Mark the Parent" under If the Parent Is Not Marked as Parent. ${nothingWritten(itemIndex)}`,
		});
	}
	if (policy === 'mark' && preview) return { fields: resolved, notice: `${who} would be marked as a parent (isParent: true).` };
	if (policy === 'mark') {
		await markParent(run, parent, itemIndex);
		return { fields: resolved, notice: `${who} was marked as a parent (isParent: true).` };
	}
	return { fields: resolved, notice: `${who} does not have Is Parent set; Ditio did not change it.` };
}

/**
 * Sets isParent once per parent and run: children written in parallel (Create or Update) share
 * the one PATCH. If another item's try failed, this item tries for itself.
 */
async function markParent(run: BatchRun, parent: IDataObject, itemIndex: number): Promise<void> {
	const key = String(parent.id);
	const pending = run.cache.parentMarks.peek(key);
	if (pending) {
		try {
			await pending;
			return;
		} catch {
			// The other item reports its own failure; this one tries again below.
		}
	}
	await run.cache.parentMarks.get(key, async () => {
		const marked = await run.client.request<IDataObject>('PATCH', ['tasks', key], { body: { isParent: true }, itemIndex });
		await rememberTask(run, { ...parent, ...marked, isParent: true });
	});
}
