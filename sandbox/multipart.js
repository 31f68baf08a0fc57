// @ts-check
'use strict';
/**
 * A small, strict multipart/form-data parser (RFC 7578 / RFC 2046), enough to
 * check what a client really sends: the boundary from Content-Type, CRLF line
 * ends, a Content-Disposition per part. Dev-only: the package itself has no
 * runtime dependency for this.
 */

/**
 * @typedef {{ name: string, filename?: string, contentType?: string, data: Buffer }} Part
 */

/**
 * The boundary of a multipart/form-data Content-Type, or undefined when the type is another.
 * @param {string | undefined} contentType
 */
function boundaryOf(contentType) {
	if (!contentType) return undefined;
	const [type, ...params] = contentType.split(';');
	if (type.trim().toLowerCase() !== 'multipart/form-data') return undefined;
	for (const param of params) {
		const eq = param.indexOf('=');
		if (eq < 0) continue;
		if (param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
		let value = param.slice(eq + 1).trim();
		if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
		return value || undefined;
	}
	return undefined;
}

/**
 * A header parameter (`name="x"`, `filename="a b.pdf"`, `filename*=UTF-8''a%20b.pdf`).
 * @param {string} header @param {string} name
 */
function headerParam(header, name) {
	const extended = new RegExp(`;\\s*${name}\\*=([^;]*)`, 'i').exec(header);
	if (extended) {
		const value = extended[1].trim();
		const quote = value.indexOf("''");
		try {
			return decodeURIComponent(quote >= 0 ? value.slice(quote + 2) : value);
		} catch {
			return value;
		}
	}
	const quoted = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
	if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`;\\s*${name}=([^;\\s]*)`, 'i').exec(header);
	return bare ? bare[1] : undefined;
}

/**
 * @param {Buffer} body @param {string} boundary
 * @returns {{ parts: Part[] } | { error: string }}
 */
function parseMultipart(body, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	const CRLF = Buffer.from('\r\n');
	/** @type {Part[]} */
	const parts = [];
	let at = body.indexOf(delimiter);
	if (at < 0) return { error: 'The body has no multipart boundary' };
	for (;;) {
		at += delimiter.length;
		if (body.subarray(at, at + 2).toString() === '--') return { parts };
		if (!body.subarray(at, at + 2).equals(CRLF)) return { error: 'A multipart boundary is not followed by a line end' };
		at += 2;
		const headerEnd = body.indexOf('\r\n\r\n', at);
		if (headerEnd < 0) return { error: 'A multipart part has no end of its headers' };
		const headers = body.subarray(at, headerEnd).toString('utf8').split('\r\n');
		const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd + 4);
		if (next < 0) return { error: 'The multipart body has no closing boundary' };
		/** @type {Record<string, string>} */
		const byName = {};
		for (const line of headers) {
			const colon = line.indexOf(':');
			if (colon > 0) byName[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const disposition = byName['content-disposition'];
		if (!disposition || !/^form-data\s*(;|$)/i.test(disposition))
			return { error: 'A multipart part has no Content-Disposition: form-data header' };
		const name = headerParam(disposition, 'name');
		if (name === undefined) return { error: 'A multipart part has no name' };
		parts.push({
			name,
			filename: headerParam(disposition, 'filename'),
			contentType: byName['content-type'],
			data: body.subarray(headerEnd + 4, next),
		});
		at = next + 2;
	}
}

module.exports = { boundaryOf, parseMultipart };
