import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { elsewhereHint, fileReferenceIdParameter, readFileReferenceId } from './file-id';
import { readTarget, type Target, targetName, type TargetRef, TARGET_PROPERTIES, withTarget } from './target';

export interface DeleteInput {
	target: TargetRef;
	fileReferenceId: string;
}

export function readDelete(this: IExecuteFunctions, itemIndex: number): DeleteInput {
	return { target: readTarget.call(this, itemIndex), fileReferenceId: readFileReferenceId.call(this, itemIndex) };
}

async function deleteOne(run: BatchRun, target: Target, fileReferenceId: string, itemIndex: number) {
	await run.client.request('DELETE', [target.kind, target.id, 'documents', fileReferenceId], {
		itemIndex,
		hints: { 404: elsewhereHint(targetName(target)) },
	});
	return { deleted: true, id: fileReferenceId };
}

export async function executeDocumentDelete(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readDelete.call(this, itemIndex),
		prepare: async (input, itemIndex) => await withTarget(run, input, itemIndex),
		run: async ({ target, fileReferenceId }, itemIndex) => await deleteOne(run, target, fileReferenceId, itemIndex),
	});
}

export const deleteDocument: Operation = { description: [...TARGET_PROPERTIES, fileReferenceIdParameter], execute: executeDocumentDelete };
