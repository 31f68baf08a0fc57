#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The package can be built two ways: `npm run build` (tsc + gulp, what a release runs) and n8n's
 * own `n8n-node build`. Both must make the same dist/, file for file and byte for byte, or a
 * package built the other way would not be the one the tests proved. Builds both here, compares
 * them, and leaves the `npm run build` one in dist/. Exits 1 with the differences otherwise.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

/** @returns {Map<string, string>} path inside dist/ → sha256 of the content */
function snapshot() {
	const files = new Map();
	const walk = (/** @type {string} */ dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else files.set(path.relative(DIST, full).split(path.sep).join('/'), crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
		}
	};
	if (fs.existsSync(DIST)) walk(DIST);
	return files;
}

/** @param {string} label @param {string[]} cmd */
function build(label, cmd) {
	fs.rmSync(DIST, { recursive: true, force: true });
	const bin = process.platform === 'win32' ? `${cmd[0]}.cmd` : cmd[0];
	const r = spawnSync(bin, cmd.slice(1), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
	if (r.status !== 0) {
		process.stderr.write(`${label} failed:\n${r.stdout}\n${r.stderr}\n`);
		process.exit(1);
	}
	const files = snapshot();
	process.stdout.write(`[check-builds] ${label}: ${files.size} files in dist/\n`);
	return files;
}

/** @param {Map<string, string>} a @param {Map<string, string>} b */
function differences(a, b) {
	const out = [];
	for (const [file, hash] of a) {
		if (!b.has(file)) out.push(`only from n8n-node build: ${file}`);
		else if (b.get(file) !== hash) out.push(`differs: ${file}`);
	}
	for (const file of b.keys()) if (!a.has(file)) out.push(`only from npm run build: ${file}`);
	return out;
}

if (require.main === module) {
	const n8nBuild = build('n8n-node build', ['npx', 'n8n-node', 'build']);
	const npmBuild = build('npm run build (tsc + gulp)', ['npm', 'run', 'build']);
	const diff = differences(n8nBuild, npmBuild);
	if (diff.length) {
		process.stderr.write(`[check-builds] the two builds differ:\n  ${diff.join('\n  ')}\n`);
		process.exit(1);
	}
	process.stdout.write('[check-builds] same dist/ from both builds\n');
}

module.exports = { differences };
