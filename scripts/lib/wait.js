// @ts-check
'use strict';
/** Waiting for a condition, polled, with a deadline that names what was awaited. */

/** @param {number} ms */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it answers true (or a value other than false/undefined, which is returned).
 * A check that throws ends the wait with its error.
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} check
 * @param {{ timeoutMs?: number, everyMs?: number, detail?: () => string }} [options]
 * @returns {Promise<Exclude<T, false | undefined | null>>}
 */
async function waitFor(what, check, { timeoutMs = 120000, everyMs = 250, detail } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== false && value !== undefined && value !== null) return /** @type {any} */ (value);
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${detail ? `\n${detail()}` : ''}`);
		await pause(everyMs);
	}
}

module.exports = { waitFor, pause };
