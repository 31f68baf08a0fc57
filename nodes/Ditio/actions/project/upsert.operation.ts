import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changedFields, changesOf } from '../../../shared/fields/collection';
import { PROJECT_FIELDS } from '../../../shared/fields/project.fields';
import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { additionalFieldsParameter, projectBody, projectNumberParameter, type ProjectInput, readProjectInput } from './project-input';

const keyOf = (companyId: unknown, projectNumber: unknown) => `${String(companyId ?? '')}\u0000${String(projectNumber)}`;

/** Only the changed fields are sent, so a field the user did not give is never reset. */
async function patchChanges(run: BatchRun, itemIndex: number, existing: IDataObject, input: ProjectInput) {
	const { changed, body } = changesOf(PROJECT_FIELDS, input.fields, existing);
	if (changed.length === 0) return withOutcome(existing, 'unchanged');
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
export async function executeProjectUpsert(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	// Read once, by the first item that gets this far; if it fails, it fails every item.
	let listing: Promise<Map<string, IDataObject>> | undefined;
	const listProjects = async (itemIndex: number) => {
		const projects = await run.client.request<IDataObject[]>('GET', ['projects'], { itemIndex });
		return new Map(projects.map((project) => [keyOf(project.companyId, project.projectNumber), project]));
	};
	return await executeItems(this, run, {
		read: (itemIndex) => readProjectInput.call(this, run, itemIndex),
		prepare: async (input, itemIndex) => ({ ...input, known: await (listing ??= listProjects(itemIndex)) }),
		parallel: true,
		after: (ready) => {
			const lastWithKey = new Map<string, number>();
			const after = new Map<number, number[]>();
			for (const { itemIndex, input } of ready) {
				const key = keyOf(input.companyId, input.projectNumber);
				const previous = lastWithKey.get(key);
				lastWithKey.set(key, itemIndex);
				if (previous !== undefined) after.set(itemIndex, [previous]);
			}
			return after;
		},
		run: async (input, itemIndex) => await upsertOne(run, input.known, itemIndex, input),
	});
}

export const upsert: Operation = {
	description: [projectNumberParameter, additionalFieldsParameter],
	execute: executeProjectUpsert,
};
