import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changedFields } from '../../../shared/fields/collection';
import { TASK_FIELDS } from '../../../shared/fields/task.fields';
import { readAll, settle } from '../batch';
import { withOutcome } from '../common/outcome';
import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { dependencyOrder } from '../dependency-order';
import { runScheduled } from '../schedule';
import type { BatchRun, ItemResult, Operation } from '../types';
import { resolveParent } from './parent';
import { landedAlready, projectTasks } from './task-index';
import { additionalFieldsParameter, externalIdParameter, ifParentNotMarkedParameter, readTaskInput, type TaskInput } from './task-input';

async function upsertOne(this: IExecuteFunctions, run: BatchRun, itemIndex: number, input: TaskInput, projectId: string) {
	const index = await projectTasks(run, projectId, itemIndex);
	const { fields, notice } = await resolveParent.call(this, run, itemIndex, projectId, input.fields, input.parentExternalId);
	const extra: IDataObject = notice ? { notice } : {};
	const existing = index.byExternalId.get(input.externalId);
	if (!existing) {
		const created = await run.client.request<IDataObject>('POST', ['tasks'], {
			body: { companyId: input.companyId, projectId, externalId: input.externalId, ...fields },
			itemIndex,
			repeatable: landedAlready(run, projectId, input.externalId, itemIndex),
		});
		index.remember(created);
		return withOutcome(created, 'created', extra);
	}
	// Only what differs is sent: a field the user did not give is never touched.
	const changed = changedFields(TASK_FIELDS, fields, existing);
	if (changed.length === 0) return withOutcome(existing, 'unchanged', extra);
	const body = Object.fromEntries(changed.map((name) => [name, fields[name]]));
	const updated = await run.client.request<IDataObject>('PATCH', ['tasks', String(existing.id)], { body, itemIndex });
	index.remember(updated);
	return withOutcome(updated, 'updated', { changedFields: changed, ...extra });
}

/**
 * Matches on external id within the project: one list read per project touched, then a write
 * only for new or different work orders, in parallel, parents before their children.
 */
export const upsert: Operation = {
	description: [
		projectLocator({ description: 'The project the work order belongs to' }),
		externalIdParameter,
		additionalFieldsParameter,
		ifParentNotMarkedParameter,
	],
	async execute(this: IExecuteFunctions, run: BatchRun): Promise<ItemResult[]> {
		const inputs = readAll(this.getNode(), run, (i) => readTaskInput.call(this, run, i));
		const results: ItemResult[] = new Array(inputs.length);
		const ready: Array<{ itemIndex: number; projectId: string; input: TaskInput }> = [];

		for (const [itemIndex, input] of inputs.entries()) {
			if (input instanceof Error) {
				results[itemIndex] = { error: input };
				continue;
			}
			const resolved = await settle.call(this, run, itemIndex, async () => ({
				projectId: await resolveProjectId(run, input.project, itemIndex),
			}));
			if ('error' in resolved) results[itemIndex] = resolved;
			else ready.push({ itemIndex, projectId: String((resolved.json as IDataObject).projectId), input });
		}

		// A parent named by external id in this batch is written first; so is the first of two
		// items with the same external id, so the second sees it and never creates a duplicate.
		const key = (projectId: string, externalId: string) => `${projectId}\u0000${externalId}`;
		const firstWithKey = new Map<string, number>();
		const lastWithKey = new Map<string, number>();
		for (const { itemIndex, projectId, input } of ready) {
			const k = key(projectId, input.externalId);
			if (!firstWithKey.has(k)) firstWithKey.set(k, itemIndex);
		}
		const plan = ready.map(({ itemIndex, projectId, input }) => {
			const k = key(projectId, input.externalId);
			const after: number[] = [];
			const previous = lastWithKey.get(k);
			if (previous !== undefined) after.push(previous);
			lastWithKey.set(k, itemIndex);
			const parent = input.parentExternalId ? firstWithKey.get(key(projectId, input.parentExternalId)) : undefined;
			if (parent !== undefined && parent !== itemIndex) after.push(parent);
			return { itemIndex, after };
		});

		const byIndex = new Map(ready.map((entry) => [entry.itemIndex, entry]));
		const jobs = dependencyOrder(plan).map(({ itemIndex, after }) => {
			const { input, projectId } = byIndex.get(itemIndex)!;
			return { itemIndex, after, work: () => upsertOne.call(this, run, itemIndex, input, projectId) };
		});
		await runScheduled.call(this, run, jobs, results);
		return results;
	},
};
