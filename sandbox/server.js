// @ts-check
'use strict';
/**
 * The Ditio sandbox: a local fake of Ditio's identity server and integration
 * API, for tests and demos. startSandbox() starts it on 127.0.0.1; every
 * request is logged, can be delayed (latency) and can be made to fail (faults).
 */
const http = require('http');
const { Store } = require('./store');
const { TokenService } = require('./token');
const { handleApi } = require('./api');
const { handleAdmin } = require('./admin');
const { ChangeFeed, handleReporting } = require('./feed');
const { Registrations } = require('./registrations');
const { isPayrollExport, handlePayrollExport } = require('./payroll');
const { Faults, faultReply } = require('./faults');
const { RateLimit } = require('./rate-limit');
const { parseTarget, readBody, send, mediaType } = require('./http');
const { DEMO_CLIENT, FEED_CLIENT, DEMO_COMPANY_ID, OTHER_COMPANY_ID, DEMO_IDS, loadDemo } = require('./demo');
const E = require('./errors');
const { handleSample } = require('./samples');
const { settleDay } = require('./absences');
const { boundaryOf, parseMultipart } = require('./multipart');

/** @typedef {import('./token').Client} Client */
/**
 * @typedef {{
 *   port?: number, seed?: 'demo' | 'empty', tokenLifetimeSeconds?: number, latencyMs?: number, clients?: Client[],
 * }} SandboxOptions
 * @typedef {{
 *   method: string,
 *   path: string,
 *   segments: string[],
 *   status: number | 'reset' | 'hang' | null,
 *   processedStatus?: number,
 *   rateLimited?: boolean,
 *   api: boolean,
 *   reporting?: boolean,
 *   token: boolean,
 *   auth: import('./token').AuthState,
 *   time: number,
 *   answeredAt?: number,
 *   headers: import('http').IncomingHttpHeaders,
 *   body?: unknown,
 * }} LoggedRequest
 * path: raw, as sent, with the query. segments: decoded (raw where undecodable), without the leading empty one.
 * status: null while in flight; 'reset' / 'hang' for those faults. processedStatus: the status a
 * request processed before an afterProcessing fault would have had. rateLimited: refused by the
 * rate limit (429) before anything was done. time: Date.now() on arrival; answeredAt: when the answer was sent.
 * body: parsed JSON, the form fields of a token request, or the text.
 */

class Sandbox {
	/** @param {SandboxOptions} options */
	constructor(options) {
		this.store = new Store();
		/** The Data Extraction API's change feed over the store (feed.js). */
		this.feed = new ChangeFeed(this.store);
		/** The Data Extraction API's time, machine and absence registrations (registrations.js). */
		this.registrations = new Registrations({ projects: [], tasks: [] });
		this.tokens = new TokenService(options.clients ?? [DEMO_CLIENT, FEED_CLIENT], options.tokenLifetimeSeconds ?? 1800);
		this.faults = new Faults();
		/** @type {RateLimit | undefined} */
		this.rateLimit = undefined;
		/** @type {LoggedRequest[]} every request except /__sandbox ones, oldest first */
		this.requests = [];
		this.latencyMs = 0;
		this.setLatency(options.latencyMs ?? 0);
		this.url = '';
		this.closed = false;
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		this.server = http.createServer((req, res) => {
			this.#onRequest(req, res).catch((error) => {
				// A bug in the sandbox: say so loudly rather than answer like a Ditio outage nobody injected.
				console.error('Ditio sandbox failed on', req.method, req.url, error);
				const entry = this.requests.find((r) => r.status === null && r.headers === req.headers);
				if (entry) entry.status = 500;
				if (!res.headersSent && !res.destroyed) send(res, E.ditioError(500, 'SandboxBug', String(error?.message ?? error)));
			});
		});
		this.reset(options.seed ?? 'empty');
	}

	/** The API base URL as the credential's "custom" environment takes it. */
	get baseUrl() {
		return `${this.url}/core`;
	}

	/** The Data Extraction API's base URL, as the credential's "custom" environment takes it. */
	get reportingBaseUrl() {
		return `${this.url}/reporting`;
	}

	get tokenUrl() {
		return `${this.url}/connect/token`;
	}

	/** @param {number} port */
	async listen(port) {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => resolve(undefined));
		});
		const address = /** @type {import('net').AddressInfo} */ (this.server.address());
		this.url = `http://127.0.0.1:${address.port}`;
	}

	clearRequests() {
		this.requests.length = 0;
	}

	/** Requests to /core/api (not token requests, not /__sandbox controls). */
	apiRequestCount() {
		return this.requests.filter((r) => r.api).length;
	}

	tokenRequestCount() {
		return this.requests.filter((r) => r.token).length;
	}

	/** Delay of every API and token response. @param {number} ms */
	setLatency(ms) {
		if (!Number.isFinite(ms) || ms < 0) throw new Error(`latency must be a number >= 0, not ${ms}`);
		this.latencyMs = ms;
	}

	/** Lifetime of tokens issued from now on. @param {number} seconds */
	setTokenLifetime(seconds) {
		if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`token lifetime must be whole seconds >= 0, not ${seconds}`);
		this.tokens.lifetimeSeconds = seconds;
	}

	/** Every token issued so far answers 401 from now on. */
	expireAllTokens() {
		this.tokens.expireAll();
	}

	/** Disables the client: its token requests answer invalid_client, its tokens 401. @param {string} clientId */
	revokeClient(clientId) {
		this.tokens.setRevoked(clientId, true);
	}

	/** Undoes revokeClient; the client's unexpired tokens work again. @param {string} clientId */
	restoreClient(clientId) {
		this.tokens.setRevoked(clientId, false);
	}

	/** @param {Client} client */
	addClient(client) {
		if (!client || typeof client.clientId !== 'string' || typeof client.clientSecret !== 'string' ||
			!Array.isArray(client.companyIds) || !Array.isArray(client.scopes))
			throw new Error('a client needs clientId, clientSecret, companyIds[] and scopes[]');
		this.tokens.addClient(client);
	}

	/** @param {import('./faults').FaultRule[]} rules added to those active */
	injectFaults(rules) {
		this.faults.add(rules);
	}

	clearFaults() {
		this.faults.clear();
	}

	/**
	 * A sustained limit on API requests from now on (replacing any other); see rate-limit.js.
	 * @param {import('./rate-limit').RateLimitSettings} settings
	 */
	setRateLimit(settings) {
		this.rateLimit = new RateLimit(settings);
		return this.rateLimit.describe();
	}

	clearRateLimit() {
		this.rateLimit = undefined;
	}

	/**
	 * @param {string} companyId @param {string} projectId @param {number} count
	 * @param {{ prefix?: string, fields?: Record<string, unknown> }} [options]
	 */
	seedTasks(companyId, projectId, count, options) {
		return this.store.seedTasks(companyId, projectId, count, options);
	}

	/**
	 * Marks a day of a pushed absence payroll-approved or locked, as payroll does in Ditio: from
	 * then on that day is frozen (absences.js).
	 * @param {{ externalId: string, date: string, state?: 'payrollApproved' | 'locked', companyId?: string }} what
	 */
	settleAbsenceDay(what) {
		return settleDay(this.store, what);
	}

	/**
	 * Replaces all data with the seed's, and clears faults, the rate limit and the request log.
	 * Clients, tokens, latency and token lifetime stay as they are.
	 * @param {'demo' | 'empty'} [seed]
	 */
	reset(seed = 'empty') {
		if (seed !== 'demo' && seed !== 'empty') throw new Error(`seed must be 'demo' or 'empty', not ${seed}`);
		this.store.clear();
		if (seed === 'demo') loadDemo(this.store);
		this.feed.reset();
		this.registrations.catalogue = { projects: [...this.store.projects.values()], tasks: [...this.store.tasks.values()] };
		if (seed === 'demo') this.registrations.generate();
		else this.registrations.clear();
		this.clearFaults();
		this.clearRateLimit();
		this.clearRequests();
	}

	/** Stops the server, ending hanging and kept-alive connections. */
	async close() {
		if (this.closed) return;
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closing = new Promise((resolve) => this.server.close(() => resolve(undefined)));
		this.server.closeAllConnections();
		await closing;
	}

	/** @param {number} ms */
	#delay(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve(undefined);
			}, ms);
			this.timers.add(timer);
		});
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async #onRequest(req, res) {
		const rawUrl = req.url ?? '/';
		const method = req.method ?? 'GET';
		const target = parseTarget(rawUrl);
		const { segments } = target;

		if (segments[0] === '__sandbox') {
			const body = await readBody(req);
			send(res, body === 'too-large' ? E.invalidBody('too large') : handleAdmin(this, method, segments.slice(1), body));
			return;
		}

		const isToken = target.path === '/connect/token';
		const isApi = segments[0]?.toLowerCase() === 'core' && segments[1]?.toLowerCase() === 'api';
		const isReporting = segments[0]?.toLowerCase() === 'reporting';
		const authResult = this.tokens.check(req.headers.authorization);
		/** @type {LoggedRequest} */
		const entry = {
			method, path: rawUrl, segments, status: null, api: isApi, token: isToken,
			...(isReporting && { reporting: true }),
			auth: isApi || isReporting ? authResult.auth : 'none', time: Date.now(), headers: req.headers,
		};
		this.requests.push(entry);

		// A gateway decides on arrival, before the service sees the request.
		const limited = isApi ? this.#rateLimited(req.headers.authorization, authResult, entry.time) : undefined;
		const body = await readBody(req);
		if (body !== 'too-large') entry.body = describeBody(req.headers, body);
		if (this.latencyMs > 0) await this.#delay(this.latencyMs);
		if (this.closed) return;
		if (limited) {
			entry.rateLimited = true;
			this.#answer(req, res, entry, limited);
			return;
		}

		const fault = isApi || isToken || isReporting
			? this.faults.take({ method, path: target.path, decodedPath: '/' + segments.join('/'), token: isToken })
			: undefined;
		if (fault && !fault.afterProcessing) {
			this.#answer(req, res, entry, fault.hang ? 'hang' : fault.reset ? 'reset' : faultReply(fault));
			return;
		}

		/** @type {import('./errors').Reply} */
		let reply;
		if (body === 'too-large') reply = E.ditioError(413, 'PayloadTooLarge', 'The request body is too large');
		else if (isToken) reply = this.tokens.handleTokenRequest({ method, headers: req.headers, body });
		else if (target.undecodable) reply = E.ditioError(400, 'InvalidPath', `The path ${target.path} has a segment that is not valid percent-encoding`);
		else if (isApi && isPayrollExport(segments)) reply = handlePayrollExport({ registrations: this.registrations, method, query: target.query, authResult });
		else if (isApi) reply = handleApi({ method, segments, headers: req.headers, body, authResult, store: this.store, path: target.path, query: target.query });
		else if (segments[0] === 'samples') reply = handleSample(method, segments.slice(1));
		else if (isReporting)
			reply = handleReporting({ feed: this.feed, registrations: this.registrations, method, segments: segments.slice(1), query: target.query, path: target.path, authResult });
		else reply = E.notFound(`No endpoint ${method} ${target.path}`);

		// A write through the API is in the change feed from the time it was made.
		if (isApi && method !== 'GET') this.feed.scanWritten();
		if (fault) {
			entry.processedStatus = reply.status;
			this.#answer(req, res, entry, fault.hang ? 'hang' : fault.reset ? 'reset' : faultReply(fault));
		} else {
			this.#answer(req, res, entry, reply);
		}
	}

	/**
	 * The 429 of the rate limit for this request, if it is over the limit. Without a valid token
	 * the key is the Authorization header itself, so every caller is limited.
	 * @param {string | undefined} authorization @param {{ token?: import('./token').Token }} authResult @param {number} now
	 * @returns {import('./errors').Reply | undefined}
	 */
	#rateLimited(authorization, authResult, now) {
		const limit = this.rateLimit;
		if (!limit) return undefined;
		const clientId = authResult.token?.clientId;
		const key = limit.per === 'client' && clientId ? `client ${clientId}` : `token ${authorization ?? ''}`;
		const decision = limit.take(key, now);
		return decision.admitted ? undefined : limit.reply(decision.waitMs);
	}

	/**
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {LoggedRequest} entry
	 * @param {import('./errors').Reply | 'hang' | 'reset'} outcome hang: leave the request open until close()
	 */
	#answer(req, res, entry, outcome) {
		if (outcome === 'hang' || outcome === 'reset') {
			entry.status = outcome;
			if (outcome === 'reset') req.socket.destroy();
			return;
		}
		entry.status = outcome.status;
		entry.answeredAt = Date.now();
		send(res, outcome);
	}
}

/**
 * What the log keeps of a body.
 * @param {import('http').IncomingHttpHeaders} headers @param {Buffer} body
 */
function describeBody(headers, body) {
	if (!body.length) return undefined;
	const boundary = boundaryOf(headers['content-type']);
	if (boundary) {
		// Uploads: what was sent, not megabytes of file bytes in the log.
		const parsed = parseMultipart(body, boundary);
		if ('error' in parsed) return { multipartError: parsed.error, bytes: body.length };
		return { bytes: body.length, parts: parsed.parts.map((p) => ({ name: p.name, filename: p.filename, contentType: p.contentType, size: p.data.length })) };
	}
	const text = body.toString('utf8');
	const type = mediaType(headers);
	if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
	if (type.endsWith('json')) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

/**
 * Starts a sandbox on 127.0.0.1.
 * @param {SandboxOptions} [options] port (0 = a free one; default 0), seed ('empty'), tokenLifetimeSeconds (1800),
 *   latencyMs (0), clients ([DEMO_CLIENT, FEED_CLIENT])
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(options = {}) {
	const sandbox = new Sandbox(options);
	await sandbox.listen(options.port ?? 0);
	return sandbox;
}

module.exports = { startSandbox, Sandbox, DEMO_CLIENT, FEED_CLIENT, DEMO_COMPANY_ID, OTHER_COMPANY_ID, DEMO_IDS };
