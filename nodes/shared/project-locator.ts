import type { IDataObject, INode, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DITIO_ID, DITIO_ID_PATTERN } from './ids';
import type { RunCache } from './run-cache';
import type { DitioClient } from './transport/client';
import { nothingSent } from './untouched';

/** What a project lookup needs: the way to Ditio and what this run has looked up already. */
export interface ProjectLookup {
	client: DitioClient;
	cache: RunCache;
}

export type ProjectMode = 'list' | 'id' | 'projectNumber' | 'externalProjectNumber';

/**
 * The project picker: From List (searchable), By ID, By Number; `byExternalNumber` adds the mode
 * that only the work-order list endpoints support. Mode labels stay short: the editor cuts them
 * at about nine characters.
 */
export function projectLocator(overrides: Partial<INodeProperties> = {}, byExternalNumber = false): INodeProperties {
	return {
		displayName: 'Project',
		name: 'project',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Ditio project',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchProjects', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '65f1a2b3c4d5e6f7a8b9c0d1',
				validation: [
					{
						type: 'regex',
						properties: { regex: DITIO_ID_PATTERN, errorMessage: 'A Ditio ID is 24 hex characters' },
					},
				],
			},
			{
				displayName: 'By Number',
				name: 'projectNumber',
				type: 'string',
				placeholder: 'P-2026-001',
			},
			...(byExternalNumber
				? [
						{
							displayName: 'By ERP No.',
							name: 'externalProjectNumber',
							type: 'string' as const,
							placeholder: 'ERP-4711',
						},
					]
				: []),
		],
		...overrides,
	};
}

export interface ProjectRef {
	mode: ProjectMode;
	value: string;
}

/**
 * The locator value of one item (as `getNodeParameter` gives it), checked: refuses an empty value
 * or an id that cannot be one. Needs no execution context, so the trigger reads it the same way.
 */
export function projectRefOf(node: INode, raw: unknown, itemIndex?: number): ProjectRef {
	const locator: ProjectRef =
		typeof raw === 'object' && raw !== null
			? {
					mode: (raw as INodeParameterResourceLocator).mode as ProjectMode,
					value: String((raw as INodeParameterResourceLocator).value ?? '').trim(),
				}
			: { mode: DITIO_ID.test(String(raw ?? '')) ? 'id' : 'projectNumber', value: String(raw ?? '').trim() };
	if (!locator.value) {
		throw new NodeOperationError(node, 'Project is empty', {
			itemIndex,
			description: `Pick a project from the list, or give its ID or project number. ${nothingSent(itemIndex)}`,
		});
	}
	if ((locator.mode === 'id' || locator.mode === 'list') && !DITIO_ID.test(locator.value)) {
		throw new NodeOperationError(node, `Project ID "${locator.value}" is not a Ditio ID`, {
			itemIndex,
			description: `A Ditio ID is 24 hex characters. If "${locator.value}" is your project number, choose "By Number" in the Project field. ${nothingSent(itemIndex)}`,
		});
	}
	return locator;
}

/** Looks a project up by its number once per execution, however many items name it. */
export function projectByNumber(lookup: ProjectLookup, projectNumber: string, itemIndex?: number): Promise<IDataObject> {
	return lookup.cache.projectsByNumber.get(projectNumber, async () => {
		// A Ditio ID given where a number belongs is the likely cause of a 404: say so.
		const hints = DITIO_ID.test(projectNumber)
			? { 404: `No project has the number "${projectNumber}". It looks like a Ditio ID: choose "By ID" in the Project field.` }
			: undefined;
		return await lookup.client.request<IDataObject>('GET', ['projects', 'by-project-number', projectNumber], { itemIndex, hints });
	});
}

/** The project with this number, or undefined when Ditio has none (404); not kept, a create follows. */
export async function findProjectByNumber(lookup: ProjectLookup, projectNumber: string, itemIndex?: number): Promise<IDataObject | undefined> {
	return await lookup.client.find<IDataObject>(['projects', 'by-project-number', projectNumber], { itemIndex });
}

export async function resolveProjectId(lookup: ProjectLookup, ref: ProjectRef, itemIndex?: number): Promise<string> {
	if (ref.mode === 'id' || ref.mode === 'list') return ref.value;
	const project = await projectByNumber(lookup, ref.value, itemIndex);
	return String(project.id);
}
