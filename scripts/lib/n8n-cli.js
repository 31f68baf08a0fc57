// @ts-check
'use strict';
/**
 * n8n's CLI, run to its end: import credentials and workflows, execute a workflow, activate one;
 * and reading the run data `n8n execute --rawOutput` prints.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { ROOT } = require('./package');
const { isLine1x } = require('./n8n-env');

const EXAMPLES_DIR = path.join(ROOT, 'examples');
const CREDENTIAL_TYPE = 'ditioOAuth2Api';
/** The credential every example refers to by id; `npm start` and the tests import it under this id. */
const CREDENTIAL_ID = 'ditioSandboxCred';
const CREDENTIAL_NAME = 'Ditio sandbox (demo data)';

/**
 * The Ditio credential pointed at a sandbox, as `n8n import:credentials` takes it (plain values,
 * encrypted on import).
 * @param {{ baseUrl: string, tokenUrl: string }} sandbox
 * @param {{ id?: string, name?: string, clientId?: string, clientSecret?: string, companyId?: string, tokenUrl?: string }} [overrides]
 */
function sandboxCredential(sandbox, overrides = {}) {
	const { DEMO_CLIENT, DEMO_COMPANY_ID } = require('../../sandbox/server');
	return {
		id: overrides.id ?? CREDENTIAL_ID,
		name: overrides.name ?? CREDENTIAL_NAME,
		type: CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			baseUrl: sandbox.baseUrl,
			tokenUrl: overrides.tokenUrl ?? sandbox.tokenUrl,
			clientId: overrides.clientId ?? DEMO_CLIENT.clientId,
			clientSecret: overrides.clientSecret ?? DEMO_CLIENT.clientSecret,
			companyId: overrides.companyId ?? DEMO_COMPANY_ID,
		},
	};
}

/**
 * Runs one n8n CLI command to its end.
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, ms: number }>}
 */
function runN8n(inst, args, env, { timeoutMs = 180000 } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(inst.node, [inst.n8nBin, ...args], { env, cwd: env.N8N_USER_FOLDER, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} took longer than ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/**
 * @param {import('../n8n-install').InstallPaths} inst @param {string[]} args
 * @param {Record<string, string>} env @param {{ timeoutMs?: number }} [options]
 */
async function mustRun(inst, args, env, options) {
	const r = await runN8n(inst, args, env, options);
	if (r.code !== 0) throw new Error(`n8n ${args.join(' ')} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
	return r;
}

/**
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {Record<string, string>} env
 * @param {object[]} credentials
 */
async function importCredentials(inst, env, credentials) {
	const file = path.join(env.N8N_USER_FOLDER, 'import-credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		return await mustRun(inst, ['import:credentials', `--input=${file}`], env);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * The example workflows: file name and parsed JSON.
 * @returns {Array<{ file: string, workflow: any }>}
 */
function exampleWorkflows(dir = EXAMPLES_DIR) {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file: path.join(dir, file), workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/**
 * Imports workflow files (all `*.json` of a folder, or the given workflow objects).
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {Record<string, string>} env
 * @param {string | object[]} source a folder, or workflow objects
 */
async function importWorkflows(inst, env, source = EXAMPLES_DIR) {
	if (typeof source === 'string') {
		return await mustRun(inst, ['import:workflow', '--separate', `--input=${source}`], env);
	}
	const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-workflows-'));
	try {
		source.forEach((wf, i) => fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(wf)));
		return await mustRun(inst, ['import:workflow', '--separate', `--input=${dir}`], env);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * `n8n execute --id … --rawOutput`: the run as n8n prints it. `run` is the parsed JSON (the
 * run data) when the output holds one; `code` is n8n's exit code.
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {Record<string, string>} env
 * @param {string} workflowId
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, ms: number, run: any }>}
 */
async function executeWorkflow(inst, env, workflowId, options) {
	const r = await runN8n(inst, ['execute', `--id=${workflowId}`, '--rawOutput'], env, options);
	return { ...r, run: parseRunOutput(r.stdout) };
}

/**
 * Activates a workflow from the CLI, for `n8n start` to run its trigger: `publish:workflow` on
 * n8n 2.x, `update:workflow --active=true` on 1.x (which has no publish).
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {Record<string, string>} env
 * @param {string} workflowId
 */
async function activateWorkflow(inst, env, workflowId) {
	const args = isLine1x(inst) ? ['update:workflow', `--id=${workflowId}`, '--active=true'] : ['publish:workflow', `--id=${workflowId}`];
	return await mustRun(inst, args, env);
}

/** The JSON that `--rawOutput` prints, found among n8n's log lines (it starts at a line "{"). */
/** @param {string} stdout @returns {any} */
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	const first = lines.findIndex((line) => line === '{');
	if (first < 0) return undefined;
	// Log lines may follow the JSON: drop lines from the end until it parses.
	for (let last = lines.length; last > first; last--) {
		try {
			return JSON.parse(lines.slice(first, last).join('\n'));
		} catch {
			/* one line shorter */
		}
	}
	return undefined;
}

/**
 * The items a node put out in a run (`data.resultData.runData[node][run].data.main[output]`).
 * @param {any} run
 * @param {string} nodeName
 */
function nodeOutput(run, nodeName, { runIndex = 0, output = 0 } = {}) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[runIndex];
	return (task?.data?.main?.[output] ?? []).map((/** @type {any} */ item) => item.json);
}

module.exports = {
	EXAMPLES_DIR,
	CREDENTIAL_TYPE,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	sandboxCredential,
	runN8n,
	mustRun,
	importCredentials,
	exampleWorkflows,
	importWorkflows,
	executeWorkflow,
	activateWorkflow,
	parseRunOutput,
	nodeOutput,
};
