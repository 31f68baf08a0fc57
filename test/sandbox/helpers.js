// @ts-check
'use strict';
/** Shared by the sandbox tests: a token, and API calls over real HTTP with Node's fetch. */
const { DEMO_CLIENT } = require('../../sandbox/server');

/** @typedef {import('../../sandbox/server').Sandbox} Sandbox */
/** @typedef {{ status: number, headers: Headers, text: string, body: any }} Answer */

/** The API path of these segments, each percent-encoded as one segment. @param {...string} segments */
const apiPath = (...segments) => `/core/api/v4/integration/${segments.map(encodeURIComponent).join('/')}`;

/** @param {Record<string, string>} fields */
const form = (fields) => new URLSearchParams(fields).toString();

/** @param {Response} res @returns {Promise<Answer>} */
async function answer(res) {
	const text = await res.text();
	let body;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		body = text;
	}
	return { status: res.status, headers: res.headers, text, body };
}

/**
 * POST /connect/token with a form body.
 * @param {Sandbox} sb @param {Record<string, string>} fields @param {Record<string, string>} [headers]
 */
async function tokenRequest(sb, fields, headers = {}) {
	const res = await fetch(sb.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: form(fields),
	});
	return answer(res);
}

/** An access token of a client (default: the demo client). @param {Sandbox} sb @param {{ clientId: string, clientSecret: string }} [client] @param {string} [scope] */
async function getToken(sb, client = DEMO_CLIENT, scope = 'ditioapiv3') {
	const { status, body } = await tokenRequest(sb, {
		grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope,
	});
	if (status !== 200) throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
	return /** @type {string} */ (body.access_token);
}

/**
 * A request to the sandbox. `path` is sent as given (already encoded).
 * @param {Sandbox} sb @param {string} method @param {string} path
 * @param {{ token?: string, json?: unknown, body?: string, headers?: Record<string, string>, signal?: AbortSignal }} [options]
 */
async function call(sb, method, path, options = {}) {
	/** @type {Record<string, string>} */
	const headers = { ...options.headers };
	if (options.token) headers.Authorization = `Bearer ${options.token}`;
	let body = options.body;
	if (options.json !== undefined) {
		body = JSON.stringify(options.json);
		headers['Content-Type'] ??= 'application/json';
	}
	return answer(await fetch(sb.url + path, { method, headers, body, signal: options.signal }));
}

/** Calls with one token. @param {Sandbox} sb @param {string} token */
function client(sb, token) {
	return {
		/** @param {string} path */ get: (path) => call(sb, 'GET', path, { token }),
		/** @param {string} path @param {unknown} json */ post: (path, json) => call(sb, 'POST', path, { token, json }),
		/** @param {string} path @param {unknown} json */ put: (path, json) => call(sb, 'PUT', path, { token, json }),
		/** @param {string} path @param {unknown} json */ patch: (path, json) => call(sb, 'PATCH', path, { token, json }),
		/** @param {string} path */ del: (path) => call(sb, 'DELETE', path, { token }),
	};
}

module.exports = { apiPath, form, tokenRequest, getToken, call, client };
