// @ts-check
'use strict';
/**
 * The package as a user's n8n gets it: built (dist/), packed by `npm pack` (the `files` list, not
 * the source folder) and unpacked where n8n keeps community packages in a user folder.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-ditio';
/** The node type as n8n names a node of an installed community package. */
const NODE_TYPE = `${PACKAGE_NAME}.ditio`;

/** Where `npm pack` leaves the tarball that is installed, as a user's n8n would get it. */
const PACK_DIR = path.join(ROOT, 'test-results', 'pack');

/** @param {string} target @returns {number} */
function newestMtime(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const name of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
	return newest;
}

/** True when dist/ is missing or older than a source of it. */
function buildIsStale() {
	const built = path.join(ROOT, 'dist', 'nodes', 'Ditio', 'Ditio.node.js');
	if (!fs.existsSync(built)) return true;
	const sources = ['nodes', 'credentials', 'index.ts', 'package.json', 'tsconfig.json', 'gulpfile.js'];
	const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(ROOT, s))));
	return newestSource > fs.statSync(built).mtimeMs;
}

/** `npm run build` when dist/ is missing or out of date. */
function buildIfNeeded(log = console.log) {
	if (!buildIsStale()) return false;
	if (!fs.existsSync(path.join(ROOT, 'node_modules', 'typescript'))) {
		throw new Error('The dev dependencies are missing: run `npm install` first.');
	}
	log('Building the package (npm run build) …');
	const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('npm run build failed');
	return true;
}

/** @type {string | undefined} */
let packed;

/**
 * `npm pack` once per process, so what n8n loads is exactly what the registry would hold.
 * @returns {string} path of the .tgz
 */
function packOnce() {
	if (packed && fs.existsSync(packed)) return packed;
	fs.rmSync(PACK_DIR, { recursive: true, force: true });
	fs.mkdirSync(PACK_DIR, { recursive: true });
	const run = spawnSync('npm', ['pack', '--json', '--pack-destination', PACK_DIR], { cwd: ROOT, encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`npm pack failed:\n${run.stderr}`);
	const [{ filename }] = JSON.parse(run.stdout);
	packed = path.join(PACK_DIR, filename);
	return packed;
}

/**
 * Unpacks the packed package where n8n keeps installed community packages, and writes the
 * `nodes/package.json` that n8n itself keeps there (it lists what was installed).
 * @param {string} userFolder N8N_USER_FOLDER
 */
function installPackage(userFolder) {
	const tarball = packOnce();
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const dest = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1'], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed:\n${untar.stderr}`);
	if (!fs.existsSync(path.join(dest, 'dist', 'nodes', 'Ditio', 'Ditio.node.js'))) {
		throw new Error('the packed package has no built node: run `npm run build`');
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(dest, 'package.json'), 'utf8'));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		// No "name": jest's module map would see two packages of one name when folders sit side by side.
		JSON.stringify({ private: true, dependencies: { [PACKAGE_NAME]: pkg.version } }, null, 2) + '\n',
	);
	return dest;
}

module.exports = { ROOT, PACKAGE_NAME, NODE_TYPE, buildIsStale, buildIfNeeded, packOnce, installPackage };
