// @ts-check
'use strict';
/**
 * The sandbox's controls over HTTP, under /__sandbox/ (no auth), for tests and
 * demos that run in another process. Not logged, not delayed, never faulted.
 */
const E = require('./errors');
const { documentsState } = require('./documents');
const { settleDay } = require('./absences');

/** @typedef {import('./server').Sandbox} Sandbox @typedef {import('./errors').Reply} Reply */

/** @param {unknown} v @returns {Record<string, any>} */
const object = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? /** @type {Record<string, any>} */ (v) : {});

/**
 * @type {Record<string, (sb: Sandbox, body: any) => Reply>} keyed by `METHOD name`
 */
const ACTIONS = {
	'GET state': (sb) => E.ok({
		projects: [...sb.store.projects.values()],
		tasks: [...sb.store.tasks.values()],
		registrations: Object.fromEntries(sb.store.registrations),
	}),
	'GET requests': (sb) => E.ok(sb.requests),
	'GET documents': (sb) => E.ok(documentsState(sb.store)),
	'DELETE requests': (sb) => (sb.clearRequests(), E.noContent()),
	'POST reset': (sb, body) => (sb.reset(object(body).seed ?? 'empty'), E.ok({ seed: object(body).seed ?? 'empty' })),
	'POST faults': (sb, body) => (sb.injectFaults(Array.isArray(body) ? body : [body]), E.ok(sb.faults.rules)),
	'GET faults': (sb) => E.ok(sb.faults.rules),
	'DELETE faults': (sb) => (sb.clearFaults(), E.noContent()),
	'POST rate-limit': (sb, body) => E.ok(sb.setRateLimit(/** @type {any} */ (object(body)))),
	'GET rate-limit': (sb) => E.ok(sb.rateLimit?.describe() ?? null),
	'DELETE rate-limit': (sb) => (sb.clearRateLimit(), E.noContent()),
	'POST expire-tokens': (sb) => (sb.expireAllTokens(), E.noContent()),
	'POST feed-lag': (sb, body) => (sb.feed.setLag(Number(object(body).seconds) * 1000), E.ok({ seconds: sb.feed.lagMs / 1000 })),
	'POST feed-scan': (sb) => (sb.feed.scan(), E.noContent()),
	'POST latency': (sb, body) => (sb.setLatency(Number(object(body).ms)), E.ok({ ms: sb.latencyMs })),
	'POST token-lifetime': (sb, body) => (sb.setTokenLifetime(Number(object(body).seconds)), E.ok({ seconds: sb.tokens.lifetimeSeconds })),
	'POST revoke-client': (sb, body) => (sb.revokeClient(String(object(body).clientId)), E.noContent()),
	'POST restore-client': (sb, body) => (sb.restoreClient(String(object(body).clientId)), E.noContent()),
	'POST clients': (sb, body) => (sb.addClient(/** @type {any} */ (object(body))), E.noContent()),
	'POST template': (sb, body) => E.ok(sb.store.setTemplate(String(object(body).taskId))),
	'POST registrations': (sb, body) =>
		E.ok({ taskId: object(body).taskId, count: sb.store.addRegistrations(String(object(body).taskId), Number(object(body).count ?? 1)) }),
	'POST absence-day': (sb, body) => E.ok(settleDay(sb.store, /** @type {any} */ (object(body)))),
	'GET pushes': (sb) => E.ok({ certificates: [...sb.store.certificates.values()], absences: [...sb.store.absences.values()] }),
	'POST projects': (sb, body) => {
		const { companyId, ...fields } = object(body);
		return E.created(sb.store.addProject(String(companyId), fields));
	},
	'POST tasks': (sb, body) => {
		const { companyId, ...fields } = object(body);
		return E.created(sb.store.addTask(String(companyId), fields));
	},
	'POST seed-tasks': (sb, body) => {
		const { companyId, projectId, count, prefix } = object(body);
		return E.ok({ created: sb.seedTasks(String(companyId), String(projectId), Number(count), { prefix }).length });
	},
};

/**
 * @param {Sandbox} sb
 * @param {string} method
 * @param {string[]} segments the path's segments after `__sandbox`
 * @param {Buffer} rawBody
 * @returns {Reply}
 */
function handleAdmin(sb, method, segments, rawBody) {
	const action = ACTIONS[`${method} ${segments.join('/')}`];
	if (!action) return E.notFound(`No sandbox control ${method} /__sandbox/${segments.join('/')}; there are: ${Object.keys(ACTIONS).join(', ')}`);
	let body;
	try {
		body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : undefined;
	} catch {
		return E.invalidBody('The body of a sandbox control must be JSON');
	}
	try {
		return action(sb, body);
	} catch (error) {
		return E.ditioError(400, 'BadRequest', /** @type {Error} */ (error).message);
	}
}

module.exports = { handleAdmin };
