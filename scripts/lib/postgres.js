// @ts-check
'use strict';
/**
 * A throw-away Postgres for n8n's queue mode: `initdb` into a temp folder, `postgres` on a free
 * local port, one database for n8n; stop() ends it and deletes the folder. Debian's binaries
 * (/usr/lib/postgresql/<version>/bin, the newest there) or DITIO_PG_BIN. Postgres refuses to run
 * as root, so as root the data folder belongs to the `postgres` user and the server runs as it.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync, execFileSync } = require('child_process');

const { freePort, stopProcess } = require('./n8n-process');
const { waitFor } = require('./wait');

const PG_ROOT = '/usr/lib/postgresql';
const DB_USER = 'n8n';
const DB_NAME = 'n8n';

/** The folder with initdb and postgres: DITIO_PG_BIN, else Debian's newest version. */
function postgresBinDir() {
	if (process.env.DITIO_PG_BIN) return process.env.DITIO_PG_BIN;
	const versions = fs.existsSync(PG_ROOT)
		? fs.readdirSync(PG_ROOT).filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length) {
		throw new Error(`No Postgres found under ${PG_ROOT}: install it (apt-get install postgresql) or set DITIO_PG_BIN to the folder of initdb and postgres`);
	}
	return path.join(PG_ROOT, versions[0], 'bin');
}

/** As root: the uid/gid of the `postgres` user, for a server that refuses to run as root. */
function runAs() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

/**
 * @param {{ log?: (msg: string) => void }} [options]
 * @returns {Promise<{ port: number, host: string, user: string, database: string, dataDir: string,
 *   createDatabase(name: string): { host: string, port: number, user: string, database: string }, stop(): Promise<void> }>}
 */
async function startPostgres({ log = () => {} } = {}) {
	const bin = postgresBinDir();
	const owner = runAs();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ditio-pg-'));
	const dataDir = path.join(dir, 'data');
	fs.mkdirSync(dataDir);
	if (owner.uid !== undefined) {
		fs.chmodSync(dir, 0o755);
		fs.chownSync(dataDir, owner.uid, /** @type {number} */ (owner.gid));
	}
	const initdb = spawnSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', '--no-sync'], {
		...owner,
		cwd: dir,
		encoding: 'utf8',
	});
	if (initdb.status !== 0) throw new Error(`initdb failed:\n${initdb.stdout}\n${initdb.stderr}`);

	const port = await freePort();
	const settings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', `unix_socket_directories=${dataDir}`, 'listen_addresses=127.0.0.1', 'max_connections=200'];
	const server = spawn(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
		...owner,
		cwd: dir,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let output = '';
	server.stderr.on('data', (c) => (output = (output + c).slice(-8000)));
	const isready = path.join(bin, 'pg_isready');
	await waitFor('Postgres accepting connections', () => {
		if (server.exitCode !== null) throw new Error(`postgres exited (${server.exitCode}):\n${output}`);
		return spawnSync(isready, ['-h', '127.0.0.1', '-p', String(port), '-U', DB_USER], { encoding: 'utf8' }).status === 0;
	}, { timeoutMs: 60000 });
	/** Another empty database on this server (e.g. for a second, single-process n8n). @param {string} name */
	const createDatabase = (name) => {
		const created = spawnSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', DB_USER, name], { encoding: 'utf8' });
		if (created.status !== 0) throw new Error(`createdb ${name} failed:\n${created.stderr}`);
		return { host: '127.0.0.1', port, user: DB_USER, database: name };
	};
	createDatabase(DB_NAME);
	log(`Postgres (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, data in ${dataDir}`);

	return {
		port,
		host: '127.0.0.1',
		user: DB_USER,
		database: DB_NAME,
		dataDir,
		createDatabase,
		async stop() {
			// SIGINT: Postgres's "fast" shutdown (ends sessions, no wait for clients).
			await stopProcess(server, 20000, 'SIGINT');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, postgresBinDir };
