// @ts-check
'use strict';
/**
 * The Data Extraction API's registration datasets under /reporting/v1/: time, machine and
 * absence registrations, generated from a seed (the same seed gives the same data), over the
 * month before the day the sandbox was reset. docs/ditio-api.md, "Data Extraction", lists what
 * is known of the real ones; the fields are those of Ditio's Power BI template.
 *
 * Every record carries a modified time; `update()` and `remove()` change one from a test
 * (a late approval, a deletion) and stamp it with now. A deleted record is a tombstone: it is
 * only in incremental answers, as `id`, `isDeleted`, `deletedDateTime`, `modifiedDateTime` and
 * every other field null.
 */
const E = require('./errors');

const DEFAULT_CHUNK = 2500;
const MAX_CHUNK = 10000;
const DAY = 24 * 60 * 60 * 1000;

/** @typedef {'time' | 'machine' | 'absence'} Dataset */
/** @typedef {{ record: Record<string, any>, modified: number, deleted?: number, owner: 'own' | 'subsidiary' | 'external' }} Entry */

/**
 * Per dataset: the date field of a full-sync window, whether From and To must come together,
 * and the extra boolean filters (parameter → record field).
 * @type {Record<Dataset, { windowField: string, together: boolean, filters: Record<string, string> }>}
 */
const DATASETS = {
	time: { windowField: 'workDate', together: false, filters: {} },
	machine: { windowField: 'stopDateTime', together: true, filters: {} },
	absence: { windowField: 'date', together: false, filters: { Approved: 'approved', ApprovedPayroll: 'payrollApproved', Locked: 'locked' } },
};

const ROUTES = /** @type {Record<string, Dataset>} */ ({
	'v1/time-registrations': 'time',
	'v1/machine-registrations': 'machine',
	'v1/absence-registrations': 'absence',
});

/** .NET's UTC text, milliseconds only when not zero. @param {number} ms */
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A small deterministic generator (mulberry32). @param {number} seed */
function random(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A 24-hex id from a prefix and a number, so generated ids never meet the demo's. @param {string} prefix @param {number} n */
const hexId = (prefix, n) => prefix + n.toString(16).padStart(24 - prefix.length, '0');

const PEOPLE = [
	['Kari Nordmann', '1001'], ['Ola Hansen', '1002'], ['Ingrid Berg', '1003'], ['Per Johansen', '1004'],
	['Siri Larsen', '1005'], ['Jonas Olsen', '1006'], ['Marte Dahl', '1007'], ['Emil Haugen', '1008'],
];
const MACHINES = [['Gravemaskin CAT 320', 'M-01'], ['Hjullaster Volvo L60', 'M-02'], ['Dumper Volvo A30', 'M-03']];
const ABSENCE_TYPES = [['SYK', 'Egenmelding'], ['FER', 'Ferie'], ['VEL', 'Velferdspermisjon']];

class Registrations {
	/** @param {{ projects: Array<Record<string, any>>, tasks: Array<Record<string, any>> }} [catalogue] */
	constructor(catalogue) {
		/** @type {Record<Dataset, Map<string, Entry>>} */
		this.data = { time: new Map(), machine: new Map(), absence: new Map() };
		/** Page size without ChunkLimit; tests lower it to see several pages. */
		this.defaultChunk = DEFAULT_CHUNK;
		this.catalogue = catalogue ?? { projects: [], tasks: [] };
	}

	clear() {
		for (const map of Object.values(this.data)) map.clear();
		this.added = 0;
	}

	/**
	 * A month of registrations up to yesterday: each person each weekday on a work order of an
	 * active project, approved by the foreman after three days, payroll-approved after a week, locked
	 * after two; some corrected later, some deleted; machine hours and absence days beside them.
	 * Seed data counts as last changed when it was approved (or made), at the latest a day ago.
	 * @param {{ seed?: number, days?: number, people?: number, now?: number, perDay?: number }} [options]
	 */
	generate({ seed = 22, days = 30, people = PEOPLE.length, now = Date.now(), perDay = 1 } = {}) {
		this.clear();
		const rnd = random(seed);
		const today = Math.floor(now / DAY) * DAY;
		const tasks = this.catalogue.tasks.filter((t) => t.active && this.catalogue.projects.some((p) => p.id === t.projectId && p.active));
		if (!tasks.length) return;
		const projectOf = (/** @type {string} */ id) => /** @type {Record<string, any>} */ (this.catalogue.projects.find((p) => p.id === id));
		let n = 0;
		for (let d = days; d >= 1; d--) {
			const day = today - d * DAY;
			const weekday = new Date(day).getUTCDay();
			if (weekday === 0 || weekday === 6) continue;
			for (let p = 0; p < people; p++) {
				const [userName, employeeNumber] = PEOPLE[p % PEOPLE.length];
				const userId = hexId('a1', p + 1);
				for (let k = 0; k < perDay; k++) {
					n++;
					const task = tasks[Math.floor(rnd() * tasks.length)];
					const project = projectOf(task.projectId);
					const start = day + 7 * 3600_000;
					const qty = [7.5, 7.5, 8, 9, 10][Math.floor(rnd() * 5)];
					const stop = start + (qty + 0.5) * 3600_000;
					const approvedAt = d >= 4 ? day + 3 * DAY : null;
					const payrollAt = d >= 7 ? day + 7 * DAY : null;
					const lockedAt = d >= 14 ? day + 14 * DAY : null;
					const modified = Math.min(now - DAY, lockedAt ?? payrollAt ?? approvedAt ?? stop);
					const owner = n % 17 === 0 ? 'subsidiary' : n % 19 === 0 ? 'external' : 'own';
					const record = {
						id: hexId('b1', n), projectId: project.id, projectCompanyId: project.companyId, taskId: task.id,
						taskChapterId: null, taskPieceWorkId: null, resourceId: hexId('c1', p + 1), userId,
						workDate: iso(day), startDateTime: iso(start), stopDateTime: iso(stop),
						approvedDateTime: approvedAt && iso(approvedAt), payrollApprovedDateTime: payrollAt && iso(payrollAt),
						lockedDateTime: lockedAt && iso(lockedAt), createdDateTime: iso(stop), modifiedDateTime: iso(modified),
						qty, breakQty: 0.5, unitQty: qty, unitPrice: 650, price: 650, amount: qty * 650,
						approved: approvedAt !== null, payrollApproved: payrollAt !== null, locked: lockedAt !== null, invoiced: false, isDeleted: false,
						unitName: 'timer', description: null, descriptionInternal: null,
						approvedByName: approvedAt ? 'Bas Bjørnsen' : null, lockedByName: lockedAt ? 'Lønn Lie' : null,
						projectNumber: project.projectNumber, projectName: project.name, projectExternalNumber: project.externalProjectNumber ?? null,
						taskName: task.name, taskWbsNumber: task.externalId,
						resourceNumber: employeeNumber, resourceName: userName, resourceTypeName: 'Human',
						userName, userEmployeeNumber: employeeNumber,
					};
					this.data.time.set(record.id, { record, modified, owner });
					// A correction made later: the hours changed after approval was withdrawn.
					if (n % 11 === 0 && d >= 3) this.#touch('time', record.id, { qty: qty - 1, amount: (qty - 1) * 650 }, now - DAY + n * 1000);
					// A few registrations were deleted.
					if (n % 23 === 0) this.#delete('time', record.id, now - DAY + n * 1000);
				}
				if (p < MACHINES.length) {
					const [machineName, resourceNumber] = MACHINES[p];
					const task = tasks[Math.floor(rnd() * tasks.length)];
					const project = projectOf(task.projectId);
					const start = day + 7 * 3600_000;
					const qty = 6 + Math.floor(rnd() * 4);
					const stop = start + qty * 3600_000;
					const id = hexId('d1', n);
					const modified = Math.min(now - DAY, stop + DAY);
					this.data.machine.set(id, {
						record: {
							id, startDateTime: iso(start), stopDateTime: iso(stop), createdDateTime: iso(stop), modifiedDateTime: iso(modified),
							qty, description: null, approved: d >= 2, machineId: hexId('e1', p + 1), machineName, resourceNumber,
							machineTypeName: 'Anleggsmaskin', driverId: userId, driverName: userName, driverCompanyName: 'Demo Entreprenør AS',
							projectId: project.id, projectNumber: project.projectNumber, projectName: project.name,
							projectExternalNumber: project.externalProjectNumber ?? null, projectCompanyName: 'Demo Entreprenør AS', isDeleted: false,
						},
						modified, owner: 'own',
					});
				}
			}
			// One absence day per weekday, in turn among the people.
			const p = d % people;
			const [type, typeName] = ABSENCE_TYPES[d % ABSENCE_TYPES.length];
			const id = hexId('f1', d);
			const modified = Math.min(now - DAY, day + 3 * DAY);
			this.data.absence.set(id, {
				record: {
					id, registrationId: hexId('f2', d), date: iso(day), startTime: iso(day + 7 * 3600_000), qty: 7.5,
					approvedDateTime: d >= 2 ? iso(day + 2 * DAY) : null, payrollApprovedDateTime: d >= 7 ? iso(day + 7 * DAY) : null,
					lockedDateTime: d >= 14 ? iso(day + 14 * DAY) : null, modifiedDateTime: iso(modified),
					absenceTypeId: hexId('f3', d % ABSENCE_TYPES.length), absenceTypeCode: type, absenceTypeName: typeName,
					employeeNumber: PEOPLE[p % PEOPLE.length][1], userId: hexId('a1', p + 1), projectId: null, approvedByName: d >= 2 ? 'Bas Bjørnsen' : null,
					pdfUrl: null, approved: d >= 2, payrollApproved: d >= 7, locked: d >= 14, isDeleted: false,
				},
				modified, owner: 'own',
			});
		}
	}

	/** Changes a registration's fields from a test (a late approval, a correction), stamped now. @param {Dataset} dataset @param {string} id @param {Record<string, unknown>} fields */
	update(dataset, id, fields, now = Date.now()) {
		if (!this.data[dataset].get(id)) throw new Error(`no ${dataset} registration ${id}`);
		this.#touch(dataset, id, fields, now);
		return this.data[dataset].get(id)?.record;
	}

	/**
	 * Adds a registration from a test (hours registered just now, not yet approved), like the
	 * dataset's first live record otherwise, stamped now; answers the record.
	 * @param {Dataset} dataset @param {Record<string, unknown>} [fields]
	 */
	add(dataset, fields = {}, now = Date.now()) {
		const template = this.live(dataset)[0];
		if (!template) throw new Error(`no ${dataset} registration to model a new one on`);
		this.added = (this.added ?? 0) + 1;
		const id = hexId('b9', this.added);
		/** @type {Record<string, any>} */
		const record = { ...template, id, createdDateTime: iso(now), modifiedDateTime: iso(now) };
		for (const flag of ['approved', 'payrollApproved', 'locked']) if (flag in record) record[flag] = false;
		for (const time of ['approvedDateTime', 'payrollApprovedDateTime', 'lockedDateTime']) if (time in record) record[time] = null;
		for (const name of ['approvedByName', 'lockedByName']) if (name in record) record[name] = null;
		Object.assign(record, fields);
		this.data[dataset].set(id, { record, modified: now, owner: 'own' });
		return record;
	}

	/** Deletes a registration from a test: from now on it is a tombstone. @param {Dataset} dataset @param {string} id */
	remove(dataset, id, now = Date.now()) {
		if (!this.data[dataset].get(id)) throw new Error(`no ${dataset} registration ${id}`);
		this.#delete(dataset, id, now);
	}

	/** The live records of a dataset, as a test compares with. @param {Dataset} dataset */
	live(dataset) {
		return [...this.data[dataset].values()].filter((e) => e.deleted === undefined).map((e) => e.record);
	}

	/** @param {Dataset} dataset @param {string} id @param {Record<string, unknown>} fields @param {number} now */
	#touch(dataset, id, fields, now) {
		const entry = /** @type {Entry} */ (this.data[dataset].get(id));
		entry.record = { ...entry.record, ...fields, modifiedDateTime: iso(now) };
		entry.modified = now;
		// Moved to the end: Map order is not the feed's order, but keeps a changed record findable last.
		this.data[dataset].delete(id);
		this.data[dataset].set(id, entry);
	}

	/** @param {Dataset} dataset @param {string} id @param {number} now */
	#delete(dataset, id, now) {
		const entry = /** @type {Entry} */ (this.data[dataset].get(id));
		entry.deleted = now;
		entry.modified = now;
	}

	/**
	 * GET /reporting/v1/{time,machine,absence}-registrations.
	 * @param {Dataset} dataset @param {URLSearchParams} query @param {string} path
	 * @returns {import('./errors').Reply}
	 */
	list(dataset, query, path) {
		const table = DATASETS[dataset];
		const param = (/** @type {string} */ name) => {
			for (const [k, v] of query) if (k.toLowerCase() === name.toLowerCase()) return v;
			return undefined;
		};
		const time = (/** @type {string} */ name) => {
			const text = param(name);
			if (text === undefined) return { ms: null };
			const ms = Date.parse(text);
			return Number.isNaN(ms) ? { error: E.invalidArgument(`${name} '${text}' is not a date`) } : { ms };
		};
		const parsed = ['FromDateTime', 'ToDateTime', 'ModifiedSince', 'ModifiedBefore'].map(time);
		const bad = parsed.find((p) => p.error);
		if (bad?.error) return bad.error;
		const [fromMs, toMs, sinceMs, beforeMs] = parsed.map((p) => /** @type {number | null} */ (p.ms));
		if (beforeMs !== null && sinceMs === null) return E.argumentIsNull('ModifiedSince');
		if (beforeMs !== null && sinceMs !== null && beforeMs <= sinceMs) return E.invalidArgument('ModifiedBefore must be later than ModifiedSince');
		if (table.together && (fromMs === null) !== (toMs === null)) return E.invalidArgument('FromDateTime and ToDateTime must be given together');
		const chunkText = param('ChunkLimit');
		const asked = chunkText === undefined ? this.defaultChunk : Math.floor(Number(chunkText));
		const chunk = Number.isFinite(asked) ? Math.min(MAX_CHUNK, Math.max(1, asked)) : this.defaultChunk; // clamped, not an error
		const projectId = param('ProjectId')?.toLowerCase() ?? null;
		const own = param('OwnCompanyDataOnly')?.toLowerCase() === 'true';
		const noSubsidiaries = param('ExcludeDataFromSubsidiaries')?.toLowerCase() === 'true';
		const flags = Object.entries(table.filters).flatMap(([name, field]) => {
			const v = param(name)?.toLowerCase();
			return v === 'true' || v === 'false' ? [{ field, value: v === 'true' }] : [];
		});
		const type = sinceMs === null ? 'full' : 'incremental';
		const fingerprint = JSON.stringify([fromMs, toMs, sinceMs, beforeMs, projectId, own, noSubsidiaries, flags]);

		/** @type {{ t: string, f: string, m: number, id: string } | undefined} */
		let from;
		const token = param('ContinuationToken');
		if (token) {
			try {
				from = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
			} catch {
				return E.invalidArgument('ContinuationToken is not valid');
			}
			if (!from || from.t !== type) return E.invalidArgument(`ContinuationToken belongs to a ${from?.t ?? 'different'} sync, this is a ${type} sync`);
			if (from.f !== fingerprint) return E.invalidArgument('ContinuationToken was issued for other parameters');
		}
		// A full sync is ordered by the window's date, an incremental one by modified time.
		const position = (/** @type {[string, Entry]} */ [, e]) => (type === 'full' ? Date.parse(e.record[table.windowField]) : e.modified);
		const rows = [...this.data[dataset].entries()]
			.filter(([, e]) => (type === 'full' ? e.deleted === undefined : e.modified >= /** @type {number} */ (sinceMs)))
			.filter(([, e]) => beforeMs === null || e.modified < beforeMs)
			.filter(([, e]) => {
				if (fromMs === null && toMs === null) return true;
				if (e.deleted !== undefined) return true; // a tombstone has no date left to window on
				const at = Date.parse(e.record[table.windowField]);
				return (fromMs === null || at >= fromMs) && (toMs === null || at <= toMs);
			})
			.filter(([, e]) => projectId === null || e.deleted !== undefined || String(e.record.projectId).toLowerCase() === projectId)
			.filter(([, e]) => !(own && e.owner === 'external') && !(noSubsidiaries && e.owner === 'subsidiary'))
			.filter(([, e]) => e.deleted !== undefined || flags.every((f) => e.record[f.field] === f.value))
			.map((row) => /** @type {[string, Entry, number]} */ ([row[0], row[1], position(row)]))
			.sort(([a, , pa], [b, , pb]) => pa - pb || (a < b ? -1 : a > b ? 1 : 0))
			.filter(([id, , at]) => !from || at > from.m || (at === from.m && id > from.id));
		// An incremental page never splits one modified time: it may run past the chunk to keep
		// them together. A full sync's cursor holds the id too, so it cuts at the chunk exactly.
		let end = Math.min(chunk, rows.length);
		while (type === 'incremental' && end < rows.length && rows[end][2] === rows[end - 1][2]) end++;
		const page = rows.slice(0, end);
		const last = page[page.length - 1];
		const next = end < rows.length && last ? Buffer.from(JSON.stringify({ t: type, f: fingerprint, m: last[2], id: last[0] })).toString('base64url') : null;
		const data = page.map(([id, e]) =>
			e.deleted === undefined
				? e.record
				: { ...Object.fromEntries(Object.keys(e.record).map((k) => [k, null])), id, isDeleted: true, deletedDateTime: iso(e.deleted), modifiedDateTime: iso(e.deleted) },
		);
		let nextLink = null;
		if (next) {
			const q = new URLSearchParams(query);
			for (const k of [...q.keys()]) if (k.toLowerCase() === 'continuationtoken') q.delete(k);
			q.set('ContinuationToken', next);
			nextLink = `${path.replace(/^\/reporting/i, '')}?${q}`;
		}
		return E.ok({
			data,
			continuationToken: next,
			links: { next: nextLink },
			syncTypeName: type,
			recordCount: data.length,
			deletedRecordCount: data.filter((r) => r.isDeleted === true).length,
		});
	}
}

/** The dataset a path under /reporting/ names, if it is one of these. @param {string[]} segments after `reporting` */
function datasetOf(segments) {
	const route = segments.filter((s, i) => s !== '' || i < segments.length - 1).join('/').toLowerCase();
	return ROUTES[route];
}

module.exports = { Registrations, datasetOf, PEOPLE };
