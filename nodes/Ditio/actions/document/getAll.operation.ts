import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { applyLimit, RETURN_ALL_AND_LIMIT } from '../common/list';
import type { BatchRun, Operation } from '../types';
import { type DocumentOutput, runDocumentItems } from './run';
import { readTarget, resolveTarget, targetJson, type TargetRef, TARGET_PROPERTIES } from './target';

const description: INodeProperties[] = [
	...TARGET_PROPERTIES,
	...RETURN_ALL_AND_LIMIT,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow the list; Ditio returns every page and the node filters it',
		options: [
			{
				displayName: 'Section',
				name: 'section',
				type: 'string',
				default: '',
				placeholder: 'Drawings',
				description: 'Only the files on the page of this section (case is ignored)',
			},
		],
	},
];

export interface GetAllInput {
	target: TargetRef;
	section?: string;
}

export function readGetAll(this: IExecuteFunctions, itemIndex: number, _run: BatchRun): GetAllInput {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return { target: readTarget.call(this, itemIndex), section: String(filters.section ?? '').trim() || undefined };
}

interface Page {
	section?: string;
	pageExternalId?: string;
	files?: Array<{ fileReferenceId?: string; name?: string }>;
}

/** One record per file, from the section pages Ditio lists. */
export async function getAllOne(this: IExecuteFunctions, run: BatchRun, input: GetAllInput, itemIndex: number): Promise<DocumentOutput> {
	const target = await resolveTarget(run, input.target, itemIndex);
	const pages = await run.client.request<Page[]>('GET', [target.kind, target.id, 'documents'], { itemIndex });
	const wanted = input.section?.toLowerCase();
	const files = pages
		.filter((page) => wanted === undefined || page.section?.toLowerCase() === wanted)
		.flatMap((page) =>
			(page.files ?? []).map((file) => ({
				fileReferenceId: file.fileReferenceId,
				name: file.name,
				section: page.section ?? null,
				pageExternalId: page.pageExternalId ?? null,
				...targetJson(target),
			})),
		);
	return { json: applyLimit.call(this, itemIndex, files as IDataObject[]) };
}

export async function executeDocumentGetAll(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await runDocumentItems(this, run, readGetAll, getAllOne);
}

export const getAll: Operation = { description: description, execute: executeDocumentGetAll };
