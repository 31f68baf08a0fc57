// @ts-check
'use strict';
/**
 * One real n8n user folder with this package installed the way a user's n8n has it: shared by
 * `npm start` (scripts/start.js) and the end-to-end tests (test/e2e), so both run the same setup.
 *
 *   const inst = await ensureN8n();                       // scripts/n8n-install.js
 *   const folder = prepareUserFolder(dir);                // fresh folder, package copied in
 *   const env = n8nEnv({ userFolder: dir, port, brokerPort });
 *   await importCredentials(inst, env, [sandboxCredential(sb)]);
 *   await importWorkflows(inst, env, EXAMPLES_DIR);
 *   const run = await executeWorkflow(inst, env, 'ditioExErpSync01');
 *   const server = startN8n(inst, env); await waitForReady(url);
 *
 * Plain Node; only built-ins and, for the password hash, the bcryptjs inside the n8n install.
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { createRequire } = require('module');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const PACKAGE_NAME = 'n8n-nodes-ditio';
/** The node type as n8n names a node of an installed community package. */
const NODE_TYPE = `${PACKAGE_NAME}.ditio`;
const CREDENTIAL_TYPE = 'ditioOAuth2Api';

/** The credential every example refers to by id; `npm start` and the tests import it under this id. */
const CREDENTIAL_ID = 'ditioSandboxCred';
const CREDENTIAL_NAME = 'Ditio sandbox (demo data)';

/** The login of the instance owner that n8n takes from the environment (no setup screen). */
const DEMO_LOGIN = Object.freeze({
	email: 'demo@ditio-sandbox.example',
	password: 'Ditio-demo-2026',
	firstName: 'Demo',
	lastName: 'Consultant',
});

/** Fixed, so a kept user folder can always decrypt its credentials. Local demo only. */
const ENCRYPTION_KEY = 'n8n-nodes-ditio-local-demo-only';

/** Where `npm pack` leaves the tarball that is installed, as a user's n8n would get it. */
const PACK_DIR = path.join(ROOT, 'test-results', 'pack');

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// User folder
// ---------------------------------------------------------------------------------------------

/** @param {string} from @param {string} to */
let packed;

/**
 * The package as npm publishes it: `npm pack` once per process, so what n8n loads is exactly
 * what the registry would hold (the `files` list, not the source folder).
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

/**
 * A fresh N8N_USER_FOLDER (emptied if it exists) with the package installed in it.
 * @param {string} userFolder
 */
function prepareUserFolder(userFolder) {
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	installPackage(userFolder);
	return userFolder;
}

// ---------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------

/** @param {import('../n8n-install').InstallPaths} inst @param {string} password @returns {string} */
function passwordHash(inst, password) {
	const req = createRequire(path.join(inst.n8nDir, 'package.json'));
	const bcrypt = req('bcryptjs');
	return bcrypt.hashSync(password, 10);
}

/**
 * The environment of every n8n command for one user folder.
 * @param {{ inst: import('../n8n-install').InstallPaths, userFolder: string, port?: number, brokerPort?: number,
 *   login?: typeof DEMO_LOGIN, extra?: Record<string, string> }} options
 */
function n8nEnv({ inst, userFolder, port = 5678, brokerPort = 5679, login = DEMO_LOGIN, extra = {} }) {
	/** @type {Record<string, string>} */
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		// Nothing of the project's npm run or of jest should reach n8n.
		if (v === undefined || /^(npm_|N8N_|DB_|JEST_|NODE_OPTIONS$|NODE_ENV$)/.test(k)) continue;
		env[k] = v;
	}
	Object.assign(env, {
		PATH: `${inst.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	});
	if (isLine1x(inst)) {
		// n8n 1.x: its default expression engine runs in isolated-vm, which has no build for
		// Node 20 here (installed with --ignore-scripts); the legacy engine is n8n 1.x's own.
		// No N8N_DISABLED_MODULES: 1.x refuses module names it does not know (instance-ai), and
		// no owner from the environment: 1.x has not that setting (setUpOwner sets it up instead).
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	} else {
		Object.assign(env, {
			// n8n 2.41 lands a new login on its AI assistant, which needs the internet; land on Overview.
			N8N_DISABLED_MODULES: 'instance-ai',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: login.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: login.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: login.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: passwordHash(inst, login.password),
		});
	}
	return Object.assign(env, extra);
}

/** True for an install of the n8n 1.x line (scripts/n8n-install.js --line=1.x). */
/** @param {{ line?: string }} inst */
function isLine1x(inst) {
	return inst.line === '1.x';
}

// ---------------------------------------------------------------------------------------------
// Credentials and workflows
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

/** @param {number} port */
function isPortFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/** A port the system has just handed out (free at that moment). */
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

/**
 * n8n 1.x: claims the fresh instance for the demo login (POST /rest/owner/setup), as its setup
 * screen does; 2.x takes the owner from the environment (n8nEnv) and needs nothing.
 * @param {{ line?: string }} inst
 * @param {string} baseUrl
 */
async function setUpOwner(inst, baseUrl, { email, password, firstName, lastName } = DEMO_LOGIN) {
	if (!isLine1x(inst)) return;
	// 1.x answers /healthz/readiness before its REST routes are mounted: retry while 404.
	const deadline = Date.now() + 120000;
	for (;;) {
		const res = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password, firstName, lastName }),
		});
		const text = await res.text();
		if (res.status === 200 || text.includes('already setup')) return;
		if (res.status !== 404 || Date.now() > deadline) throw new Error(`owner setup failed: ${res.status} ${text}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

/**
 * Logs in as the editor does; answers the session cookie.
 * @param {string} baseUrl
 */
async function login(baseUrl, { email, password } = DEMO_LOGIN) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	return cookies.join('; ');
}

module.exports = {
	ROOT,
	EXAMPLES_DIR,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	DEMO_LOGIN,
	buildIsStale,
	buildIfNeeded,
	installPackage,
	prepareUserFolder,
	n8nEnv,
	sandboxCredential,
	runN8n,
	importCredentials,
	exampleWorkflows,
	importWorkflows,
	executeWorkflow,
	activateWorkflow,
	parseRunOutput,
	nodeOutput,
	isPortFree,
	freePort,
	startN8n,
	waitForReady,
	stopProcess,
	setUpOwner,
	login,
	isLine1x,
};
