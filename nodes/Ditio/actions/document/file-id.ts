import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DITIO_ID } from '../../../shared/ids';
import { inputError } from './rules';

export const fileReferenceIdParameter: INodeProperties = {
	displayName: 'File Reference ID',
	name: 'fileReferenceId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '67d0c0ffee0ddba11c0ffe01',
	description: 'The Ditio ID of the file (24 hex characters), as Upload and Get Many output it in fileReferenceId',
};

export function readFileReferenceId(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(this.getNodeParameter('fileReferenceId', itemIndex, '') ?? '').trim();
	if (!id) throw inputError.call(this, itemIndex, 'fileReferenceId', 'File Reference ID is empty', 'Map the fileReferenceId of Upload or Get Many.');
	if (!DITIO_ID.test(id)) {
		throw inputError.call(this, itemIndex, 'fileReferenceId', `File Reference ID "${id}" is not a Ditio ID`,
			'A Ditio ID is 24 hex characters: use the fileReferenceId that Upload or Get Many output, not the file name.');
	}
	return id;
}

/** Ditio's 404 for a file id on the wrong project or work order says only "not found"; this says why. */
export const elsewhereHint = (where: string) =>
	`No file with this ID is on this ${where}. The ID may belong to another project or work order (a work order's files are also on its project, not the other way round), or the file was deleted. Get Many on this ${where} lists its files.`;
