// @ts-check
'use strict';
/**
 * Answers in the shapes Ditio writes. Every handler returns one of these
 * descriptors; server.js turns it into an HTTP response.
 *
 * Ditio has two error formats: the older `{ error, message }` and, on newer
 * endpoints, `{ message: 'Validation failed', errors: [...] }` for field validation.
 */

/**
 * @typedef {{ status: number, body?: unknown, raw?: Buffer, headers?: Record<string, string> }} Reply
 * raw: a body sent as these bytes (a file download), instead of JSON.
 * @typedef {{ category: 'Validation', code: string, field: string, message: string }} FieldError
 */

/** @param {number} status @param {unknown} [body] @returns {Reply} */
const reply = (status, body) => ({ status, body });

/** @param {number} status @param {string} error @param {string} message @returns {Reply} */
const ditioError = (status, error, message) => reply(status, { error, message });

module.exports = {
	reply,
	ditioError,
	/** @param {unknown} body */ ok: (body) => reply(200, body),
	/** @param {unknown} body */ created: (body) => reply(201, body),
	noContent: () => reply(204),
	/** @param {string} message */ notFound: (message) => ditioError(404, 'NotFound', message),
	/** @param {string} message */ forbidden: (message) => ditioError(403, 'Forbidden', message),
	/** @param {string} message */ conflict: (message) => ditioError(409, 'Conflict', message),
	/** @param {string} message */ invalidId: (message) => ditioError(400, 'InvalidId', message),
	/** @param {string} message */ invalidBody: (message) => ditioError(400, 'InvalidBody', message),
	/** @param {string} message */ invalidParent: (message) => ditioError(400, 'InvalidParent', message),
	/** @param {string} message */ invalidArgument: (message) => ditioError(400, 'InvalidArgument', message),
	/** @param {string} parameter */
	argumentIsNull: (parameter) =>
		ditioError(400, 'ArgumentIsNull', `Value cannot be null. (Parameter '${parameter}')`),
	/** @param {FieldError[]} errors */
	validationFailed: (errors) => reply(400, { message: 'Validation failed', errors }),
	/** @param {string} field @param {string} code @param {string} message @returns {FieldError} */
	fieldError: (field, code, message) => ({ category: 'Validation', code, field, message }),
};
