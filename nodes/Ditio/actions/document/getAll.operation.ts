import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { applyLimit, readLimit, RETURN_ALL_AND_LIMIT } from '../common/list';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { readTarget, type Targeted, targetJson, type TargetRef, TARGET_PROPERTIES, withTarget } from './target';

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
	limit: number | undefined;
}

export function readGetAll(this: IExecuteFunctions, itemIndex: number): GetAllInput {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return { target: readTarget.call(this, itemIndex), section: String(filters.section ?? '').trim() || undefined, limit: readLimit.call(this, itemIndex) };
}

interface Page {
	section?: string;
	pageExternalId?: string;
	files?: Array<{ fileReferenceId?: string; name?: string }>;
}

/** One record per file, from the section pages Ditio lists. */
async function getAllOne( run: BatchRun, input: Targeted<GetAllInput>, itemIndex: number) {
	const { target } = input;
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
	return applyLimit(files as IDataObject[], input.limit);
}

export async function executeDocumentGetAll(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readGetAll.call(this, itemIndex),
		prepare: async (input, itemIndex) => await withTarget(run, input, itemIndex),
		run: async (input, itemIndex) => await getAllOne(run, input, itemIndex),
	});
}

export const getAll: Operation = { description: description, execute: executeDocumentGetAll };
