// @ts-check
'use strict';
/**
 * A long-running n8n process: free ports, `n8n start` (or `n8n worker`) with its output kept,
 * waiting until it is ready, and stopping or killing it.
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
 * `n8n start` (or another long-running command: `worker`), output to a log file (and, with
 * `echo`, to this terminal). With `group`, the process leads its own process group, so that it
 * and the task runner it starts as a child can be stopped or killed together (killGroup).
 * `outputTail()` is the last 20,000 characters it printed; with `keep`, `output()` is all of it
 * (for a test that reads the log; `npm start` keeps only the tail, however long it runs).
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {Record<string, string>} env
 * @param {{ logFile?: string, echo?: boolean, command?: string, args?: string[], group?: boolean, keep?: boolean }} [options]
 */
function startN8n(inst, env, { logFile, echo = false, command = 'start', args = [], group = false, keep = false } = {}) {
	const child = spawn(inst.node, [inst.n8nBin, command, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: group,
	});
	const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	let all = '';
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			out?.write(chunk);
			all = keep ? all + chunk : (all + chunk).slice(-20000);
			if (echo) process.stdout.write(chunk);
		});
	}
	child.on('close', () => out?.end());
	return Object.assign(child, { group, output: () => all, outputTail: () => all.slice(-20000) });
}

/**
 * Sends a signal to a process group led by `child` (startN8n with `group`), or to the process.
 * @param {import('child_process').ChildProcess & { group?: boolean }} child
 * @param {NodeJS.Signals} signal
 */
function signalGroup(child, signal) {
	try {
		if (child.group && child.pid) process.kill(-child.pid, signal);
		else child.kill(signal);
	} catch {
		/* already gone */
	}
}

/**
 * `kill -9` of the whole process group (n8n and its task runner), as a machine that dies would;
 * resolves when the process has exited.
 * @param {import('child_process').ChildProcess & { group?: boolean }} child
 */
function killGroup(child) {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) {
			signalGroup(child, 'SIGKILL');
			return resolve(undefined);
		}
		child.once('exit', () => resolve(undefined));
		signalGroup(child, 'SIGKILL');
	});
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
 * Stops a process: SIGTERM (or the signal given), then SIGKILL after a grace period (to its
 * group, if it leads one; what is left of the group is killed once it has exited).
 * @param {import('child_process').ChildProcess & { group?: boolean }} child
 * @param {number} [graceMs]
 * @param {NodeJS.Signals} [signal]
 */
function stopProcess(child, graceMs = 15000, signal = 'SIGTERM') {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) {
			if (child.group) signalGroup(child, 'SIGKILL');
			return resolve(undefined);
		}
		const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			if (child.group) signalGroup(child, 'SIGKILL');
			resolve(undefined);
		});
		signalGroup(child, signal);
	});
}

module.exports = { isPortFree, freePort, startN8n, waitForReady, stopProcess, killGroup };
