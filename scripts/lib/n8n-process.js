// @ts-check
'use strict';
/**
 * A long-running n8n process: free ports, `n8n start` with its output kept, waiting until it is
 * ready, and stopping it.
 */
const fs = require('fs');
const net = require('net');
const { spawn } = require('child_process');

/** @param {number} port */
function isPortFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/** A port the system has just handed out (free at that moment). @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * `n8n start`, output to a log file (and, with `echo`, to this terminal).
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {Record<string, string>} env
 * @param {{ logFile?: string, echo?: boolean }} [options]
 */
function startN8n(inst, env, { logFile, echo = false } = {}) {
	const child = spawn(inst.node, [inst.n8nBin, 'start'], {
		env,
		cwd: env.N8N_USER_FOLDER,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: false,
	});
	const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	let tail = '';
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			out?.write(chunk);
			tail = (tail + chunk).slice(-20000);
			if (echo) process.stdout.write(chunk);
		});
	}
	child.on('close', () => out?.end());
	return Object.assign(child, { outputTail: () => tail });
}

/**
 * Waits until `GET /healthz/readiness` answers 200, or the process ends.
 * @param {string} baseUrl
 * @param {import('child_process').ChildProcess} [child]
 */
async function waitForReady(baseUrl, child, timeoutMs = 240000) {
	const deadline = Date.now() + timeoutMs;
	let exited = false;
	child?.once('exit', () => (exited = true));
	while (Date.now() < deadline) {
		if (exited) throw new Error('n8n stopped before it was ready');
		try {
			const res = await fetch(`${baseUrl}/healthz/readiness`);
			if (res.status === 200) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms`);
}

/**
 * Stops a process: SIGTERM, then SIGKILL after a grace period.
 * @param {import('child_process').ChildProcess} child
 */
function stopProcess(child, graceMs = 15000) {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(undefined);
		});
		child.kill('SIGTERM');
	});
}

module.exports = { isPortFree, freePort, startN8n, waitForReady, stopProcess };
