import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { changedFields, changesOf } from '../../../shared/fields/collection';
import { PROJECT_FIELDS } from '../../../shared/fields/project.fields';
import { withOutcome } from '../common/outcome';
import { changesView, type Deactivation, previewed, runDeactivations, stopIfRefused, stopIfTooMany, type UpsertMode, upsertMode } from '../common/plan';
import { executeItems, type ReadyItem, type RefusedItem } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { additionalFieldsParameter, projectBody, projectNumberParameter, type ProjectInput, readProjectInput } from './project-input';

const keyOf = (companyId: unknown, projectNumber: unknown) => `${String(companyId ?? '')}\u0000${String(projectNumber)}`;

/** Only the changed fields are sent, so a field the user did not give is never reset. */
async function patchChanges(run: BatchRun, mode: UpsertMode, itemIndex: number, existing: IDataObject, input: ProjectInput) {
	const { changed, body } = changesOf(PROJECT_FIELDS, input.fields, existing);
	if (changed.length === 0) return mode.preview ? previewed(existing, 'unchanged') : withOutcome(existing, 'unchanged');
	if (mode.preview) return previewed({ ...existing, ...body }, 'updated', { changedFields: changed, changes: changesView(changed, body, existing) });
	const updated = await run.client.request<IDataObject>('PATCH', ['projects', String(existing.id)], { body, itemIndex });
	return withOutcome(updated, 'updated', { changedFields: changed });
}

async function upsertOne(run: BatchRun, mode: UpsertMode, known: Map<string, IDataObject>, itemIndex: number, input: ProjectInput) {
	const key = keyOf(input.companyId, input.projectNumber);
	const existing = known.get(key);
	if (existing) {
		const result = await patchChanges(run, mode, itemIndex, existing, input);
		known.set(key, result);
		return result;
	}
	if (mode.preview) {
		// Later items with the same number see it, as they see a real create.
		const body = projectBody(input);
		known.set(key, body);
		return previewed(body, 'created');
	}
	const created = await run.client.request<IDataObject>('POST', ['projects'], {
		body: projectBody(input),
		itemIndex,
		repeatable: true, // idempotent on number
	});
	known.set(key, created);
	// Ditio answers a POST of a number that appeared meanwhile with the old record, unchanged.
	if (changedFields(PROJECT_FIELDS, input.fields, created).length > 0) {
		return await patchChanges(run, mode, itemIndex, created, input);
	}
	return withOutcome(created, 'created');
}

/**
 * Deactivate Missing: the active projects of each company of the run whose number is not in the
 * input. The list is the one the writes read anyway: no extra read.
 */
function missingProjects(
	node: INode,
	mode: UpsertMode,
	known: Map<string, IDataObject> | undefined,
	ready: ReadonlyArray<ReadyItem<ProjectInput>>,
	refused: ReadonlyArray<RefusedItem>,
): Deactivation[] {
	stopIfRefused(node, refused, 'project');
	if (!known) return [];
	const companies = new Map<string, { itemIndex: number; numbers: Set<string> }>();
	for (const { itemIndex, input } of ready) {
		const company = companies.get(input.companyId) ?? { itemIndex, numbers: new Set<string>() };
		company.numbers.add(input.projectNumber);
		companies.set(input.companyId, company);
	}
	const targets: Deactivation[] = [];
	for (const [companyId, c] of companies) {
		const active = [...known.values()].filter((p) => String(p.companyId) === companyId && p.active === true);
		const missing = active.filter((p) => !c.numbers.has(String(p.projectNumber)));
		stopIfTooMany(node, mode, { missing: missing.length, active: active.length, where: `company ${companyId}`, what: 'projects', itemIndex: c.itemIndex });
		for (const record of missing) targets.push({ record, path: ['projects', String(record.id)], pairedWith: c.itemIndex });
	}
	return targets;
}

/**
 * One list read for the whole batch, then a write only where something differs: an unchanged
 * project costs no request. Items with the same number run one after the other.
 */
export async function executeProjectUpsert(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const mode = upsertMode.call(this);
	// Read once, by the first item that gets this far; if it fails, it fails every item.
	let listing: Promise<Map<string, IDataObject>> | undefined;
	const listProjects = async (itemIndex: number) => {
		const projects = await run.client.request<IDataObject[]>('GET', ['projects'], { itemIndex });
		return new Map(projects.map((project) => [keyOf(project.companyId, project.projectNumber), project]));
	};
	let deactivations: Deactivation[] = [];
	const answers = await executeItems(this, run, {
		read: (itemIndex) => readProjectInput.call(this, run, itemIndex),
		prepare: async (input, itemIndex) => ({ ...input, known: await (listing ??= listProjects(itemIndex)) }),
		plan: (ready, refused) => {
			if (mode.deactivateMissing) deactivations = missingProjects(this.getNode(), mode, ready[0]?.input.known, ready, refused);
		},
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
		run: async (input, itemIndex) => await upsertOne(run, mode, input.known, itemIndex, input),
	});
	return [...answers, ...(await runDeactivations(this, run, deactivations, mode.preview))];
}

export const upsert: Operation = {
	description: [projectNumberParameter, additionalFieldsParameter],
	execute: executeProjectUpsert,
};
