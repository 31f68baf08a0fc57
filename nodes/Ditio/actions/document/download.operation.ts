import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { type BinaryAnswer, fileNameOf } from '../../../shared/transport/binary-answer';
import { executeItems, withBinary } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { elsewhereHint, fileReferenceIdParameter, readFileReferenceId } from './file-id';
import { inputError } from './rules';
import { readTarget, type Targeted, targetJson, targetName, type TargetRef, TARGET_PROPERTIES, withTarget } from './target';

export const DOWNLOAD_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: 'The binary field of the output item that gets the file, with its original file name and a MIME type',
	},
];

const description: INodeProperties[] = [...TARGET_PROPERTIES, fileReferenceIdParameter];

export interface DownloadInput {
	target: TargetRef;
	fileReferenceId: string;
	binaryPropertyName: string;
}

export function readDownload(this: IExecuteFunctions, itemIndex: number): DownloadInput {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const binaryPropertyName = String(options.binaryPropertyName ?? 'data').trim();
	if (!binaryPropertyName) {
		throw inputError.call(this, itemIndex, 'options.binaryPropertyName', 'Put Output File in Field is empty', 'Name the output binary field, e.g. data.');
	}
	return { target: readTarget.call(this, itemIndex), fileReferenceId: readFileReferenceId.call(this, itemIndex), binaryPropertyName };
}

/** Ditio sends application/octet-stream; a real type is then found from the file name by n8n. */
function mimeTypeOf(headers: Record<string, unknown>): string | undefined {
	const type = String(headers['content-type'] ?? '').split(';')[0].trim();
	return type && type !== 'application/octet-stream' ? type : undefined;
}

async function downloadOne(this: IExecuteFunctions, run: BatchRun, input: Targeted<DownloadInput>, itemIndex: number) {
	const { target } = input;
	const file = await run.client.request<BinaryAnswer>('GET', [target.kind, target.id, 'documents', input.fileReferenceId], {
		itemIndex,
		binaryResponse: true,
		hints: { 404: elsewhereHint(targetName(target)) },
	});
	const fileName = fileNameOf(file.headers['content-disposition']) ?? input.fileReferenceId;
	const binary = await this.helpers.prepareBinaryData(file.data, fileName, mimeTypeOf(file.headers));
	const json: IDataObject = {
		fileReferenceId: input.fileReferenceId,
		fileName,
		mimeType: binary.mimeType,
		size: file.data.length,
		...targetJson(target),
	};
	return withBinary(json, { [input.binaryPropertyName]: binary });
}

export async function executeDocumentDownload(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readDownload.call(this, itemIndex),
		prepare: async (input, itemIndex) => await withTarget(run, input, itemIndex),
		run: async (input, itemIndex) => await downloadOne.call(this, run, input, itemIndex),
	});
}

export const download: Operation = { description: description, execute: executeDocumentDownload };
