// @ts-check
'use strict';
/**
 * Ditio's Data Extraction API, the part the Ditio Trigger uses: the change feed
 * of projects and work orders under /reporting/v1/ (scope reportingapiv1).
 * docs/ditio-api.md, "Change feed", lists what is known of the real one.
 *
 * The store has no modified times, and tests change its records in place, so
 * this feed notices changes itself: scan() compares every record with the
 * version it saw last and stamps a changed or new one with the time of the
 * scan, a vanished one with a tombstone (its last version, deletedDateTime the
 * time of the scan, modifiedDateTime left at its last change, as Ditio has it). The server scans before every feed
 * request, and after every API write the records that write touched
 * (scanWritten); a test that wants a precise modified time calls scan() right
 * after its change.
 *
 * Visibility lag (setLag): a change stamped at T is in the feed only from T + lag,
 * as Ditio says records can become visible a little after their modified time.
 */
const E = require('./errors');
const { TokenService } = require('./token');
const { datasetOf } = require('./registrations');

const SCOPE = 'reportingapiv1';
/** @type {Kind[]} */
const KINDS = ['project', 'task'];
const DEFAULT_CHUNK = 2500;
const MAX_CHUNK = 10000;

/**
 * @typedef {{ json: string, record: Record<string, any>, modified: number, deleted?: number }} Version
 * @typedef {'project' | 'task'} Kind
 * @typedef {{ t: 'full' | 'incremental', s: number | null, b: number | null, p: string | null, m: number, id: string }} Position
 */

/** The fields a feed record carries here besides id and times; the real ones are not public. */
const FEED_FIELDS = {
	project: ['companyId', 'projectNumber', 'name', 'active'],
	task: ['companyId', 'projectId', 'externalId', 'name', 'active'],
};

/** .NET's UTC text, milliseconds only when not zero. @param {number} ms */
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

class ChangeFeed {
	/** @param {import('./store').Store} store */
	constructor(store) {
		this.store = store;
		this.lagMs = 0;
		/** Page size without ChunkLimit; tests lower it to see several pages. */
		this.defaultChunk = DEFAULT_CHUNK;
		/** @type {Record<Kind, Map<string, Version>>} live and deleted records as the feed knows them */
		this.known = { project: new Map(), task: new Map() };
		this.reset();
	}

	/** Everything in the store now counts as last changed a day ago (seed data is old). */
	reset() {
		this.known.project.clear();
		this.known.task.clear();
		this.scan(Date.now() - 24 * 60 * 60 * 1000);
	}

	/** @param {number} ms */
	setLag(ms) {
		if (!Number.isFinite(ms) || ms < 0) throw new Error(`feed lag must be a number >= 0, not ${ms}`);
		this.lagMs = ms;
	}

	/** Stamps what changed in the store since the last scan, written or changed in place. @param {number} [now] */
	scan(now = Date.now()) {
		for (const kind of KINDS) {
			const records = this.#records(kind);
			for (const [id, record] of records) this.#stamp(kind, id, record, now);
			for (const [id, version] of this.known[kind])
				if (version.deleted === undefined && !records.has(id)) this.#stamp(kind, id, undefined, now);
			this.store.written[kind].clear();
		}
	}

	/**
	 * Stamps only the records the API wrote since the last scan (the store notes their ids):
	 * the server calls this after every write, which must not cost a pass over every record
	 * (2,000 work orders × 2,000 writes made the sandbox, not the node, the bottleneck of the
	 * benchmark). A change made in place by a test is caught by the next scan().
	 * @param {number} [now]
	 */
	scanWritten(now = Date.now()) {
		for (const kind of KINDS) {
			const records = this.#records(kind);
			for (const id of this.store.written[kind]) this.#stamp(kind, id, records.get(id), now);
			this.store.written[kind].clear();
		}
	}

	/** @param {Kind} kind @returns {Map<string, Record<string, any>>} */
	#records(kind) {
		return kind === 'project' ? this.store.projects : this.store.tasks;
	}

	/**
	 * A new or changed record gets a new version stamped `now`; a vanished one, a tombstone.
	 * @param {Kind} kind @param {string} id @param {Record<string, any> | undefined} record @param {number} now
	 */
	#stamp(kind, id, record, now) {
		const known = this.known[kind];
		const before = known.get(id);
		if (record === undefined) {
			// Ditio's tombstone of a project or work order is its last version: modifiedDateTime stays
			// that of the last change, the deletion time is deletedDateTime only.
			if (before && before.deleted === undefined) known.set(id, { ...before, deleted: now });
			return;
		}
		const json = JSON.stringify(record);
		if (!before || before.json !== json || before.deleted !== undefined) known.set(id, { json, record: JSON.parse(json), modified: now });
	}

	/**
	 * GET /reporting/v1/project and /reporting/v1/project/work-breakdown-structure.
	 * @param {Kind} kind @param {URLSearchParams} query @param {string[]} companyIds @param {string} path
	 * @returns {import('./errors').Reply}
	 */
	list(kind, query, companyIds, path) {
		const param = (/** @type {string} */ name) => {
			for (const [k, v] of query) if (k.toLowerCase() === name.toLowerCase()) return v;
			return undefined;
		};
		const since = param('ModifiedSince');
		const before = param('ModifiedBefore');
		const sinceMs = since === undefined ? null : Date.parse(since);
		const beforeMs = before === undefined ? null : Date.parse(before);
		if (sinceMs !== null && Number.isNaN(sinceMs)) return E.invalidArgument(`ModifiedSince '${since}' is not a date`);
		if (beforeMs !== null && Number.isNaN(beforeMs)) return E.invalidArgument(`ModifiedBefore '${before}' is not a date`);
		if (beforeMs !== null && sinceMs === null) return E.invalidArgument('ModifiedBefore needs ModifiedSince');
		if (beforeMs !== null && sinceMs !== null && beforeMs <= sinceMs) return E.invalidArgument('ModifiedBefore must be later than ModifiedSince');
		const chunkText = param('ChunkLimit');
		const chunk = chunkText === undefined ? this.defaultChunk : Number(chunkText);
		if (!Number.isInteger(chunk) || chunk < 1 || chunk > MAX_CHUNK) return E.invalidArgument(`ChunkLimit must be a whole number from 1 to ${MAX_CHUNK}`);
		const projectId = param('ProjectId')?.toLowerCase() ?? null;
		const type = sinceMs === null ? 'full' : 'incremental';

		/** @type {Position | undefined} */
		let from;
		const token = param('ContinuationToken');
		if (token) {
			try {
				from = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
			} catch {
				return E.invalidArgument('ContinuationToken is not valid');
			}
			if (!from || from.t !== type) return E.invalidArgument(`ContinuationToken belongs to a ${from?.t ?? 'different'} sync, this is a ${type} sync`);
			if (from.s !== sinceMs || from.b !== beforeMs || from.p !== projectId)
				return E.invalidArgument('ContinuationToken was issued for other ModifiedSince, ModifiedBefore or ProjectId values');
		}

		this.scan();
		const visibleUntil = Date.now() - this.lagMs;
		// A tombstone is in every window that holds its deletion, whatever its modifiedDateTime.
		const at = (/** @type {Version} */ v) => v.deleted ?? v.modified;
		const rows = [...this.known[kind].entries()]
			.filter(([, v]) => companyIds.includes(String(v.record.companyId)))
			.filter(([id, v]) => projectId === null || (kind === 'project' ? id : String(v.record.projectId).toLowerCase()) === projectId)
			.filter(([, v]) => (type === 'full' ? v.deleted === undefined : at(v) >= /** @type {number} */ (sinceMs)))
			.filter(([, v]) => beforeMs === null || at(v) < beforeMs)
			.filter(([, v]) => type === 'full' || at(v) <= visibleUntil)
			.sort(([a, va], [b, vb]) => at(va) - at(vb) || (a < b ? -1 : a > b ? 1 : 0))
			.filter(([id, v]) => !from || at(v) > from.m || (at(v) === from.m && id > from.id));
		const page = rows.slice(0, chunk);
		const last = page[page.length - 1];
		const more = rows.length > chunk && last !== undefined;
		const next = more
			? Buffer.from(JSON.stringify({ t: type, s: sinceMs, b: beforeMs, p: projectId, m: at(last[1]), id: last[0] })).toString('base64url')
			: null;
		const data = page.map(([id, v]) => ({
			id,
			...Object.fromEntries(FEED_FIELDS[kind].map((f) => [f, v.record[f] ?? null])),
			modifiedDateTime: iso(v.modified),
			...(v.deleted !== undefined && { isDeleted: true, deletedDateTime: iso(v.deleted) }),
		}));
		let nextLink = null;
		if (next) {
			const q = new URLSearchParams(query);
			for (const k of [...q.keys()]) if (k.toLowerCase() === 'continuationtoken') q.delete(k);
			q.set('ContinuationToken', next);
			nextLink = `${path}?${q}`;
		}
		return E.ok({
			data,
			continuationToken: next,
			syncTypeName: type,
			recordCount: data.length,
			deletedRecordCount: data.filter((r) => 'isDeleted' in r).length,
			links: { next: nextLink },
		});
	}
}

const ROUTES = /** @type {Record<string, Kind>} */ ({ 'v1/project': 'project', 'v1/project/work-breakdown-structure': 'task' });

/**
 * One request under /reporting/: route, then token and scope, then the feed.
 * @param {{ feed: ChangeFeed, registrations?: import('./registrations').Registrations, method: string, segments: string[], query: string, path: string,
 *   authResult: ReturnType<import('./token').TokenService['check']> }} request segments: after `reporting`
 * @returns {import('./errors').Reply}
 */
function handleReporting({ feed, registrations, method, segments, query, path, authResult }) {
	const route = segments.filter((s, i) => s !== '' || i < segments.length - 1).join('/').toLowerCase();
	const kind = ROUTES[route];
	const dataset = registrations && datasetOf(segments);
	if (!kind && !dataset) return E.notFound(`No endpoint ${method} ${path}`);
	if (method !== 'GET') return { status: 405, headers: { Allow: 'GET' } };
	if (authResult.auth !== 'ok' || !authResult.token) return TokenService.unauthorized(authResult);
	if (!authResult.token.scopes.includes(SCOPE)) return { status: 403 };
	if (registrations && dataset) return registrations.list(dataset, new URLSearchParams(query), path);
	return feed.list(/** @type {Kind} */ (kind), new URLSearchParams(query), authResult.token.companyIds, path);
}

module.exports = { ChangeFeed, handleReporting, REPORTING_SCOPE: SCOPE };
