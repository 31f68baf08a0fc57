// @ts-check
'use strict';
/**
 * Ditio ids: 24 lowercase hex characters, built like a MongoDB ObjectId
 * (4 bytes of seconds, 5 random bytes per process, a 3-byte counter), so they
 * are unique within a process without any lookup.
 */
const crypto = require('crypto');

const ID_PATTERN = /^[0-9a-fA-F]{24}$/;
const processPart = crypto.randomBytes(5).toString('hex');
let counter = crypto.randomBytes(3).readUIntBE(0, 3);

/** @returns {string} a fresh id */
function newId() {
	counter = (counter + 1) % 0x1000000;
	const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
	return seconds + processPart + counter.toString(16).padStart(6, '0');
}

/**
 * @param {unknown} value
 * @returns {value is string} whether value looks like a Ditio id (hex of either case, as an ObjectId parser takes it)
 */
function isId(value) {
	return typeof value === 'string' && ID_PATTERN.test(value);
}

module.exports = { newId, isId };
