// @ts-check
'use strict';
/**
 * The integration API under /core/api/v4/integration/: the route table, the
 * bearer-token and scope check, path ids and JSON bodies. Route first (an
 * unknown path is 404 and a known path with another method 405, with or
 * without a token, as ASP.NET's routing answers), then 401/403, then 400s.
 */
const projects = require('./projects');
const tasks = require('./tasks');
const documents = require('./documents');
const { EMPLOYEE_ROUTES } = require('./employees');
const { CERTIFICATE_ROUTES, ARRAY_BODIES } = require('./certificates');
const { ABSENCE_ROUTES, UNAUTHORIZED_WITHOUT_SCOPE } = require('./absences');
const { MACHINE_ROUTES } = require('./machines');
const { TokenService } = require('./token');
const { isId } = require('./ids');
const { mediaType } = require('./http');
const E = require('./errors');

/**
 * @typedef {{
 *   store: import('./store').Store,
 *   companyIds: string[],
 *   body: Record<string, unknown>,
 *   raw: Buffer,
 *   headers: import('http').IncomingHttpHeaders,
 *   query: URLSearchParams,
 * }} Context
 * raw, headers and query: for the document endpoints (multipart uploads, section parameters).
 * @typedef {(ctx: Context, ...params: string[]) => import('./errors').Reply} Handler
 */

/** Every route is under /core/api/; each family's templates carry their own version prefix. */
const PREFIX = ['core', 'api'];
const SCOPE = 'ditioapiv3';
/** Route parameters that hold a Ditio id, checked before the handler runs. */
const ID_PARAMS = new Set(['id', 'projectId', 'fileReferenceId']);

/** @type {Array<[string, string, Handler]>} in order of precedence: literal segments before parameters */
const V4_ROUTES = [
	['POST', 'projects', projects.create],
	['GET', 'projects', projects.list],
	['GET', 'projects/by-project-number/{projectNumber}', projects.getByNumber],
	['GET', 'projects/{id}', projects.get],
	['PUT', 'projects/{id}', projects.replace],
	['PATCH', 'projects/{id}', projects.patch],
	['DELETE', 'projects/{id}', projects.remove],
	['POST', 'tasks', tasks.create],
	['GET', 'tasks/project/{projectId}', tasks.listByProjectId],
	['GET', 'tasks/by-project-number/{projectNumber}/by-task-number/{taskNumber}/list', tasks.listByTaskNumber],
	['GET', 'tasks/by-project-number/{projectNumber}/by-task-number/{taskNumber}', tasks.getByTaskNumber],
	['GET', 'tasks/by-project-number/{projectNumber}', tasks.listByProjectNumber],
	['GET', 'tasks/by-external-project-number/{externalProjectNumber}/by-external-id/{externalId}', tasks.getByExternalId],
	['GET', 'tasks/by-external-project-number/{externalProjectNumber}', tasks.listByExternalProjectNumber],
	['GET', 'tasks/by-production-code/{externalDim01}', tasks.listByProductionCode],
	['GET', 'tasks/{id}', tasks.get],
	['PUT', 'tasks/{id}', tasks.replace],
	['PATCH', 'tasks/{id}', tasks.patch],
	['DELETE', 'tasks/{id}', tasks.remove],
	...documents.DOCUMENT_ROUTES,
	...CERTIFICATE_ROUTES,
];

/** @type {Array<[string, string, Handler]>} */
const ROUTE_TABLE = [
	...V4_ROUTES.map(([method, template, handler]) => /** @type {[string, string, Handler]} */ ([method, `v4/integration/${template}`, handler])),
	...EMPLOYEE_ROUTES.map(([method, template, handler]) => /** @type {[string, string, Handler]} */ ([method, `v5/integration/${template}`, handler])),
	...ABSENCE_ROUTES,
	...MACHINE_ROUTES,
];

const ROUTES = ROUTE_TABLE.map(([method, template, handler]) => ({
	method,
	parts: template.split('/').map((p) => (p.startsWith('{') ? { param: p.slice(1, -1) } : { literal: p })),
	handler,
}));

/** Literal route segments compare without case, as ASP.NET's routing does. @param {string} a @param {string} b */
const sameText = (a, b) => a.toLowerCase() === b.toLowerCase();

/**
 * @param {string[]} segments decoded segments after the prefix
 * @param {typeof ROUTES[number]} route
 * @returns {Array<{ name: string, value: string }> | undefined} the parameters, when the path fits
 */
function fit(segments, route) {
	if (segments.length !== route.parts.length) return undefined;
	const params = [];
	for (let i = 0; i < segments.length; i++) {
		const part = route.parts[i];
		if ('literal' in part) {
			if (!part.literal || !sameText(part.literal, segments[i])) return undefined;
		} else {
			if (segments[i] === '') return undefined; // an empty parameter matches no route
			params.push({ name: part.param, value: segments[i] });
		}
	}
	return params;
}

/**
 * @param {string[]} segments all decoded segments of the path
 * @param {string} method
 * @returns {{ route: typeof ROUTES[number], params: Array<{ name: string, value: string }> } | { status: 404 } | { status: 405, allow: string }}
 */
function match(segments, method) {
	if (segments.length <= PREFIX.length || !PREFIX.every((p, i) => p === segments[i].toLowerCase())) return { status: 404 };
	let rest = segments.slice(PREFIX.length);
	if (rest.length > 1 && rest[rest.length - 1] === '') rest = rest.slice(0, -1); // one trailing slash, as ASP.NET ignores it
	const allowed = [];
	for (const route of ROUTES) {
		const params = fit(rest, route);
		if (!params) continue;
		if (route.method === method) return { route, params };
		allowed.push(route.method);
	}
	return allowed.length ? { status: 405, allow: allowed.join(', ') } : { status: 404 };
}

/**
 * Handles one API request.
 * @param {{
 *   method: string, segments: string[], headers: import('http').IncomingHttpHeaders, body: Buffer,
 *   authResult: ReturnType<TokenService['check']>, store: import('./store').Store, path: string, query?: string,
 * }} request
 * @returns {import('./errors').Reply}
 */
function handleApi({ method, segments, headers, body, authResult, store, path, query = '' }) {
	const found = match(segments, method);
	if ('status' in found)
		return found.status === 405 ? { status: 405, headers: { Allow: found.allow } } : E.notFound(`No endpoint ${method} ${path}`);

	if (authResult.auth !== 'ok' || !authResult.token) return TokenService.unauthorized(authResult);
	const { token } = authResult;
	if (!token.scopes.includes(SCOPE))
		return UNAUTHORIZED_WITHOUT_SCOPE.has(found.route.handler)
			? { status: 401, headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${SCOPE}"` } }
			: { status: 403 };

	for (const { name, value } of found.params)
		if (ID_PARAMS.has(name) && !isId(value))
			return E.invalidId(`'${value}' is not a valid id: a Ditio id has 24 hexadecimal characters`);

	/** @type {Record<string, unknown>} */
	let parsed = {};
	const multipart = documents.UPLOADS.has(found.route.handler); // its body is multipart/form-data, read by the handler
	if (!multipart && (method === 'POST' || method === 'PUT' || method === 'PATCH')) {
		const type = mediaType(headers);
		if (type !== 'application/json' && type !== 'text/json' && !/^application\/[^/]+\+json$/.test(type))
			return E.ditioError(415, 'UnsupportedMediaType', `Content-Type must be application/json, not '${type || '(none)'}'`);
		const text = body.toString('utf8').replace(/^\uFEFF/, '');
		if (!text.trim()) return E.invalidBody('A JSON object is required as the request body');
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			return E.invalidBody(`The body is not valid JSON: ${/** @type {Error} */ (error).message}`);
		}
		const array = ARRAY_BODIES.has(found.route.handler);
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) !== array)
			return E.invalidBody(array ? 'The body must be a JSON array' : 'The body must be a JSON object');
	}

	/** @type {Context} */
	const ctx = { store, companyIds: token.companyIds, body: parsed, raw: body, headers, query: new URLSearchParams(query) };
	return found.route.handler(ctx, ...found.params.map((p) => p.value));
}

module.exports = { handleApi, SCOPE };
