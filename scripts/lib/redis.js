// @ts-check
'use strict';
/**
 * A throw-away Redis for n8n's queue mode: Debian's `redis-server` on a free local port, nothing
 * saved to disk (`--save '' --appendonly no`); stop() ends it.
 */
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const { freePort, stopProcess } = require('./n8n-process');
const { waitFor } = require('./wait');

/** DITIO_REDIS_SERVER, else redis-server on PATH (or in /usr/sbin, off a non-root PATH). */
function redisServerBin() {
	if (process.env.DITIO_REDIS_SERVER) return process.env.DITIO_REDIS_SERVER;
	for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin']) {
		const candidate = path.join(dir, 'redis-server');
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	throw new Error('redis-server not found: install it (apt-get install redis-server) or set DITIO_REDIS_SERVER');
}

/** PING over a plain socket: true when the answer is +PONG. @param {number} port */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
		socket.on('error', () => resolve(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (c) => {
			answer += c;
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.startsWith('+PONG'));
			}
		});
	});
}

/**
 * @param {{ log?: (msg: string) => void }} [options]
 * @returns {Promise<{ port: number, host: string, stop(): Promise<void> }>}
 */
async function startRedis({ log = () => {} } = {}) {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ditio-redis-'));
	const server = spawn(redisServerBin(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	for (const s of [server.stdout, server.stderr]) s.on('data', (c) => (output = (output + c).slice(-8000)));
	await waitFor('Redis answering PING', async () => {
		if (server.exitCode !== null) throw new Error(`redis-server exited (${server.exitCode}):\n${output}`);
		return await ping(port);
	}, { timeoutMs: 30000 });
	log(`Redis on 127.0.0.1:${port}`);
	return {
		port,
		host: '127.0.0.1',
		async stop() {
			await stopProcess(server, 10000);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startRedis, redisServerBin };
