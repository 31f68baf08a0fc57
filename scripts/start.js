#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm start`: a real n8n on http://localhost:5678 with this package installed as a community
 * package, the Ditio sandbox with demo data, a ready Ditio credential and the example
 * workflows, and a demo login (no owner setup screen). Ctrl-C stops n8n and the sandbox.
 *
 * The first run installs n8n and Node.js 24 into the cache outside the clone (scripts/n8n-install.js,
 * a few minutes); later runs, from this clone or another, reuse them. The n8n user folder
 * (.n8n-local/user-folder, git-ignored) is made fresh on every start, so the
 * credential and examples are always as shipped: export what you build in the editor.
 */
const path = require('path');

const { ensureN8n } = require('./n8n-install');
const inst = require('./lib/n8n-instance');
const { startSandbox, DEMO_CLIENT } = require('../sandbox/server');

// DITIO_START_PORT: another port than n8n's usual 5678 (the broker takes the next one).
const N8N_PORT = Number(process.env.DITIO_START_PORT) || 5678;
const BROKER_PORT = N8N_PORT + 1;
const SANDBOX_PORT = 4500;
const USER_FOLDER = path.join(__dirname, '..', '.n8n-local', 'user-folder');

const say = (msg = '') => process.stdout.write(`${msg}\n`);
const step = (msg) => say(`▸ ${msg}`);

async function main() {
	const started = Date.now();
	for (const [port, what] of [
		[N8N_PORT, 'n8n'],
		[BROKER_PORT, "n8n's task broker"],
	]) {
		if (!(await inst.isPortFree(port))) {
			throw new Error(`Port ${port} (${what}) is in use: is another n8n or \`npm start\` running? Stop it first.`);
		}
	}

	step('Package: checking the build');
	if (!inst.buildIfNeeded(step)) say('  dist/ is up to date');

	step('n8n: checking the local install');
	const n8n = await ensureN8n();

	step('Sandbox: starting the fake Ditio API with demo data');
	const sandbox = await startSandbox({
		seed: 'demo',
		port: (await inst.isPortFree(SANDBOX_PORT)) ? SANDBOX_PORT : 0,
	});
	say(`  ${sandbox.url} (API ${sandbox.baseUrl})`);

	let n8nProcess;
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the sandbox …');
		if (n8nProcess) await inst.stopProcess(n8nProcess);
		await sandbox.close();
		say('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		step(`n8n: a fresh user folder in ${path.relative(process.cwd(), USER_FOLDER) || USER_FOLDER}`);
		inst.prepareUserFolder(USER_FOLDER);
		say(`  installed ${inst.PACKAGE_NAME} into .n8n/nodes/node_modules (as n8n installs a community package)`);
		const env = inst.n8nEnv({ inst: n8n, userFolder: USER_FOLDER, port: N8N_PORT, brokerPort: BROKER_PORT });

		step(`n8n: importing the credential "${inst.CREDENTIAL_NAME}"`);
		await inst.importCredentials(n8n, env, [inst.sandboxCredential(sandbox)]);
		const examples = inst.exampleWorkflows();
		step(`n8n: importing ${examples.length} example workflows from examples/`);
		await inst.importWorkflows(n8n, env, inst.EXAMPLES_DIR);

		step('n8n: starting');
		const logFile = path.join(USER_FOLDER, 'n8n.log');
		n8nProcess = inst.startN8n(n8n, env, { logFile });
		n8nProcess.on('exit', (code, signal) => {
			if (stopping) return;
			process.stderr.write(`\nn8n stopped (${signal ?? `exit code ${code}`}). Its last output:\n${n8nProcess.outputTail().slice(-4000)}\n`);
			void stop(1);
		});
		const url = `http://localhost:${N8N_PORT}`;
		await inst.waitForReady(url, n8nProcess);

		const secs = Math.round((Date.now() - started) / 1000);
		const first = examples[0].workflow;
		say(`
────────────────────────────────────────────────────────────────────────────
 n8n ${require(path.join(n8n.n8nDir, 'package.json')).version} is ready (in ${secs} s):  ${url}
 on Node.js ${n8n.nodeChoice.version}: ${n8n.nodeChoice.source === 'system' ? "this machine's" : `${n8n.nodeChoice.pkg} from the npm registry`}

 Log in with   ${inst.DEMO_LOGIN.email}
               ${inst.DEMO_LOGIN.password}

 Then click:   Overview → "${first.name}"
               → "Execute workflow" at the bottom. Open "Summary" to see what was
               created, updated or left unchanged; run it again and all is unchanged.

 Other examples: ${examples
			.slice(1)
			.map((e) => `"${e.workflow.name}"`)
			.join(', ')}
 Credential:     "${inst.CREDENTIAL_NAME}" (Overview → Credentials), environment Custom,
                 pointed at the sandbox; client ${DEMO_CLIENT.clientId}
 Sandbox data:   ${sandbox.url}/__sandbox/state   (reset: POST ${sandbox.url}/__sandbox/reset {"seed":"demo"})
 n8n's log:      ${logFile}

 Ctrl-C stops n8n and the sandbox. This user folder is made anew on every npm start.
────────────────────────────────────────────────────────────────────────────`);
	} catch (error) {
		process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
		await stop(1);
	}
}

main().catch((error) => {
	process.stderr.write(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
