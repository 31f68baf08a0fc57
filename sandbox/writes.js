// @ts-check
'use strict';
/** The checks that every POST, PUT and PATCH of both resources makes, in the order the API makes them. */
const { checkFields, requiredMissing } = require('./validate');
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */

/**
 * Field validation (400, newer format), then required fields (400
 * ArgumentIsNull; on PATCH only those sent), then access to the body's company (403).
 * @param {Context} ctx
 * @param {import('./fields').FieldTable} table
 * @param {{ pathId?: string, partial: boolean }} mode pathId: the id of the record a PUT/PATCH writes
 * @returns {{ reply: Reply } | { values: Record<string, unknown> }} values: the checked, normalised body
 */
function checkWrite(ctx, table, { pathId, partial }) {
	const { errors, values } = checkFields(table, ctx.body, { pathId });
	if (errors.length) return { reply: E.validationFailed(errors) };
	const missing = requiredMissing(table, values, partial);
	if (missing) return { reply: E.argumentIsNull(missing) };
	if ('companyId' in values && !ctx.companyIds.includes(String(values.companyId)))
		return { reply: E.forbidden(`The API client has no access to company ${values.companyId}`) };
	return { values };
}

/**
 * A record stays in its company.
 * @param {Record<string, unknown>} values @param {{ companyId: string }} record
 * @returns {Reply | undefined}
 */
function companyChange(values, record) {
	if ('companyId' in values && values.companyId !== record.companyId)
		return E.invalidArgument(`companyId cannot be changed: the record belongs to company ${record.companyId}`);
	return undefined;
}

module.exports = { checkWrite, companyChange };
