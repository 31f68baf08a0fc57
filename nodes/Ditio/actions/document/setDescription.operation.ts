import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { projectLocator, type ProjectRef, resolveProjectId } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { inputError, MAX_DESCRIPTION_BODY_BYTES, MAX_DESCRIPTION_CHARS } from './rules';

/**
 * Ditio keeps guidance text on a project's folder and on its section pages only (a work order's
 * page is a section of its project's folder), so this operation names a project.
 */
const description: INodeProperties[] = [
	projectLocator({ description: 'The project whose document folder or section gets the text' }),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		description:
			'The guidance text field workers see above the documents: plain text, each line a paragraph, at most 10,000 characters. It replaces the whole text; empty clears it.',
	},
];

export const SET_DESCRIPTION_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Section',
		name: 'section',
		type: 'string',
		default: '',
		placeholder: 'Drawings',
		description: "The section page whose text to set. Empty: the text of the project's whole folder. The page must exist (upload to it first).",
	},
];

export interface SetDescriptionInput {
	project: ProjectRef;
	description: string | null;
	section?: string;
}

export function readSetDescription(this: IExecuteFunctions, itemIndex: number): SetDescriptionInput {
	const project = readProjectRef.call(this, itemIndex);
	const raw = this.getNodeParameter('description', itemIndex, '');
	if (raw !== null && typeof raw !== 'string') {
		throw inputError.call(this, itemIndex, 'description', `Description must be text, not ${typeof raw}`, 'Map a text value, or leave it empty to clear.');
	}
	const text = raw === null || raw === '' ? null : raw;
	if (text !== null && text.length > MAX_DESCRIPTION_CHARS) {
		throw inputError.call(this, itemIndex, 'description', `Description is ${text.length} characters; Ditio takes at most ${MAX_DESCRIPTION_CHARS.toLocaleString('en')}`,
			'Shorten the text, or link to a document with the rest.');
	}
	if (Buffer.byteLength(JSON.stringify({ description: text }), 'utf8') > MAX_DESCRIPTION_BODY_BYTES) {
		throw inputError.call(this, itemIndex, 'description', 'Description is more than 64 KB once sent', 'Ditio refuses a larger request; shorten the text.');
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return { project, description: text, section: String(options.section ?? '').trim() || undefined };
}

const NOT_YET =
	'The folder or section does not exist in Ditio yet: it is made by the first upload to it. Upload a file to this project (and section) first.';

async function setDescriptionOne(run: BatchRun, input: SetDescriptionInput, projectId: string, itemIndex: number) {
	await run.client.request('PUT', ['projects', projectId, 'documents', 'description'], {
		itemIndex,
		qs: input.section ? { section: input.section } : undefined,
		body: { description: input.description },
		hints: { 404: NOT_YET },
	});
	return { projectId, section: input.section ?? null, description: input.description };
}

export async function executeDocumentSetDescription(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readSetDescription.call(this, itemIndex),
		prepare: async (input, itemIndex) => ({ input, projectId: await resolveProjectId(run, input.project, itemIndex) }),
		run: async ({ input, projectId }, itemIndex) => await setDescriptionOne(run, input, projectId, itemIndex),
	});
}

export const setDescription: Operation = { description: description, execute: executeDocumentSetDescription };
