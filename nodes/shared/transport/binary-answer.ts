/** A file as Ditio sends it: the bytes and the response headers (Content-Disposition names it). */
export interface BinaryAnswer {
	data: Buffer;
	headers: Record<string, unknown>;
}

/** The full response of a request made with `encoding: 'arraybuffer'`, as a BinaryAnswer. */
export function binaryAnswer(full: unknown): BinaryAnswer {
	const { body, headers } = (full ?? {}) as { body?: unknown; headers?: Record<string, unknown> };
	const data = Buffer.isBuffer(body) ? body : body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(String(body ?? ''));
	return { data, headers: headers ?? {} };
}

/**
 * A refusal of a file request arrives as bytes too; Ditio's JSON error inside them is decoded,
 * so the error shows Ditio's own message as for every other request.
 */
export function readableErrorBody(thrown: unknown): unknown {
	for (const holder of [thrown, (thrown as { cause?: unknown } | undefined)?.cause]) {
		const response = (holder as { response?: { data?: unknown } } | undefined)?.response;
		if (!response) continue;
		const raw = response.data;
		const bytes = Buffer.isBuffer(raw) ? raw : raw instanceof ArrayBuffer ? Buffer.from(raw) : undefined;
		if (!bytes) continue;
		const text = bytes.toString('utf8');
		try {
			response.data = JSON.parse(text);
		} catch {
			response.data = text;
		}
	}
	return thrown;
}

/** The file name of a Content-Disposition header: `filename*` (RFC 8187, exact) before `filename`. */
export function fileNameOf(disposition: unknown): string | undefined {
	const header = Array.isArray(disposition) ? String(disposition[0] ?? '') : String(disposition ?? '');
	const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (star) {
		try {
			return decodeURIComponent(star[2].trim());
		} catch {
			// fall through to the plain name
		}
	}
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
	if (!plain) return undefined;
	return (plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]).trim() || undefined;
}
