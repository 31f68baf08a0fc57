import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { DITIO_SCOPE, REPORTING_SCOPE } from './environments';

/** What n8n's request helpers leave behind on a failed call, read without trusting its shape. */
interface Failure {
	message?: string;
	code?: string;
	status?: number;
	cause?: Failure;
	body?: { error?: string; error_description?: string };
	config?: { url?: string };
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

export interface CallSite {
	method: string;
	path: string;
	itemIndex?: number;
	baseUrl: string;
	timeoutMs?: number;
	/** How many tries were made, when more than one. */
	attempts?: number;
	hints?: Partial<Record<number, string>>;
	/** The scope the credential asks for, so a refused scope is named. */
	scope?: string;
}

const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
]);

interface ErrorText {
	message: string;
	description: string;
	httpCode?: string;
	itemIndex?: number;
}

/** NodeApiError swaps a message that mentions ECONNREFUSED & co. for a generic one; keep ours. */
function apiError(node: INode, data: JsonObject, text: ErrorText): NodeApiError {
	const error = new NodeApiError(node, data, text);
	error.message = text.message;
	return error;
}

/**
 * n8n 1.x hands the node only the text of the OAuth2 client's error (no wrapper, no body), so the
 * client's fixed texts are read back into what the token endpoint said.
 */
const OAUTH_TEXTS: Array<[RegExp, (m: RegExpExecArray) => Failure]> = [
	[/^Client authentication failed/, () => ({ body: { error: 'invalid_client' } })],
	[/^The requested scope is invalid/, () => ({ body: { error: 'invalid_scope' } })],
	[/^The authorization grant type is not supported/, () => ({ body: { error: 'unsupported_grant_type' } })],
	[/^HTTP status (\d{3})$/, (m) => ({ status: Number(m[1]) })],
	[/^Expected JSON response from OAuth2 token endpoint/, () => ({ status: 200 })],
];

function tokenFailureFromText(message: string | undefined): Failure | undefined {
	for (const [pattern, toFailure] of OAUTH_TEXTS) {
		const m = message ? pattern.exec(message) : null;
		if (m) return toFailure(m);
	}
	return undefined;
}

/** RFC 6749 error codes are lower-case words joined by underscores. */
const OAUTH_ERROR_CODE = /^[a-z]+(_[a-z]+)*$/;

const ENVIRONMENT_HINT =
	'check that Environment in the credential (Test or Production) is the one the API client was created in';

/** Ditio writes `{error, message}` or `{message, errors: [{field, message}]}`; both become one line. */
export function ditioMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const { error, message, errors } = body as { error?: unknown; message?: unknown; errors?: unknown };
	const details = Array.isArray(errors)
		? errors
				.map((e: { field?: string; message?: string }) => [e?.field, e?.message].filter(Boolean).join(': '))
				.filter(Boolean)
		: [];
	const head = typeof message === 'string' ? message : typeof error === 'string' ? error : undefined;
	const code = typeof error === 'string' && head !== error ? ` (${error})` : '';
	if (!head && details.length === 0) return undefined;
	return [head ? head + code : undefined, details.join('; ') || undefined].filter(Boolean).join(': ');
}

const STATUS_HINTS: Record<number, string> = {
	400: 'Ditio refused the values sent. Correct the field it names and run again.',
	401: `Ditio refused the access token even after n8n fetched a new one. The API client may be disabled or expired in Ditio Web (Company setup → Integration), may lack scope ${DITIO_SCOPE}, or ${ENVIRONMENT_HINT}.`,
	403: `The API client may not do this: check in Ditio Web (Company setup → Integration) that it has scope ${DITIO_SCOPE} and access to this company.`,
	404: "No such record in your company. Check the ID or number; a record of another company answers 404 too, so check the credential's Company ID and environment.",
	409: 'A record with this number already exists. Use Create or Update to change the existing one.',
	429: 'Ditio is rate limiting this API client. Raise Options → Rate Limit Wait, or run the workflow when fewer workflows use the same API client.',
};

function statusHint(status: number): string {
	if (STATUS_HINTS[status]) return STATUS_HINTS[status];
	if (status >= 500) return 'Ditio had a problem of its own. Try again later; if it persists, contact Ditio support with the time of the failure.';
	return 'Ditio refused the request.';
}

function tokenError(node: INode, failure: Failure, site: CallSite): NodeApiError {
	const reason = failure.cause ?? {};
	const oauthCode = reason.body?.error;
	let message: string;
	let description: string;
	if (oauthCode === 'invalid_client') {
		message = "Ditio's identity server refused the client ID or client secret (invalid_client)";
		description = `Check Client ID and Client Secret in the Ditio credential, and ${ENVIRONMENT_HINT}: test and production have separate API clients.`;
	} else if (oauthCode === 'invalid_scope' && site.scope?.includes(REPORTING_SCOPE)) {
		message = `Ditio's identity server refused scope ${site.scope} for this API client (invalid_scope)`;
		description = `The credential's "Use Data Extraction API (Change Feed)" option asks for scope ${REPORTING_SCOPE} too. Give the API client access to the Data Extraction API (scope ${REPORTING_SCOPE}) in Ditio Web → Company setup → Integration, or turn the option off.`;
	} else if (oauthCode === 'invalid_scope') {
		message = `Ditio's identity server refused scope ${DITIO_SCOPE} for this API client (invalid_scope)`;
		description = `Give the API client access to the integration API (scope ${DITIO_SCOPE}) in Ditio Web → Company setup → Integration, or ${ENVIRONMENT_HINT}.`;
	} else if (oauthCode && OAUTH_ERROR_CODE.test(oauthCode)) {
		message = `Ditio's identity server refused the token request (${oauthCode})`;
		description = `${reason.body?.error_description ?? ''} Check the Ditio credential.`.trim();
	} else if (oauthCode) {
		// An error body that is not OAuth's: some other service answered at that URL.
		message = `Ditio's token URL did not answer as a token endpoint (it said: ${oauthCode})`;
		description = 'The token URL of the credential is probably wrong: it should end in /connect/token.';
	} else if (reason.code && NETWORK_CODES.has(reason.code)) {
		message = `Could not reach Ditio's token URL (${reason.code})`;
		description = `Check the Environment of the Ditio credential, or its Token URL if it is Custom.`;
	} else {
		const status = reason.status ?? reason.response?.status;
		message = status
			? `Ditio's token URL answered HTTP ${status} instead of a token`
			: `Could not get an access token from Ditio: ${reason.message ?? failure.message ?? 'unknown reason'}`;
		description = 'The token URL of the credential is probably wrong: it should end in /connect/token.';
	}
	return apiError(node, { kind: 'token', oauthCode: oauthCode ?? null }, {
		message,
		description,
		itemIndex: site.itemIndex,
		httpCode: '401',
	});
}

/** n8n wraps the real failure (axios error, token error) in a NodeApiError; this digs it out. */
function unwrap(thrown: unknown): Failure {
	const outer = (thrown ?? {}) as Failure;
	return outer.cause && !outer.response ? outer.cause : outer;
}

/** Status, network code and Retry-After of a failed call, for the retry decision. */
export function failureFacts(thrown: unknown): { status?: number; code?: string; retryAfter?: unknown; token: boolean } {
	const failure = unwrap(thrown);
	const headers = failure.response?.headers ?? {};
	return {
		status: failure.response?.status,
		code: failure.code ?? failure.cause?.code,
		retryAfter: headers['retry-after'] ?? headers['Retry-After'],
		token: failure.message?.startsWith('Failed to acquire OAuth2 access token') === true,
	};
}

/**
 * Turns whatever n8n's request helper threw into a NodeApiError that shows Ditio's own words,
 * the status and what to do. It copies nothing from the request, so no header or token can leak.
 */
export function toDitioError(node: INode, thrown: unknown, site: CallSite): NodeApiError {
	const failure = unwrap(thrown);

	if (failure.message?.startsWith('Failed to acquire OAuth2 access token')) {
		return tokenError(node, failure, site);
	}
	// A renewal after a 401 fails without n8n's "Failed to acquire" wrapper.
	const calledUrl = failure.config?.url;
	if (failure.code === 'EAUTH' || (calledUrl && !calledUrl.startsWith(site.baseUrl))) {
		return tokenError(node, { cause: failure }, site);
	}
	const fromText = failure.response ? undefined : tokenFailureFromText(failure.message);
	if (fromText) return tokenError(node, { cause: fromText }, site);

	const status = failure.response?.status;
	const where = `${site.method} ${site.path}`;
	if (status === undefined) {
		const code = failure.code ?? failure.cause?.code;
		if (site.timeoutMs && /timeout/i.test(`${failure.message ?? ''} ${failure.cause?.message ?? ''}`)) {
			return apiError(node, { kind: 'timeout', code: code ?? null }, {
				message: `Ditio did not answer within ${site.timeoutMs / 1000} seconds`,
				description: `The request ${where} was given up${site.attempts && site.attempts > 1 ? ` after ${site.attempts} tries` : ''}. Ditio may be slow or unreachable; raise Timeout under Options if it is only slow.`,
				itemIndex: site.itemIndex,
			});
		}
		const reached = code ? `(${code})` : `(${failure.message ?? 'no answer'})`;
		return apiError(node, { kind: 'network', code: code ?? null }, {
			message: `Could not reach Ditio at ${site.baseUrl} ${reached}`,
			description: `The request ${where} got no answer. Check the network, and the Environment (or API Base URL) of the Ditio credential.`,
			itemIndex: site.itemIndex,
		});
	}

	const said = ditioMessage(failure.response?.data);
	return apiError(node, { kind: 'http', status, body: (failure.response?.data ?? null) as JsonObject }, {
		message: `Ditio answered ${status}${said ? `: ${said}` : ''}`,
		description: `${site.hints?.[status] ?? statusHint(status)} (${where}${site.attempts && site.attempts > 1 ? `, ${site.attempts} tries` : ''})`,
		httpCode: String(status),
		itemIndex: site.itemIndex,
	});
}
