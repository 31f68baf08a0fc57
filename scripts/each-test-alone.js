#!/usr/bin/env node
/**
 * Runs every test file of the unit, sandbox and engine tiers on its own, in a jest process of
 * its own, with its tests in shuffled order. The full run (`npx jest`) proves the files pass
 * together and in the order they are written; this proves that no file needs another file, and
 * no test needs the tests before it (a token a previous test fetched, rows a previous test
 * wrote), so `npx jest path/to/file` and `npx jest -t "name"` give the answer the full run gives.
 *
 *   node scripts/each-test-alone.js                      # every file, 2 at a time, seed 1
 *   node scripts/each-test-alone.js test/engine          # only the files under a folder (or given files)
 *   node scripts/each-test-alone.js --jobs=1 --seed=7    # one at a time, another shuffle
 *
 * The shuffle is jest's own (--randomize) with a fixed seed, so a failure repeats: rerun the
 * file it names with the `npx jest … --randomize --seed=N` line it prints. The engine tier loads
 * dist/: build first (`npm run build`; `npm test` does). Exit code 1 when any file fails.
 * Plain Node, no dependencies.
 */
'use strict';

const path = require('path');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const JEST = require.resolve('jest/bin/jest', { paths: [ROOT] });
const TIERS = ['unit', 'sandbox', 'engine'];

function parseArgs(argv) {
	const options = { jobs: 2, seed: 1, only: [] };
	for (const arg of argv) {
		const [key, value] = arg.split('=');
		if (key === '--jobs' && Number.isInteger(Number(value)) && Number(value) > 0) options.jobs = Number(value);
		else if (key === '--seed' && Number.isInteger(Number(value))) options.seed = Number(value);
		else if (!arg.startsWith('--')) options.only.push(path.resolve(ROOT, arg));
		else throw new Error(`unknown option ${arg} (known: --jobs=N, --seed=N, and files or folders)`);
	}
	return options;
}

/** The test files of the tiers, as jest's own configuration finds them (slowest known first). */
function listTestFiles(only) {
	const listed = spawnSync(process.execPath, [JEST, '--listTests', '--json', '--selectProjects', ...TIERS], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (listed.status !== 0) throw new Error(`jest --listTests failed:\n${listed.stderr}`);
	/** @type {string[]} */
	const files = JSON.parse(listed.stdout);
	return files.filter((file) => only.length === 0 || only.some((p) => file === p || file.startsWith(p + path.sep)));
}

/** @returns {Promise<{ file: string, ok: boolean, seconds: number, output: string }>} */
function runAlone(file, seed) {
	const started = Date.now();
	const args = [JEST, '--ci', '--runTestsByPath', file, '--randomize', `--seed=${seed}`];
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('close', (code) => resolve({ file, ok: code === 0, seconds: (Date.now() - started) / 1000, output }));
	});
}

async function main() {
	const { jobs, seed, only } = parseArgs(process.argv.slice(2));
	const files = listTestFiles(only);
	if (files.length === 0) throw new Error('no test files found');
	console.log(`Each of ${files.length} test files alone (${TIERS.join(', ')}), ${jobs} at a time, tests shuffled with seed ${seed}.`);
	const started = Date.now();
	const queue = [...files];
	/** @type {Awaited<ReturnType<typeof runAlone>>[]} */
	const failed = [];
	const worker = async () => {
		for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
			const result = await runAlone(file, seed);
			const name = path.relative(ROOT, file);
			console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.seconds.toFixed(1).padStart(6)} s  ${name}`);
			if (!result.ok) failed.push(result);
		}
	};
	await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
	for (const result of failed) {
		const name = path.relative(ROOT, result.file);
		console.log(`\n----- ${name} failed alone; again with: npx jest ${name} --randomize --seed=${seed}\n${result.output}`);
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(0);
	console.log(`\n${files.length - failed.length} of ${files.length} files passed alone, in ${seconds} s.`);
	process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
