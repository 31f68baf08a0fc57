// @ts-check
'use strict';
/**
 * Injected faults: rules that make the next matching requests fail in a
 * chosen way instead of (or, with afterProcessing, after) being processed.
 */

/**
 * @typedef {{
 *   status?: number, retryAfter?: number, body?: unknown, hang?: boolean, reset?: boolean,
 *   afterProcessing?: boolean, count?: number, after?: number, method?: string,
 *   pathIncludes?: string, tokenEndpoint?: boolean,
 * }} FaultRule
 * status: answer this status (429 → TooManyRequests, 5xx → ServerError body unless `body` given);
 * hang: never answer (until close); reset: destroy the socket without an answer.
 * afterProcessing: process the request first (the write lands), then apply the fault.
 * count (default 1): how many matching requests get the fault, after skipping `after` (default 0).
 * method, pathIncludes (raw or decoded path contains it): narrow the match.
 * tokenEndpoint: true = only token requests; default: only API requests.
 * @typedef {Required<Pick<FaultRule, 'count' | 'after'>> & FaultRule & { seen: number, used: number }} ActiveRule
 */

/** @param {unknown} value @returns {asserts value is FaultRule} */
function assertRule(value) {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('a fault rule must be an object');
	const rule = /** @type {FaultRule} */ (value);
	const kinds = [rule.status !== undefined, rule.hang === true, rule.reset === true].filter(Boolean).length;
	if (kinds !== 1) throw new Error('a fault rule needs exactly one of status, hang: true, reset: true');
	if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599))
		throw new Error(`fault status must be 400-599, not ${rule.status}`);
	for (const n of /** @type {const} */ (['count', 'after', 'retryAfter']))
		if (rule[n] !== undefined && !(typeof rule[n] === 'number' && rule[n] >= 0)) throw new Error(`fault ${n} must be a number >= 0`);
}

class Faults {
	constructor() {
		/** @type {ActiveRule[]} */
		this.rules = [];
	}

	/** Adds rules to those already active. @param {unknown[]} rules */
	add(rules) {
		rules.forEach(assertRule);
		for (const rule of /** @type {FaultRule[]} */ (rules)) this.rules.push({ count: 1, after: 0, ...rule, seen: 0, used: 0 });
	}

	clear() {
		this.rules = [];
	}

	/**
	 * The rule that takes this request, if any. Rules are tried in order; a
	 * rule counts the matching requests it skips (`after`) and those it takes.
	 * @param {{ method: string, path: string, decodedPath: string, token: boolean }} request
	 * @returns {ActiveRule | undefined}
	 */
	take(request) {
		for (const rule of this.rules) {
			if (rule.used >= rule.count) continue;
			if (Boolean(rule.tokenEndpoint) !== request.token) continue;
			if (rule.method && rule.method.toUpperCase() !== request.method) continue;
			if (rule.pathIncludes && !request.path.includes(rule.pathIncludes) && !request.decodedPath.includes(rule.pathIncludes)) continue;
			if (rule.seen++ < rule.after) continue;
			rule.used++;
			return rule;
		}
		return undefined;
	}
}

/**
 * The answer of a status fault, in Ditio's words.
 * @param {ActiveRule} rule
 * @returns {import('./errors').Reply}
 */
function faultReply(rule) {
	const status = /** @type {number} */ (rule.status);
	let body = rule.body;
	if (body === undefined)
		body = status === 429 ? { error: 'TooManyRequests', message: 'Rate limit exceeded' }
			: status >= 500 ? { error: 'ServerError', message: `The server could not process the request (sandbox fault ${status})` }
				: { error: 'Error', message: `Sandbox fault ${status}` };
	/** @type {Record<string, string>} */
	const headers = {};
	if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
	return { status, body, headers };
}

module.exports = { Faults, faultReply };
