/**
 * The one place that knows how a document upload is framed: multipart/form-data (RFC 7578) with
 * one part named `file` per file, and Ditio's limit on the whole request (docs/ditio-api.md,
 * "Documents"). Sizes are computed exactly, so the node can tell before anything is sent whether a
 * file fits, and pack several files into as few requests as fit.
 */

/** Ditio refuses (413) a multipart request above this many bytes, boundaries and headers included. */
export const DITIO_UPLOAD_LIMIT_BYTES = 30_000_000;

export interface PartHead {
	fileName: string;
	mimeType: string;
}

export interface FilePart extends PartHead {
	data: Buffer;
}

export interface MultipartBody {
	data: Buffer;
	contentType: string;
}

const CRLF = '\r\n';

/**
 * Fixed for a given node version, so the sizes of a check and of the request agree. It cannot occur
 * inside a part header; a file's bytes that contain it would end the part early, so `encode` picks
 * another then (same length, same sizes).
 */
const BOUNDARY = '----DitioN8nUpload7MA4YWxkTrZu0gW';

/** A header value as a quoted string: no line breaks, `"` and `\` escaped. */
function quoted(text: string): string {
	return `"${text.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * `filename` for readers that only know ASCII and `filename*` (RFC 8187) with the exact UTF-8
 * name, which ASP.NET (Ditio) prefers when both are there.
 */
function partHeader(head: PartHead, boundary: string): Buffer {
	const ascii = head.fileName.replace(/[^\x20-\x7e]/g, '_');
	const exact = encodeURIComponent(head.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	const mimeType = head.mimeType.replace(/[\r\n]/g, '') || 'application/octet-stream';
	return Buffer.from(
		`--${boundary}${CRLF}Content-Disposition: form-data; name="file"; filename=${quoted(ascii)}; filename*=UTF-8''${exact}${CRLF}` +
			`Content-Type: ${mimeType}${CRLF}${CRLF}`,
		'utf8',
	);
}

const closing = (boundary: string) => Buffer.from(`--${boundary}--${CRLF}`, 'utf8');

/** What one file adds to a request: its header, its bytes and the line end before the next boundary. */
export function partBytes(head: PartHead, size: number): number {
	return partHeader(head, BOUNDARY).length + size + CRLF.length;
}

/** The size of a request carrying these files. */
export function requestBytes(parts: Array<PartHead & { size: number }>): number {
	return parts.reduce((sum, part) => sum + partBytes(part, part.size), closing(BOUNDARY).length);
}

/** Whether a file can be uploaded at all: alone in a request, under Ditio's limit. */
export function fitsAlone(head: PartHead, size: number): boolean {
	return requestBytes([{ ...head, size }]) <= DITIO_UPLOAD_LIMIT_BYTES;
}

/**
 * Splits files, in order, into as few consecutive requests as fit under the limit (order kept so
 * the outputs follow the input). A file that does not fit alone gets a request of its own; the
 * caller has refused it before.
 */
export function packRequests<T extends PartHead & { size: number }>(files: T[], limit = DITIO_UPLOAD_LIMIT_BYTES): T[][] {
	const batches: T[][] = [];
	let current: T[] = [];
	let used = closing(BOUNDARY).length;
	for (const file of files) {
		const bytes = partBytes(file, file.size);
		if (current.length > 0 && used + bytes > limit) {
			batches.push(current);
			current = [];
			used = closing(BOUNDARY).length;
		}
		current.push(file);
		used += bytes;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

/** The request body and its Content-Type for these files. */
export function encodeMultipart(files: FilePart[]): MultipartBody {
	let boundary = BOUNDARY;
	for (let n = 0; files.some((f) => f.data.includes(`--${boundary}`)); n++) {
		boundary = BOUNDARY.slice(0, -4) + n.toString(36).padStart(4, '0');
	}
	const chunks: Buffer[] = [];
	for (const file of files) chunks.push(partHeader(file, boundary), file.data, Buffer.from(CRLF));
	chunks.push(closing(boundary));
	return { data: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
