// @ts-check
'use strict';
/**
 * Checks a request body against a field table (fields.js) as strictly as the
 * real API's model binding: exact names, exact JSON types, no unknown fields.
 */
const { fieldError } = require('./errors');
const { isId } = require('./ids');

/** @typedef {import('./fields').FieldTable} FieldTable @typedef {import('./fields').FieldDef} FieldDef */
/** @typedef {import('./errors').FieldError} FieldError */

const DATETIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const INT32_MAX = 2147483647;

/**
 * An ISO-8601 date or date-time that is a real calendar date, normalised to
 * UTC as .NET writes a DateTime back (`2026-03-01T00:00:00Z`, milliseconds
 * only when not zero). A date or time without offset is taken as UTC.
 * @param {string} text
 * @returns {string | undefined} the normalised value, or undefined when not valid
 */
function normaliseDateTime(text) {
	const m = DATETIME.exec(text);
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
	const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
	if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // 2026-02-30
	date.setUTCHours(hour, minute, second, millis);
	const offset = m[8];
	if (offset && offset !== 'Z') {
		const [oh, om] = offset.slice(1).split(':').map(Number);
		if (oh > 14 || om > 59) return undefined;
		const sign = offset[0] === '+' ? 1 : -1;
		date.setTime(date.getTime() - sign * (oh * 60 + om) * 60000);
	}
	const y = date.getUTCFullYear();
	if (y < 1 || y > 9999) return undefined;
	return date.toISOString().replace('.000Z', 'Z');
}

/** @param {unknown} v @returns {boolean} */
const isBlank = (v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * @param {FieldDef} def
 * @param {unknown} value
 * @returns {{ value: unknown } | FieldError}
 */
function checkValue(def, value) {
	const { name, type } = def;
	const wrongType = (/** @type {string} */ expected) =>
		fieldError(name, 'InvalidType', `'${name}' must be ${expected}.`);
	// Required fields that are blank are reported by requiredMissing(), in the older format.
	if (def.required && isBlank(value)) return { value };
	switch (type) {
		case 'string':
			if (value === null || typeof value === 'string') return { value };
			return wrongType('a string or null');
		case 'id':
			if (value === null) return { value };
			if (typeof value !== 'string') return wrongType('a string or null');
			if (!isId(value)) return fieldError(name, 'InvalidId', `'${name}' must be a Ditio id (24 hexadecimal characters).`);
			return { value: value.toLowerCase() };
		case 'bool':
			if (typeof value === 'boolean') return { value };
			return wrongType('true or false');
		case 'double':
		case 'int': {
			if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType(type === 'int' ? 'an integer' : 'a number');
			if (type === 'int' && (!Number.isInteger(value) || Math.abs(value) > INT32_MAX)) return wrongType('an integer');
			if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max))
				return fieldError(name, 'OutOfRange', `'${name}' must be between ${def.min} and ${def.max}.`);
			return { value };
		}
		case 'datetime': {
			if (value === null) return { value };
			if (typeof value !== 'string') return wrongType('an ISO-8601 date string or null');
			const normalised = normaliseDateTime(value);
			if (normalised === undefined)
				return fieldError(name, 'InvalidFormat',
					`'${name}' must be an ISO-8601 date or date-time, e.g. 2026-03-01 or 2026-03-01T00:00:00Z.`);
			return { value: normalised };
		}
		case 'time':
			if (value === null) return { value };
			if (typeof value !== 'string') return wrongType('a string (HH:mm) or null');
			if (!TIME.test(value)) return fieldError(name, 'InvalidFormat', `'${name}' must be a time of day as HH:mm (00:00-23:59).`);
			return { value };
	}
}

/**
 * Checks every field of a body. `id` may appear in a PUT/PATCH body when it
 * equals the id of the path (a client sending back a record it read).
 * @param {FieldTable} table
 * @param {Record<string, unknown>} body
 * @param {{ pathId?: string, allowReadOnly?: boolean }} [options] allowReadOnly: for store/admin setup
 * @returns {{ errors: FieldError[], values: Record<string, unknown> }} values: the checked, normalised fields
 */
function checkFields(table, body, options = {}) {
	/** @type {FieldError[]} */
	const errors = [];
	/** @type {Record<string, unknown>} */
	const values = {};
	for (const [name, value] of Object.entries(body)) {
		if (name === 'id') {
			if (options.pathId !== undefined && typeof value === 'string' && value.toLowerCase() === options.pathId) continue;
			errors.push(options.pathId === undefined
				? fieldError('id', 'ReadOnly', "'id' is set by Ditio and cannot be sent.")
				: fieldError('id', 'IdMismatch', "'id' in the body differs from the id in the path."));
			continue;
		}
		const def = table.byName.get(name);
		if (!def) {
			errors.push(fieldError(name, 'UnknownField', `'${name}' is not a field of this record.`));
			continue;
		}
		if (def.readOnly && !options.allowReadOnly) {
			errors.push(fieldError(name, 'ReadOnly', `'${name}' is managed in Ditio and cannot be set through the integration API.`));
			continue;
		}
		const checked = checkValue(def, value);
		if ('value' in checked) values[name] = checked.value;
		else errors.push(checked);
	}
	return { errors, values };
}

/**
 * The first required field that is missing or blank, in table order.
 * @param {FieldTable} table
 * @param {Record<string, unknown>} values
 * @param {boolean} partial PATCH: only the fields that were sent must not be blank
 * @returns {string | undefined}
 */
function requiredMissing(table, values, partial) {
	for (const def of table.fields) {
		if (!def.required) continue;
		if (partial && !(def.name in values)) continue;
		if (isBlank(values[def.name])) return def.name;
	}
	return undefined;
}

module.exports = { checkFields, requiredMissing, normaliseDateTime };
