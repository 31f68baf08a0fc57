import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DITIO_UPLOAD_LIMIT_BYTES, fitsAlone } from '../../../shared/transport/multipart';
import { nothingSent } from '../../../shared/untouched';

/**
 * What Ditio refuses in an upload, checked before anything is sent (docs/ditio-api.md,
 * "Documents"): web documents, scripts and executables by extension, after trailing dots and
 * spaces are removed; SVG files over 5 MiB.
 */
export const REFUSED_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'mht', 'mhtml', 'js', 'mjs', 'vbs', 'exe', 'dll', 'bat', 'cmd', 'msi', 'ps1', 'svgz', 'scr']);
export const MAX_SVG_BYTES = 5 * 1024 * 1024;
export const MAX_DESCRIPTION_CHARS = 10_000;
/** Ditio refuses a description request body over 64 KB. */
export const MAX_DESCRIPTION_BODY_BYTES = 64 * 1024;

/** The name as Ditio compares it. */
export const trimmedFileName = (name: string) => name.replace(/[. ]+$/, '');

export function extensionOf(name: string): string {
	const trimmed = trimmedFileName(name);
	const dot = trimmed.lastIndexOf('.');
	return dot < 0 ? '' : trimmed.slice(dot + 1).toLowerCase();
}

/** An error about the input of one item: names the item and the field, and says nothing was sent. */
export function inputError(this: IExecuteFunctions, itemIndex: number, field: string, message: string, advice: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), `${message} [item ${itemIndex}, field "${field}"]`, {
		itemIndex,
		description: `${advice} ${nothingSent(itemIndex)}`,
	});
}

export interface SizedFile {
	field: string;
	fileName: string;
	mimeType: string;
	/** Bytes, when n8n's binary data says it (n8n ≥ 1.x stores it; older items may lack it). */
	size?: number;
}

/** Refuses a file Ditio would refuse; the size checks only run once the size is known. */
export function checkFile(this: IExecuteFunctions, itemIndex: number, file: SizedFile): void {
	const field = `binary.${file.field}`;
	const extension = extensionOf(file.fileName);
	if (!trimmedFileName(file.fileName)) {
		throw inputError.call(this, itemIndex, field, 'The file has no name', 'Set File Name under Options, or give the binary data a file name.');
	}
	if (REFUSED_EXTENSIONS.has(extension)) {
		throw inputError.call(this, itemIndex, field, `Ditio refuses files of type .${extension} ("${file.fileName}")`,
			'Ditio does not accept web documents, scripts or executables (.html, .js, .exe, .ps1, .svgz …). Send the file as PDF or ZIP instead.');
	}
	if (file.size === undefined) return;
	if (extension === 'svg' && file.size > MAX_SVG_BYTES) {
		throw inputError.call(this, itemIndex, field, `The SVG file "${file.fileName}" is ${file.size} bytes; Ditio takes SVG files up to 5 MiB`,
			'Export the drawing as PDF, or simplify the SVG.');
	}
	if (!fitsAlone(file, file.size)) {
		throw inputError.call(this, itemIndex, field, `The file "${file.fileName}" is ${file.size} bytes, too large for one upload to Ditio`,
			`Ditio takes at most ${DITIO_UPLOAD_LIMIT_BYTES.toLocaleString('en')} bytes per request, headers included. Split or compress the file.`);
	}
}
