// @ts-check
'use strict';
/** Small HTTP helpers: the raw path split into decoded segments, bodies in, JSON out. */

const MAX_BODY_BYTES = 30 * 1024 * 1024; // Kestrel's default limit

/**
 * Splits the raw request target: the query starts at the first literal `?`,
 * the path is split on literal `/`, and each segment is percent-decoded on its
 * own, so `%2F` inside a segment stays part of it.
 * @param {string} rawUrl req.url as sent
 * @returns {{ path: string, query: string, segments: string[], undecodable: boolean }}
 *   segments: without the empty one before the leading `/`; a segment that cannot be decoded is kept raw
 */
function parseTarget(rawUrl) {
	const q = rawUrl.indexOf('?');
	const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
	const query = q < 0 ? '' : rawUrl.slice(q + 1);
	let undecodable = false;
	const segments = path
		.split('/')
		.slice(1)
		.map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				undecodable = true;
				return s;
			}
		});
	return { path, query, segments, undecodable };
}

/**
 * @param {import('http').IncomingMessage} req
 * @returns {Promise<Buffer | 'too-large'>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * @param {import('http').ServerResponse} res
 * @param {import('./errors').Reply} reply body undefined = empty body
 */
function send(res, reply) {
	/** @type {Record<string, string | number>} */
	const headers = { ...reply.headers };
	/** @type {Buffer} */
	let payload = Buffer.alloc(0);
	if (reply.raw !== undefined) payload = reply.raw; // a file download: the bytes as they are, with the reply's own headers
	else if (reply.body !== undefined) {
		payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	if (reply.status !== 204) headers['Content-Length'] = payload.length;
	res.writeHead(reply.status, headers);
	res.end(reply.status === 204 ? undefined : payload);
}

/**
 * The media type of a request, lower case, without parameters.
 * @param {import('http').IncomingHttpHeaders} headers
 */
function mediaType(headers) {
	return String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

module.exports = { parseTarget, readBody, send, mediaType, MAX_BODY_BYTES };
