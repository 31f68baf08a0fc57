import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changedFields } from '../../fields/collection';
import { PROJECT_FIELDS } from '../../fields/project.fields';
import { readAll, settle } from '../batch';
import { withOutcome } from '../common/outcome';
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

/**
 * One list read for the whole batch, then a write only where something differs: an unchanged
 * project costs no request (issue: requests in proportion to changes).
 */
export const upsert: Operation = {
	description: [projectNumberParameter, additionalFieldsParameter],
	async execute(this: IExecuteFunctions, run: BatchRun): Promise<ItemResult[]> {
		const inputs = readAll(this.getNode(), run, (i) => readProjectInput.call(this, run, i));
		const known = new Map<string, IDataObject>();
		if (inputs.some((input) => !(input instanceof Error))) {
			const firstValid = inputs.findIndex((input) => !(input instanceof Error));
			const listed = await settle.call(this, run, firstValid, () =>
				run.client.request<IDataObject[]>('GET', ['projects'], { itemIndex: firstValid }),
			);
			if ('error' in listed) return inputs.map((input) => (input instanceof Error ? { error: input } : listed));
			for (const project of listed.json as IDataObject[]) known.set(keyOf(project.companyId, project.projectNumber), project);
		}

		const results: ItemResult[] = [];
		for (const [itemIndex, input] of inputs.entries()) {
			if (input instanceof Error) {
				results.push({ error: input });
				continue;
			}
			const key = keyOf(input.companyId, input.projectNumber);
			results.push(
				await settle.call(this, run, itemIndex, async () => {
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
				}),
			);
		}
		return results;
	},
};
