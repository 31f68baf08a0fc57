import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsParameter } from '../common/options';
import { forOperation } from '../common/display';
import type { Operation } from '../types';
import { deleteDocument } from './delete.operation';
import { download, DOWNLOAD_OPTIONS } from './download.operation';
import { getAll } from './getAll.operation';
import { SET_DESCRIPTION_OPTIONS, setDescription } from './setDescription.operation';
import { upload, UPLOAD_OPTIONS } from './upload.operation';

export const documentOperations: Record<string, Operation> = { upload, getAll, download, delete: deleteDocument, setDescription };

type DocumentOperation = keyof typeof documentOperations;

/** Names per n8n's UX guide; actions in sentence case. */
const OPERATIONS: Array<{ value: DocumentOperation; name: string; action: string; description: string; options: INodeProperties[] }> = [
	{ value: 'delete', name: 'Delete', action: 'Delete a document', description: 'Delete a file from a project or work order', options: [] },
	{ value: 'download', name: 'Download', action: 'Download a document', description: 'Download a file into a binary field', options: DOWNLOAD_OPTIONS },
	{ value: 'getAll', name: 'Get Many', action: 'Get many documents', description: 'List the files of a project or work order, one item per file', options: [] },
	{ value: 'setDescription', name: 'Set Description', action: 'Set the description of a document folder', description: "Set the guidance text of a project's document folder or of one section", options: SET_DESCRIPTION_OPTIONS },
	{ value: 'upload', name: 'Upload', action: 'Upload a document', description: 'Attach files from binary fields to a project or work order', options: UPLOAD_OPTIONS },
];

const selector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['document'] } },
	options: OPERATIONS.map(({ value, name, action, description }) => ({ name, value, action, description })),
	default: 'upload',
	description: 'What to do',
};

/**
 * The resource's Options collection per operation: its own settings first, then the request
 * settings every operation has (the shared collection is hidden for documents; both are `options`).
 */
const optionsOf = (options: INodeProperties[]): INodeProperties => ({
	...requestOptionsParameter,
	description: 'Settings of this operation, and how hard to try when Ditio is busy or slow',
	options: [...options, ...(requestOptionsParameter.options as INodeProperties[])],
});

export const documentDescription: INodeProperties[] = [
	selector,
	...OPERATIONS.flatMap(({ value, options }) => forOperation('document', value, [...documentOperations[value].description, optionsOf(options)])),
];
