import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BatchRun, Operation } from '../types';
import { elsewhereHint, fileReferenceIdParameter, readFileReferenceId } from './file-id';
import { type DocumentOutput, runDocumentItems } from './run';
import { readTarget, resolveTarget, targetName, type TargetRef, TARGET_PROPERTIES } from './target';

export interface DeleteInput {
	target: TargetRef;
	fileReferenceId: string;
}

export function readDelete(this: IExecuteFunctions, itemIndex: number, _run: BatchRun): DeleteInput {
	return { target: readTarget.call(this, itemIndex), fileReferenceId: readFileReferenceId.call(this, itemIndex) };
}

export async function deleteOne(this: IExecuteFunctions, run: BatchRun, input: DeleteInput, itemIndex: number): Promise<DocumentOutput> {
	const target = await resolveTarget(run, input.target, itemIndex);
	await run.client.request('DELETE', [target.kind, target.id, 'documents', input.fileReferenceId], {
		itemIndex,
		hints: { 404: elsewhereHint(targetName(target)) },
	});
	return { json: { deleted: true, id: input.fileReferenceId } };
}

export async function executeDocumentDelete(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await runDocumentItems(this, run, readDelete, deleteOne);
}

export const deleteDocument: Operation = { description: [...TARGET_PROPERTIES, fileReferenceIdParameter], execute: executeDocumentDelete };
