import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changedFields } from '../../../shared/fields/collection';
import { PROJECT_FIELDS } from '../../../shared/fields/project.fields';
import { readAll, settle } from '../batch';
import { withOutcome } from '../common/outcome';
import { dependencyOrder } from '../dependency-order';
import { runScheduled } from '../schedule';
import type { BatchRun, ItemResult, Operation } from '../types';
import { additionalFieldsParameter, projectBody, projectNumberParameter, type ProjectInput, readProjectInput } from './project-input';

const keyOf = (companyId: unknown, projectNumber: unknown) => `${String(companyId ?? '')}\u0000${String(projectNumber)}`;

/** Only the changed fields are sent, so a field the user did not give is never reset. */
async function patchChanges(run: BatchRun, itemIndex: number, existing: IDataObject, input: ProjectInput) {
	const changed = changedFields(PROJECT_FIELDS, input.fields, existing);
	if (changed.length === 0) return withOutcome(existing, 'unchanged');
	const body = Object.fromEntries(changed.map((name) => [name, input.fields[name]]));
	const updated = await run.client.request<IDataObject>('PATCH', ['projects', String(existing.id)], { body, itemIndex });
	return withOutcome(updated, 'updated', { changedFields: changed });
}

async function upsertOne(run: BatchRun, known: Map<string, IDataObject>, itemIndex: number, input: ProjectInput) {
	const key = keyOf(input.companyId, input.projectNumber);
	const existing = known.get(key);
	if (existing) {
		const result = await patchChanges(run, itemIndex, existing, input);
		known.set(key, result);
		return result;
	}
	const created = await run.client.request<IDataObject>('POST', ['projects'], {
		body: projectBody(input),
		itemIndex,
		repeatable: true, // idempotent on number
	});
	known.set(key, created);
	// Ditio answers a POST of a number that appeared meanwhile with the old record, unchanged.
	if (changedFields(PROJECT_FIELDS, input.fields, created).length > 0) {
		return await patchChanges(run, itemIndex, created, input);
	}
	return withOutcome(created, 'created');
}

/**
 * One list read for the whole batch, then a write only where something differs: an unchanged
 * project costs no request. Items with the same number run one after the other.
 */
export const upsert: Operation = {
	description: [projectNumberParameter, additionalFieldsParameter],
	async execute(this: IExecuteFunctions, run: BatchRun): Promise<ItemResult[]> {
		const inputs = readAll(this.getNode(), run, (i) => readProjectInput.call(this, run, i));
		const results: ItemResult[] = inputs.map((input) => (input instanceof Error ? { error: input } : { json: {} }));
		const valid = [...inputs.entries()].filter((entry): entry is [number, ProjectInput] => !(entry[1] instanceof Error));
		if (valid.length === 0) return results;

		const listed = await settle.call(this, run, valid[0][0], () =>
			run.client.request<IDataObject[]>('GET', ['projects'], { itemIndex: valid[0][0] }),
		);
		if ('error' in listed) return inputs.map((input) => (input instanceof Error ? { error: input } : listed));
		const known = new Map<string, IDataObject>();
		for (const project of listed.json as IDataObject[]) known.set(keyOf(project.companyId, project.projectNumber), project);

		const lastWithKey = new Map<string, number>();
		const plan = valid.map(([itemIndex, input]) => {
			const key = keyOf(input.companyId, input.projectNumber);
			const previous = lastWithKey.get(key);
			lastWithKey.set(key, itemIndex);
			return { itemIndex, after: previous === undefined ? [] : [previous] };
		});
		const inputOf = new Map(valid);
		const jobs = dependencyOrder(plan).map(({ itemIndex, after }) => ({
			itemIndex,
			after,
			work: () => upsertOne(run, known, itemIndex, inputOf.get(itemIndex)!),
		}));
		await runScheduled.call(this, run, jobs, results);
		return results;
	},
};
