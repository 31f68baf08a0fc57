// @ts-check
'use strict';
/**
 * The certificates endpoint: POST api/v4/integration/certificates with a JSON array
 * (docs/ditio-api.md, Certificates). Upsert keyed on employee number + certificate type; the
 * employee must exist in the client's companies; issued before valid-until. Whether one bad item
 * fails the whole array is unconfirmed at Ditio: the sandbox checks every item first and saves
 * none when any is refused, naming each refused one by its index (`[2].ValidUntilDateTime`).
 */
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */
/**
 * @typedef {{
 *   id: string, companyId: string, employeeNumber: string, certificateType: string,
 *   issuedDateTime: string, validUntilDateTime: string, certificateNumber: string | null, notes: string | null,
 * }} Certificate
 */

const FIELDS = ['employeeNumber', 'certificateType', 'issuedDateTime', 'validUntilDateTime', 'certificateNumber', 'notes'];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** @param {string} companyId @param {string} employeeNumber @param {string} type */
const keyOf = (companyId, employeeNumber, type) => `${companyId}\u0000${employeeNumber}\u0000${type}`;
/** @param {string} name */
const pascal = (name) => name[0].toUpperCase() + name.slice(1);
/** @param {unknown} v */
const instant = (v) => (typeof v === 'string' && DATE_TIME.test(v) ? Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(v) || v.length === 10 ? v : `${v}Z`) : NaN);
/** .NET's form of an instant. @param {number} ms */
const utc = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * The company of the employee with this number among the client's companies, if any.
 * @param {Context} ctx @param {unknown} employeeNumber
 */
function companyOf(ctx, employeeNumber) {
	const employee = typeof employeeNumber === 'string' ? ctx.store.employees.get(employeeNumber) : undefined;
	return employee && ctx.companyIds.includes(employee.companyId) ? employee.companyId : undefined;
}

/** @param {Context} ctx @param {Record<string, unknown>} c @param {number} i @returns {import('./errors').FieldError[]} */
function problemsOf(ctx, c, i) {
	const at = (/** @type {string} */ name) => `[${i}].${pascal(name)}`;
	if (typeof c !== 'object' || c === null || Array.isArray(c)) return [E.fieldError(`[${i}]`, 'ValidationError', 'Each certificate must be a JSON object.')];
	const errors = [];
	for (const name of ['employeeNumber', 'certificateType', 'issuedDateTime', 'validUntilDateTime'])
		if (typeof c[name] !== 'string' || /** @type {string} */ (c[name]).trim() === '')
			errors.push(E.fieldError(at(name), 'ValidationError', `The ${pascal(name)} field is required.`));
	if (errors.length) return errors;
	if (!companyOf(ctx, c.employeeNumber))
		errors.push(E.fieldError(at('employeeNumber'), 'NotFound', `Ansatt med ansattnummer ${c.employeeNumber} finnes ikke`));
	const issued = instant(c.issuedDateTime);
	const until = instant(c.validUntilDateTime);
	if (Number.isNaN(issued)) errors.push(E.fieldError(at('issuedDateTime'), 'ValidationError', 'The IssuedDateTime field must be a date-time.'));
	if (Number.isNaN(until)) errors.push(E.fieldError(at('validUntilDateTime'), 'ValidationError', 'The ValidUntilDateTime field must be a date-time.'));
	if (!Number.isNaN(issued) && !Number.isNaN(until) && issued >= until)
		errors.push(E.fieldError(at('validUntilDateTime'), 'ValidationError', 'ValidUntilDateTime must be after IssuedDateTime.'));
	for (const name of ['certificateNumber', 'notes'])
		if (c[name] !== undefined && c[name] !== null && typeof c[name] !== 'string')
			errors.push(E.fieldError(at(name), 'ValidationError', `The ${pascal(name)} field must be a string.`));
	for (const name of Object.keys(c)) if (!FIELDS.includes(name)) errors.push(E.fieldError(at(name), 'UnknownField', `The field ${name} is not known.`));
	return errors;
}

/** POST certificates: every item checked, then all saved, or none. @param {Context} ctx */
function upsert(ctx) {
	const list = /** @type {unknown} */ (ctx.body);
	if (!Array.isArray(list)) return E.invalidBody('The body must be a JSON array of certificates');
	if (list.length === 0) return E.invalidBody('The array of certificates is empty');
	const errors = list.flatMap((c, i) => problemsOf(ctx, c, i));
	if (errors.length) return E.validationFailed(errors);
	const saved = list.map((c) => {
		const companyId = /** @type {string} */ (companyOf(ctx, c.employeeNumber));
		const employeeNumber = c.employeeNumber.trim();
		const certificateType = c.certificateType.trim();
		const key = keyOf(companyId, employeeNumber, certificateType);
		const existing = ctx.store.certificates.get(key);
		/** @type {Certificate} */
		const record = {
			id: existing?.id ?? ctx.store.newId(),
			companyId,
			employeeNumber,
			certificateType,
			issuedDateTime: utc(instant(c.issuedDateTime)),
			validUntilDateTime: utc(instant(c.validUntilDateTime)),
			certificateNumber: c.certificateNumber ?? existing?.certificateNumber ?? null,
			notes: c.notes ?? existing?.notes ?? null,
		};
		ctx.store.certificates.set(key, record);
		return { ...record, created: !existing };
	});
	return E.ok(saved);
}

/** Routes after /core/api/v4/integration/. */
const CERTIFICATE_ROUTES = /** @type {Array<[string, string, (ctx: Context, ...params: string[]) => Reply]>} */ ([['POST', 'certificates', upsert]]);

/** Handlers whose body is a JSON array, not an object. */
const ARRAY_BODIES = new Set([upsert]);

module.exports = { CERTIFICATE_ROUTES, ARRAY_BODIES };
