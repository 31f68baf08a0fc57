// @ts-check
'use strict';
/**
 * The absence push: POST, GET and DELETE under api/v5/integration/absences and, as an older
 * version of Ditio's samples has it, api/integration/absences (docs/ditio-api.md, Absences push).
 * The documented rules: upsert by externalId (trimmed, case-sensitive; 201 created, 200
 * updated), a type code must match exactly one active type (candidates listed), plain dates,
 * the period expands to work days (Monday to Friday) adjusted by `days`, `approved` only on
 * create, and settled days (payroll-approved or locked) frozen: a push must bring them back with
 * the same date and hours, and an absence with one cannot be deleted. A token without ditioapiv3
 * answers 401 here, not 403 (api.js). Where Ditio's status is unconfirmed, a refusal about
 * settled days answers 409.
 */
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */
/**
 * @typedef {{ id: string, companyId: string, code: string, name: string, active: boolean }} AbsenceType
 * @typedef {{ date: string, qty: number, payrollApproved: boolean, locked: boolean }} AbsenceDay
 * @typedef {{
 *   absenceRegistrationId: string, companyId: string, externalId: string, employeeNumber: string, userName: string,
 *   absenceTypeId: string, absenceTypeCode: string, absenceTypeName: string, startDate: string, endDate: string,
 *   hoursPerDay: number, projectNumber: string | null, projectName: string | null, comment: string | null,
 *   approved: boolean, days: AbsenceDay[],
 * }} Absence
 */

const FIELDS = ['externalId', 'employeeNumber', 'absenceTypeCode', 'absenceTypeId', 'startDate', 'endDate', 'hoursPerDay', 'projectNumber', 'projectCompanyId', 'comment', 'approved', 'days'];
const DEFAULT_HOURS = 7.5;
const DAY_MS = 86_400_000;

/** @param {string} companyId @param {string} externalId */
const keyOf = (companyId, externalId) => `${companyId}\u0000${externalId}`;
/** @param {string} field @param {string} message */
const invalid = (field, message) => E.validationFailed([E.fieldError(field, 'ValidationError', message)]);

/** A plain date, nothing more: a time or an offset is refused. @param {unknown} v */
function isDate(v) {
	const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** @param {string} from @param {string} to @returns {string[]} every date from `from` to `to`, both included */
function datesOf(from, to) {
	const out = [];
	for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
	return out;
}
/** @param {string} date */
const isWeekend = (date) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** The absence record as Ditio answers it. @param {Absence} a */
function shown(a) {
	const { companyId, ...rest } = a;
	return { ...rest, days: a.days.map((d) => ({ ...d })), daysQty: a.days.length };
}

/** @param {Context} ctx @param {string} externalId @returns {Absence | undefined} */
function find(ctx, externalId) {
	for (const companyId of ctx.companyIds) {
		const absence = ctx.store.absences.get(keyOf(companyId, externalId.trim()));
		if (absence) return absence;
	}
	return undefined;
}

/** @param {Absence} a */
const settledDays = (a) => a.days.filter((d) => d.payrollApproved || d.locked);
/** @param {AbsenceDay} d */
const settledAs = (d) => (d.locked ? 'låst' : 'lønnsgodkjent');

/** @param {Context} ctx @param {Record<string, unknown>} body @returns {AbsenceType | Reply} */
function typeOf(ctx, body) {
	const active = ctx.store.absenceTypes.filter((t) => t.active && ctx.companyIds.includes(t.companyId));
	const list = (/** @type {AbsenceType[]} */ types) => types.map((t) => `${t.code} ${t.name} (id ${t.id})`).join(', ');
	if (body.absenceTypeId !== undefined && body.absenceTypeId !== null && body.absenceTypeId !== '') {
		const type = active.find((t) => t.id === body.absenceTypeId);
		return type ?? invalid('AbsenceTypeId', `Fraværstype ${body.absenceTypeId} finnes ikke eller er ikke aktiv. Aktive typer: ${list(active)}`);
	}
	if (typeof body.absenceTypeCode !== 'string' || body.absenceTypeCode.trim() === '')
		return invalid('AbsenceTypeCode', 'AbsenceTypeCode or AbsenceTypeId is required.');
	const matches = active.filter((t) => t.code === body.absenceTypeCode);
	if (matches.length === 1) return matches[0];
	if (matches.length === 0) return invalid('AbsenceTypeCode', `No active absence type has code ${body.absenceTypeCode}. Candidates: ${list(active)}`);
	return invalid('AbsenceTypeCode', `Absence type code ${body.absenceTypeCode} matches ${matches.length} active types: ${list(matches)}. Send AbsenceTypeId instead.`);
}

/** The project by number, external number or external dimension; refused when several fit. @param {Context} ctx @param {Record<string, unknown>} body */
function projectOf(ctx, body) {
	const number = body.projectNumber;
	if (number === undefined || number === null || number === '') return undefined;
	const companies = typeof body.projectCompanyId === 'string' && body.projectCompanyId ? [body.projectCompanyId] : ctx.companyIds;
	const fits = [...ctx.store.projects.values()].filter(
		(p) => companies.includes(p.companyId) && ctx.companyIds.includes(p.companyId) && [p.projectNumber, p.externalProjectNumber, p.externalDimension1].includes(number),
	);
	if (fits.length === 1) return fits[0];
	if (fits.length === 0) return invalid('ProjectNumber', `Prosjekt ${number} finnes ikke`);
	return invalid('ProjectNumber', `Prosjekt ${number} is ambiguous: ${fits.map((p) => `${p.projectNumber} ${p.name ?? ''}`.trim()).join(', ')}. Send ProjectCompanyId.`);
}

/**
 * The days of the period: its work days at hoursPerDay, then `days` (inside the period only) set
 * hours, add a weekend day, or remove a day with qty 0.
 * @param {string} startDate @param {string} endDate @param {number} hours @param {unknown[]} adjustments
 */
function expand(startDate, endDate, hours, adjustments) {
	/** @type {Map<string, number>} */
	const days = new Map(datesOf(startDate, endDate).filter((d) => !isWeekend(d)).map((d) => [d, hours]));
	for (const raw of adjustments) {
		const { date, qty } = /** @type {{ date: string, qty: number }} */ (raw);
		if (date < startDate || date > endDate) continue;
		if (qty === 0) days.delete(date);
		else days.set(date, qty);
	}
	return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, qty]) => ({ date, qty }));
}

/** @param {unknown} days @returns {Reply | undefined} */
function checkDays(days) {
	if (days === undefined || days === null) return undefined;
	if (!Array.isArray(days)) return invalid('Days', 'Days must be an array of { date, qty }.');
	for (const [i, d] of days.entries()) {
		if (typeof d !== 'object' || d === null || !isDate(d.date)) return invalid(`Days[${i}].Date`, 'The Date field must be a date yyyy-MM-dd.');
		if (typeof d.qty !== 'number' || d.qty < 0 || d.qty > 24) return invalid(`Days[${i}].Qty`, 'The Qty field must be hours from 0 to 24.');
	}
	return undefined;
}

/** POST: create or update by externalId. @param {Context} ctx */
function upsert(ctx) {
	const body = ctx.body;
	for (const name of Object.keys(body)) if (!FIELDS.includes(name)) return invalid(name, `The field ${name} is not known.`);
	const externalId = typeof body.externalId === 'string' ? body.externalId.trim() : '';
	if (!externalId) return invalid('ExternalId', 'The ExternalId field is required.');
	const employee = typeof body.employeeNumber === 'string' ? ctx.store.employees.get(body.employeeNumber) : undefined;
	if (!employee || !ctx.companyIds.includes(employee.companyId)) return invalid('EmployeeNumber', `Ansatt med ansattnummer ${body.employeeNumber} finnes ikke`);
	const type = typeOf(ctx, body);
	if ('status' in type) return type;
	for (const name of ['startDate', 'endDate'])
		if (!isDate(body[name])) return invalid(name[0].toUpperCase() + name.slice(1), `The ${name} field must be a plain date yyyy-MM-dd, without a time.`);
	const startDate = /** @type {string} */ (body.startDate);
	const endDate = /** @type {string} */ (body.endDate);
	if (endDate < startDate) return invalid('EndDate', 'EndDate must not be before StartDate.');
	const hours = body.hoursPerDay === undefined || body.hoursPerDay === null ? DEFAULT_HOURS : body.hoursPerDay;
	if (typeof hours !== 'number' || hours < 0 || hours > 24) return invalid('HoursPerDay', 'HoursPerDay must be hours from 0 to 24.');
	const refusedDays = checkDays(body.days);
	if (refusedDays) return refusedDays;
	const project = projectOf(ctx, body);
	if (project && 'status' in project) return project;

	const key = keyOf(employee.companyId, externalId);
	const existing = ctx.store.absences.get(key);
	const planned = expand(startDate, endDate, hours, /** @type {unknown[]} */ (body.days ?? []));
	// Settled days are frozen: each must come back with the same date and hours.
	for (const day of existing ? settledDays(existing) : []) {
		const again = planned.find((d) => d.date === day.date);
		if (!again || again.qty !== day.qty)
			return E.ditioError(409, 'AbsenceDaySettled', `Fraværsdagen ${day.date} er ${settledAs(day)} og kan ikke endres (${day.qty} timer)`);
	}
	const before = new Map((existing?.days ?? []).map((d) => [d.date, d]));
	/** @type {Absence} */
	const record = {
		absenceRegistrationId: existing?.absenceRegistrationId ?? ctx.store.newId(),
		companyId: employee.companyId,
		externalId,
		employeeNumber: employee.employeeNumber,
		userName: `${employee.firstName} ${employee.lastName}`.trim(),
		absenceTypeId: type.id,
		absenceTypeCode: type.code,
		absenceTypeName: type.name,
		startDate,
		endDate,
		hoursPerDay: hours,
		projectNumber: project ? project.projectNumber : null,
		projectName: project ? (project.name ?? null) : null,
		comment: typeof body.comment === 'string' ? body.comment : null,
		// Applied only on create, ignored later in both directions.
		approved: existing ? existing.approved : body.approved === true,
		days: planned.map((d) => ({ ...d, payrollApproved: before.get(d.date)?.payrollApproved ?? false, locked: before.get(d.date)?.locked ?? false })),
	};
	ctx.store.absences.set(key, record);
	return existing ? E.ok(shown(record)) : E.created(shown(record));
}

/** @param {Context} ctx @param {string} externalId */
function get(ctx, externalId) {
	const absence = find(ctx, externalId);
	return absence ? E.ok(shown(absence)) : E.notFound(`Fravær med externalId ${externalId.trim()} finnes ikke`);
}

/** DELETE: cancels; refused while a day is settled. @param {Context} ctx @param {string} externalId */
function remove(ctx, externalId) {
	const absence = find(ctx, externalId);
	if (!absence) return E.notFound(`Fravær med externalId ${externalId.trim()} finnes ikke`);
	const settled = settledDays(absence)[0];
	if (settled) return E.ditioError(409, 'AbsenceDaySettled', `Fraværet kan ikke slettes: dagen ${settled.date} er ${settledAs(settled)}`);
	ctx.store.absences.delete(keyOf(absence.companyId, absence.externalId));
	return E.noContent();
}

const ROUTES = /** @type {Array<[string, string, (ctx: Context, ...params: string[]) => Reply]>} */ ([
	['POST', 'absences', upsert],
	['GET', 'absences/{externalId}', get],
	['DELETE', 'absences/{externalId}', remove],
]);

/** Routes after /core/api/: both paths Ditio's samples name. */
const ABSENCE_ROUTES = ROUTES.flatMap(([method, template, handler]) => [
	/** @type {[string, string, typeof handler]} */ ([method, `v5/integration/${template}`, handler]),
	/** @type {[string, string, typeof handler]} */ ([method, `integration/${template}`, handler]),
]);

/** Handlers that answer 401, not 403, to a token without the integration scope. */
const UNAUTHORIZED_WITHOUT_SCOPE = new Set([upsert, get, remove]);

/**
 * Marks a day of an absence payroll-approved or locked, as payroll does in Ditio (tests, demos).
 * @param {import('./store').Store} store @param {{ externalId: string, date: string, state?: 'payrollApproved' | 'locked', companyId?: string }} what
 */
function settleDay(store, { externalId, date, state = 'payrollApproved', companyId }) {
	const absence = [...store.absences.values()].find((a) => a.externalId === externalId && (companyId === undefined || a.companyId === companyId));
	if (!absence) throw new Error(`no absence with externalId ${externalId}`);
	const day = absence.days.find((d) => d.date === date);
	if (!day) throw new Error(`absence ${externalId} has no day ${date}; its days: ${absence.days.map((d) => d.date).join(', ')}`);
	if (state !== 'payrollApproved' && state !== 'locked') throw new Error(`state must be payrollApproved or locked, not ${state}`);
	day[state] = true;
	return shown(absence);
}

/**
 * The demo's absence types: two with the same code (so a code can be ambiguous) and an inactive
 * one with the code of an active one (which must not count).
 * @param {import('./store').Store} store @param {string} companyId
 */
function loadDemoAbsenceTypes(store, companyId) {
	const types = [
		['700', 'Egenmelding', true],
		['710', 'Sykemelding', true],
		['800', 'Ferie', true],
		['750', 'Permisjon med lønn', true],
		['750', 'Permisjon uten lønn', true],
		['700', 'Egenmelding (gammel)', false],
	];
	types.forEach(([code, name, active], i) =>
		store.absenceTypes.push({ id: `ab5e${String(i + 1).padStart(20, '0')}`, companyId, code: String(code), name: String(name), active: Boolean(active) }),
	);
}

module.exports = { ABSENCE_ROUTES, UNAUTHORIZED_WITHOUT_SCOPE, settleDay, loadDemoAbsenceTypes };
