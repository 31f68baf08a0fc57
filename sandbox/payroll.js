// @ts-check
'use strict';
/**
 * The integration host's payroll export, `GET /core/api/payroll-export/readonly` (and the plain
 * `/core/api/payroll-export`, which locks nothing either as Ditio's samples call it): one summary
 * per employee per work day, made from the person hours of the time-registration dataset
 * (registrations.js) with a simple overtime rule (7.5 h a day normal, the next 2 h at 50 %, the
 * rest at 100 %). docs/ditio-api.md, "Payroll export", lists what is known of the real one.
 */
const E = require('./errors');

const DAY = 24 * 60 * 60 * 1000;
/** Longest work-date range of one call, in days, both ends counted. */
const MAX_RANGE_DAYS = 45;
const NORMAL_HOURS = 7.5;
const DATA_FILTERS = { 0: 'payrollApproved', 5: 'locked', 10: null };

const round = (/** @type {number} */ n) => Math.round(n * 100) / 100;
const iso = (/** @type {number} */ ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Is this /core/api/payroll-export[/readonly]? @param {string[]} segments */
function isPayrollExport(segments) {
	const s = segments.map((x) => x.toLowerCase());
	if (s[0] !== 'core' || s[1] !== 'api' || s[2] !== 'payroll-export') return false;
	const rest = s.slice(3).filter((x, i, all) => x !== '' || i < all.length - 1);
	return rest.length === 0 || (rest.length === 1 && rest[0] === 'readonly');
}

/**
 * @param {{ registrations: import('./registrations').Registrations, method: string, query: string,
 *   authResult: ReturnType<import('./token').TokenService['check']> }} request
 * @returns {import('./errors').Reply}
 */
function handlePayrollExport({ registrations, method, query, authResult }) {
	if (method !== 'GET') return { status: 405, headers: { Allow: 'GET' } };
	if (authResult.auth !== 'ok' || !authResult.token) return require('./token').TokenService.unauthorized(authResult);
	if (!authResult.token.scopes.includes('ditioapiv3')) return { status: 403 };
	const q = new URLSearchParams(query);
	const day = (/** @type {string} */ name, /** @type {number} */ fallback) => {
		const text = q.get(name);
		if (text === null) return Math.floor(fallback / DAY) * DAY;
		if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text.slice(0, 10)))) return NaN;
		return Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
	};
	const now = Date.now();
	const from = day('fromWorkDate', now - 14 * DAY);
	const to = day('toWorkDate', now);
	if (Number.isNaN(from)) return E.invalidArgument(`fromWorkDate '${q.get('fromWorkDate')}' is not a date`);
	if (Number.isNaN(to)) return E.invalidArgument(`toWorkDate '${q.get('toWorkDate')}' is not a date`);
	if (to < from) return E.invalidArgument('toWorkDate must not be before fromWorkDate');
	if ((to - from) / DAY + 1 > MAX_RANGE_DAYS) return E.invalidArgument(`The date range can span at most ${MAX_RANGE_DAYS} days`);
	let since = null;
	if (q.get('modifiedSinceDate') !== null) {
		since = day('modifiedSinceDate', now);
		if (Number.isNaN(since)) return E.invalidArgument(`modifiedSinceDate '${q.get('modifiedSinceDate')}' is not a date`);
		if (since < now - 366 * DAY) return E.invalidArgument('modifiedSinceDate can be at most one year back');
	}
	const filterText = q.get('dataFilter') ?? '0';
	if (!(filterText in DATA_FILTERS)) return E.invalidArgument(`dataFilter must be 0, 5 or 10, not '${filterText}'`);
	const flag = DATA_FILTERS[/** @type {'0' | '5' | '10'} */ (filterText)];

	/** @type {Map<string, { rows: Array<Record<string, any>>, modified: number }>} */
	const days = new Map();
	for (const entry of registrations.data.time.values()) {
		const r = entry.record;
		if (entry.deleted !== undefined || r.resourceTypeName !== 'Human') continue;
		const at = Date.parse(r.workDate);
		if (at < from || at > to || (flag && r[flag] !== true)) continue;
		const key = `${r.userId}|${r.workDate}`;
		const summary = days.get(key) ?? { rows: [], modified: 0 };
		summary.rows.push(r);
		summary.modified = Math.max(summary.modified, entry.modified);
		days.set(key, summary);
	}
	const out = [];
	for (const { rows, modified } of days.values()) {
		if (since !== null && modified < since) continue;
		const first = rows[0];
		const qty = round(rows.reduce((s, r) => s + Number(r.qty), 0));
		const overtime50 = round(Math.max(0, Math.min(qty - NORMAL_HOURS, 2)));
		const overtime100 = round(Math.max(0, qty - NORMAL_HOURS - 2));
		const overtimeLines = [];
		if (overtime50) overtimeLines.push({ payrollTypeId: '6a0000000000000000000050', name: 'Overtid 50%', lineType: 20, overtimeType: 0, sorting: 1, qty: overtime50 });
		if (overtime100) overtimeLines.push({ payrollTypeId: '6a0000000000000000000100', name: 'Overtid 100%', lineType: 30, overtimeType: 0, sorting: 2, qty: overtime100 });
		out.push({
			userId: first.userId, userName: first.userName, employeeNumber: first.userEmployeeNumber, transDateTime: first.workDate,
			qty, standardQty: round(qty - overtime50 - overtime100), overtime50Qty: overtime50, overtime100Qty: overtime100,
			breakQty: round(rows.reduce((s, r) => s + Number(r.breakQty ?? 0), 0)), modifiedDateTime: iso(modified), overtimeLines,
		});
	}
	out.sort((a, b) => Date.parse(a.transDateTime) - Date.parse(b.transDateTime) || String(a.employeeNumber).localeCompare(String(b.employeeNumber)));
	return E.ok(out);
}

module.exports = { isPayrollExport, handlePayrollExport, MAX_RANGE_DAYS };
