import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changedFields } from '../../fields/collection';
import { TASK_FIELDS } from '../../fields/task.fields';
import { readAll, settle } from '../batch';
import { withOutcome } from '../common/outcome';
import { projectLocator, resolveProjectId } from '../common/project-locator';
import type { BatchRun, ItemResult, Operation } from '../types';
import { resolveParent } from './parent';
import { parentsFirst } from './parents-first';
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
 * only for new or different work orders, parents before their children.
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
		const ready: Array<{ itemIndex: number; projectId: string; externalId: string; parentExternalId?: string; input: TaskInput }> = [];

		for (const [itemIndex, input] of inputs.entries()) {
			if (input instanceof Error) {
				results[itemIndex] = { error: input };
				continue;
			}
			const resolved = await settle.call(this, run, itemIndex, async () => ({
				projectId: await resolveProjectId(run, input.project, itemIndex),
			}));
			if ('error' in resolved) results[itemIndex] = resolved;
			else ready.push({ itemIndex, projectId: String((resolved.json as IDataObject).projectId), externalId: input.externalId, parentExternalId: input.parentExternalId, input });
		}

		const byIndex = new Map(ready.map((entry) => [entry.itemIndex, entry]));
		for (const itemIndex of parentsFirst(ready)) {
			const entry = byIndex.get(itemIndex)!;
			results[itemIndex] = await settle.call(this, run, itemIndex, () =>
				upsertOne.call(this, run, itemIndex, entry.input, entry.projectId),
			);
		}
		return results;
	},
};
