import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { encodeMultipart, packRequests } from '../../../shared/transport/multipart';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { checkFile, inputError, type SizedFile, trimmedFileName } from './rules';
import { readTarget, type Target, type Targeted, targetJson, type TargetRef, TARGET_PROPERTIES, withTarget } from './target';

export const SECTION_OPTION: INodeProperties = {
	displayName: 'Section',
	name: 'section',
	type: 'string',
	default: '',
	placeholder: 'Drawings',
	description:
		'The page in the Info Center folder to put the files on; the same section again adds to the same page. Empty: the project\'s page "Documents", or the work order\'s own page.',
};

const uploadOptions: INodeProperties[] = [
	SECTION_OPTION,
	{
		displayName: 'Replace Files With the Same Name',
		name: 'replaceExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether a file already on that page with the same name is replaced (what a re-sync wants). Off: uploading the same file twice keeps two copies.',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'Drawing-A1.pdf',
		description: 'The name the file gets in Ditio, instead of the name in the binary data. Only when one binary field is sent.',
	},
];

const description: INodeProperties[] = [
	...TARGET_PROPERTIES,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'data, or attachment_0, attachment_1',
		hint: 'The name of the input binary field with the file; several names separated by commas',
		description:
			'The binary field(s) of the input item with the file(s) to upload, e.g. data from HTTP Request or attachment_0, attachment_1 from Email Trigger (IMAP). Several fields of one item go in as few requests as fit.',
	},
];

export interface UploadInput {
	target: TargetRef;
	files: SizedFile[];
	section?: string;
	replaceExisting: boolean;
}

/** The binary field names of the parameter: comma-separated, each once. */
function fieldNames(raw: unknown): string[] {
	return [...new Set(String(raw ?? '').split(',').map((name) => name.trim()).filter(Boolean))];
}

/** Reads and checks one item: its target, every named binary field, each file's name and size. */
export function readUpload(this: IExecuteFunctions, itemIndex: number): UploadInput {
	const target = readTarget.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = fieldNames(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	if (fields.length === 0) {
		throw inputError.call(this, itemIndex, 'binaryPropertyName', 'Input Binary Field is empty', 'Name the binary field with the file, e.g. data.');
	}
	const fileName = String(options.fileName ?? '').trim();
	if (fileName && fields.length > 1) {
		throw inputError.call(this, itemIndex, 'options.fileName', `File Name is set, but ${fields.length} binary fields are sent`,
			'File Name renames one file. Remove it, or name one binary field only.');
	}
	const files = fields.map((field): SizedFile => {
		let binary;
		try {
			binary = this.helpers.assertBinaryData(itemIndex, field);
		} catch {
			const present = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
			throw inputError.call(this, itemIndex, 'binaryPropertyName', `The item has no binary field "${field}"`,
				present.length ? `Its binary fields are: ${present.join(', ')}.` : 'The item has no binary data at all: check the node before this one.');
		}
		const name = fileName || binary.fileName || (binary.fileExtension ? `${field}.${binary.fileExtension}` : field);
		return {
			field,
			fileName: trimmedFileName(name),
			mimeType: binary.mimeType || 'application/octet-stream',
			size: typeof binary.bytes === 'number' ? binary.bytes : undefined,
		};
	});
	for (const file of files) checkFile.call(this, itemIndex, file);
	const section = String(options.section ?? '').trim() || undefined;
	return { target, files, section, replaceExisting: options.replaceExisting === true };
}

interface UploadAnswer {
	section?: string;
	pageExternalId?: string;
	files?: Array<{ name?: string; size?: number; fileReference?: { id?: string; fileSize?: number } }>;
}

interface PageList {
	section?: string;
	pageExternalId?: string;
	files?: Array<{ fileReferenceId?: string; name?: string }>;
}

const targetKey = (target: Target) => `${target.kind}/${target.id}`;

/** The file ids on the target before this run's uploads, kept current with them. */
function filesSeen(this: IExecuteFunctions, run: BatchRun, target: Target, itemIndex: number): Promise<Set<string>> {
	return run.cache.documentFilesSeen.get(targetKey(target), async () => {
		const pages = await run.client.request<PageList[]>('GET', [target.kind, target.id, 'documents'], { itemIndex });
		return new Set(pages.flatMap((page) => (page.files ?? []).map((file) => String(file.fileReferenceId))));
	});
}

/**
 * Asked before an upload without Replace is sent again: did the first try land after all? It did
 * when every file of the request is on the page under its name with an id this run had not seen.
 */
function landedAlready(run: BatchRun, target: Target, names: string[], seen: Set<string>, section: string | undefined, itemIndex: number) {
	return async (): Promise<UploadAnswer | undefined> => {
		const pages = await run.client.request<PageList[]>('GET', [target.kind, target.id, 'documents'], { itemIndex });
		const candidates = section ? pages.filter((p) => p.section?.toLowerCase() === section.toLowerCase()) : pages;
		for (const page of candidates) {
			const fresh = (page.files ?? []).filter((file) => !seen.has(String(file.fileReferenceId)));
			const found = names.map((name) => fresh.find((file) => file.name === name));
			if (found.every(Boolean)) {
				return {
					section: page.section,
					pageExternalId: page.pageExternalId,
					files: found.map((file) => ({ name: file!.name, fileReference: { id: file!.fileReferenceId } })),
				};
			}
		}
		return undefined;
	};
}

const REFUSAL_HINTS = {
	400: 'Ditio refused a file (its type or content). Check the file named in the message; nothing of this request was attached.',
	413: 'The request was larger than Ditio accepts (30,000,000 bytes, headers included). Send fewer or smaller files per item.',
};

/** Uploads one item's files in as few requests as fit; one output record per file. */
async function uploadOne(this: IExecuteFunctions, run: BatchRun, input: Targeted<UploadInput>, itemIndex: number) {
	const { target } = input;
	const loaded = [];
	for (const file of input.files) {
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, file.field);
		const sized = { ...file, size: data.length };
		// Binary data without a stored size is checked here, before this item sends anything;
		// earlier items may already be written (the bytes are read item by item, never all at once).
		checkFile.call(this, itemIndex, sized);
		loaded.push({ ...sized, data });
	}
	const qs: IDataObject = {};
	if (input.section) qs.section = input.section;
	if (input.replaceExisting) qs.replaceExistingFilesWithSameName = 'true';

	const records: IDataObject[] = [];
	for (const batch of packRequests(loaded)) {
		// With Replace a repeat replaces the same file; without it, a repeat only after checking the page.
		const seen = input.replaceExisting ? undefined : await filesSeen.call(this, run, target, itemIndex);
		const names = batch.map((file) => file.fileName);
		const answer = await run.client.request<UploadAnswer>('POST', [target.kind, target.id, 'documents'], {
			itemIndex,
			qs,
			rawBody: encodeMultipart(batch),
			repeatable: seen ? landedAlready(run, target, names, seen, input.section, itemIndex) : true,
			hints: REFUSAL_HINTS,
		});
		(answer.files ?? []).forEach((file, i) => {
			const id = String(file.fileReference?.id ?? '');
			seen?.add(id);
			records.push({
				fileReferenceId: id,
				name: file.name ?? batch[i]?.fileName,
				size: file.size ?? file.fileReference?.fileSize ?? batch[i]?.size,
				section: answer.section ?? input.section ?? null,
				pageExternalId: answer.pageExternalId ?? null,
				binaryPropertyName: batch[i]?.field,
				...targetJson(target),
			});
		});
	}
	return records;
}

/** One item after the other (not in parallel), so uploads of one execution never race for the same page. */
export async function executeDocumentUpload(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readUpload.call(this, itemIndex),
		prepare: async (input, itemIndex) => await withTarget(run, input, itemIndex),
		run: async (input, itemIndex) => await uploadOne.call(this, run, input, itemIndex),
	});
}

export const upload: Operation = { description: description, execute: executeDocumentUpload };
export const UPLOAD_OPTIONS = uploadOptions;
