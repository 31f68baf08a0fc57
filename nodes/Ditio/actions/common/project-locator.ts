import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BatchRun } from '../types';
import { DITIO_ID, DITIO_ID_PATTERN } from './ids';

export type ProjectMode = 'list' | 'id' | 'projectNumber' | 'externalProjectNumber';

/** The project picker: From List (searchable), By ID, By Project Number (+ extra modes). */
/** `byExternalNumber` adds the mode that only the work-order list endpoints support. */
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
				displayName: 'By Project Number',
				name: 'projectNumber',
				type: 'string',
				placeholder: 'P-2026-001',
			},
			...(byExternalNumber
				? [
						{
							displayName: 'By External Project Number',
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

/** Reads the locator of one item; refuses an empty value or an id that cannot be one. */
export function readProjectRef(this: IExecuteFunctions, itemIndex: number, name = 'project'): ProjectRef {
	const raw = this.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator | string;
	const locator: ProjectRef =
		typeof raw === 'object' && raw !== null
			? { mode: raw.mode as ProjectMode, value: String(raw.value ?? '').trim() }
			: { mode: DITIO_ID.test(String(raw)) ? 'id' : 'projectNumber', value: String(raw ?? '').trim() };
	if (!locator.value) {
		throw new NodeOperationError(this.getNode(), 'Project is empty', {
			itemIndex,
			description: `Pick a project from the list, or give its ID or project number. Nothing was sent for item ${itemIndex}.`,
		});
	}
	if ((locator.mode === 'id' || locator.mode === 'list') && !DITIO_ID.test(locator.value)) {
		throw new NodeOperationError(this.getNode(), `Project ID "${locator.value}" is not a Ditio ID`, {
			itemIndex,
			description: `A Ditio ID is 24 hex characters. If "${locator.value}" is your project number, choose "By Project Number" in the Project field.`,
		});
	}
	return locator;
}

/** Looks a project up by its number once per execution, however many items name it. */
export function projectByNumber(run: BatchRun, projectNumber: string, itemIndex: number): Promise<IDataObject> {
	const key = `project-number:${projectNumber}`;
	let found = run.memo.get(key) as Promise<IDataObject> | undefined;
	if (!found) {
		// A Ditio ID given where a number belongs is the likely cause of a 404: say so.
		const hints = DITIO_ID.test(projectNumber)
			? { 404: `No project has the number "${projectNumber}". It looks like a Ditio ID: choose "By ID" in the Project field.` }
			: undefined;
		found = run.client.request<IDataObject>('GET', ['projects', 'by-project-number', projectNumber], { itemIndex, hints });
		run.memo.set(key, found);
		found.catch(() => run.memo.delete(key));
	}
	return found;
}

export async function resolveProjectId(run: BatchRun, ref: ProjectRef, itemIndex: number): Promise<string> {
	if (ref.mode === 'id' || ref.mode === 'list') return ref.value;
	const project = await projectByNumber(run, ref.value, itemIndex);
	return String(project.id);
}

/** After a write that renames or removes a project, earlier number lookups may be wrong. */
export function forgetProjectNumbers(run: BatchRun): void {
	for (const key of [...run.memo.keys()]) if (key.startsWith('project-number:')) run.memo.delete(key);
}
