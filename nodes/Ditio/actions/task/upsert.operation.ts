import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changesOf } from '../../../shared/fields/collection';
import { TASK_FIELDS } from '../../../shared/fields/task.fields';
import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { withOutcome } from '../common/outcome';
import { changesView, type Deactivation, previewed, runDeactivations, stopIfRefused, stopIfTooMany, type UpsertMode, upsertMode } from '../common/plan';
import { executeItems, type ReadyItem, type RefusedItem } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { resolveParent } from './parent';
import { hasExternalId, landedAlready, projectTasks } from './task-index';
import {
	additionalFieldsParameter,
	externalIdParameter,
	ifParentNotMarkedParameter,
	readTaskInput,
	taskBody,
	type TaskInput,
} from './task-input';

async function upsertOne(this: IExecuteFunctions, run: BatchRun, mode: UpsertMode, itemIndex: number, input: TaskInput, projectId: string) {
	const index = await projectTasks(run, projectId, itemIndex);
	const { fields, notice } = await resolveParent.call(this, run, itemIndex, projectId, input.fields, input.parentExternalId, mode.preview);
	const extra: IDataObject = notice ? { notice } : {};
	const existing = index.byExternalId.get(input.externalId);
	if (!existing) {
		const body = taskBody(input, projectId, fields);
		if (mode.preview) {
			// Later items of the batch see it, as they see a real create.
			index.remember(body);
			return previewed(body, 'created', extra);
		}
		const created = await run.client.request<IDataObject>('POST', ['tasks'], {
			body,
			itemIndex,
			repeatable: landedAlready(run, projectId, input.externalId, itemIndex),
		});
		index.remember(created);
		return withOutcome(created, 'created', extra);
	}
	// Only what differs is sent: a field the user did not give is never touched.
	const { changed, body } = changesOf(TASK_FIELDS, fields, existing);
	if (changed.length === 0) return mode.preview ? previewed(existing, 'unchanged', extra) : withOutcome(existing, 'unchanged', extra);
	if (mode.preview) {
		const after = { ...existing, ...body };
		index.remember(after);
		return previewed(after, 'updated', { changedFields: changed, changes: changesView(changed, body, existing), ...extra });
	}
	const updated = await run.client.request<IDataObject>('PATCH', ['tasks', String(existing.id)], { body, itemIndex });
	index.remember(updated);
	return withOutcome(updated, 'updated', { changedFields: changed, ...extra });
}

/**
 * Deactivate Missing: the work orders of each project of the run that the ERP no longer has.
 * Only active ones with an External ID (the ERP's), never a template work order (Ditio's
 * backoffice owns it). The project lists are the ones the writes read anyway: no extra read.
 */
async function missingTasks(
	this: IExecuteFunctions,
	run: BatchRun,
	mode: UpsertMode,
	ready: ReadonlyArray<ReadyItem<TaskInput & { projectId: string }>>,
	refused: ReadonlyArray<RefusedItem>,
): Promise<Deactivation[]> {
	const node = this.getNode();
	stopIfRefused(node, refused, 'work order');
	const projects = new Map<string, { itemIndex: number; ref: string; externalIds: Set<string> }>();
	for (const { itemIndex, input } of ready) {
		const project = projects.get(input.projectId) ?? { itemIndex, ref: input.project.value, externalIds: new Set<string>() };
		project.externalIds.add(input.externalId);
		projects.set(input.projectId, project);
	}
	const indexes = await Promise.all([...projects].map(async ([projectId, p]) => await projectTasks(run, projectId, p.itemIndex)));
	const targets: Deactivation[] = [];
	[...projects].forEach(([projectId, p], at) => {
		const mirrored = [...indexes[at].byId.values()].filter((t) => t.active === true && t.isTemplate !== true && hasExternalId(t));
		const missing = mirrored.filter((t) => !p.externalIds.has(String(t.externalId)));
		const where = p.ref === projectId ? `project ${projectId}` : `project ${p.ref} (${projectId})`;
		stopIfTooMany(node, mode, { missing: missing.length, active: mirrored.length, where, what: 'work orders with an External ID', itemIndex: p.itemIndex });
		for (const record of missing) targets.push({ record, path: ['tasks', String(record.id)], pairedWith: p.itemIndex });
	});
	return targets;
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
	const mode = upsertMode.call(this);
	let deactivations: Deactivation[] = [];
	const answers = await executeItems(this, run, {
		read: (itemIndex) => readTaskInput.call(this, run, itemIndex),
		prepare: async (input, itemIndex) => ({ ...input, projectId: await resolveProjectId(run, input.project, itemIndex) }),
		plan: async (ready, refused) => {
			if (mode.deactivateMissing) deactivations = await missingTasks.call(this, run, mode, ready, refused);
		},
		parallel: true,
		after: writeOrder,
		run: async (input, itemIndex) => await upsertOne.call(this, run, mode, itemIndex, input, input.projectId),
	});
	return [...answers, ...(await runDeactivations(this, run, deactivations, mode.preview))];
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
