// @ts-check
'use strict';
/**
 * One queue-mode set, as a company runs n8n when one instance is not enough: a throw-away
 * Postgres and Redis, one main (`n8n start`: editor, webhooks, triggers) and N workers
 * (`n8n worker`), each instance with its own user folder and the package installed in it.
 * Credentials and workflows are imported with the CLI before main starts; `publish` activates.
 *
 *   const set = await startQueueSet({ inst, root, credentials, workflows, publish: ['wf1'] });
 *   const res = await set.webhook('my-path', { some: 'body' });     // runs on a worker
 *   set.workerOf(executionId);                                       // 'worker-1'
 *   await set.workers[0].kill(); await set.workers[0].start();       // kill -9, start again
 *   await set.stop();
 */
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const { prepareUserFolder, n8nEnv } = require('./n8n-env');
const { importCredentials, importWorkflows, activateWorkflow } = require('./n8n-cli');
const { freePort, startN8n, waitForReady, stopProcess, killGroup } = require('./n8n-process');
const { queueModeEnv, workerEnv, startedExecutions } = require('./n8n-queue');
const { startPostgres } = require('./postgres');
const { startRedis } = require('./redis');
const { waitFor } = require('./wait');

/** How long one n8n instance may take to boot on a loaded 2-core machine. */
const BOOT_TIMEOUT_MS = 5 * 60 * 1000;

/** One n8n process of the set; its log is kept across restarts. */
class Instance {
	/**
	 * @param {string} name
	 * @param {import('../n8n-install').InstallPaths} inst
	 * @param {Record<string, string>} env
	 * @param {{ command: string, args?: string[], readyUrl: string, readyLine?: RegExp }} how
	 * readyLine: what the log says when the instance is ready; by default what `n8n start` says once
	 * it has activated the workflows (its readiness endpoint answers earlier, before the
	 * production webhooks are registered), and what `n8n worker` says once it takes jobs.
	 */
	constructor(name, inst, env, { command, args = [], readyUrl, readyLine = command === 'worker' ? /n8n worker is now ready/ : /Editor is now accessible via/ }) {
		this.name = name;
		this.inst = inst;
		this.env = env;
		this.command = command;
		this.args = args;
		this.readyUrl = readyUrl;
		this.readyLine = readyLine;
		this.logFile = path.join(env.N8N_USER_FOLDER, `${name}.log`);
		/** @type {ReturnType<typeof startN8n> | undefined} */
		this.child = undefined;
		this.earlierLog = '';
		this.starts = 0;
	}

	/** Starts the process (its own process group) and waits until it answers ready. */
	async start() {
		if (this.child) this.earlierLog += this.child.output();
		this.starts++;
		this.child = startN8n(this.inst, this.env, { command: this.command, args: this.args, logFile: this.logFile, group: true, keep: true });
		const child = this.child;
		try {
			const deadline = Date.now() + BOOT_TIMEOUT_MS;
			await waitForReady(this.readyUrl, child, BOOT_TIMEOUT_MS);
			await waitFor(`${this.name} logs ${this.readyLine}`, () => {
				if (child.exitCode !== null) throw new Error(`${this.name} exited (${child.exitCode})`);
				return this.readyLine.test(child.output());
			}, { timeoutMs: Math.max(deadline - Date.now(), 1000) });
		} catch (error) {
			throw new Error(`${this.name}: ${/** @type {Error} */ (error).message}\n${this.child.outputTail().slice(-6000)}`);
		}
	}

	/** SIGTERM (n8n shuts down gracefully), SIGKILL to the group after 60 s. */
	async stop() {
		if (this.child) await stopProcess(this.child, 60000);
	}

	/** `kill -9` of the process group: the process and its task runner die at once. */
	async kill() {
		if (this.child) await killGroup(this.child);
	}

	get running() {
		return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Everything the instance printed, over all its starts. */
	log() {
		return this.earlierLog + (this.child?.output() ?? '');
	}
}

/**
 * A client of n8n's database, with the `pg` inside the n8n install.
 * @param {import('../n8n-install').InstallPaths} inst
 * @param {{ host: string, port: number, user: string, database: string }} postgres
 */
async function connectDb(inst, postgres) {
	const pg = createRequire(path.join(inst.n8nDir, 'package.json'))('pg');
	const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: postgres.database });
	await client.connect();
	return client;
}

/**
 * The production webhook paths of the given workflows (their Webhook nodes).
 * @param {any[]} workflows @param {string[]} ids
 * @returns {string[]}
 */
function webhookPaths(workflows, ids) {
	return workflows
		.filter((w) => ids.includes(w.id))
		.flatMap((w) => w.nodes.filter((/** @type {any} */ n) => n.type === 'n8n-nodes-base.webhook').map((/** @type {any} */ n) => String(n.parameters.path)));
}

/**
 * Waits until n8n has registered these production webhooks. n8n 2.41 answers ready and says
 * "Editor is now accessible" before it has activated the published workflows (its publication
 * service does that afterwards); a webhook is live once it is in `webhook_entity`.
 * @param {{ query(sql: string, params: unknown[]): Promise<{ rows: any[] }> }} db
 * @param {string[]} paths
 */
async function waitForWebhooks(db, paths) {
	if (!paths.length) return;
	await waitFor(
		`n8n registers the webhooks ${paths.join(', ')}`,
		async () => (await db.query('SELECT DISTINCT "webhookPath" FROM webhook_entity WHERE "webhookPath" = ANY($1)', [paths])).rows.length === paths.length,
		{ timeoutMs: BOOT_TIMEOUT_MS, everyMs: 500 },
	);
}

/**
 * POST to a production webhook; answers the status and the body (parsed when it is JSON).
 * @param {string} baseUrl @param {string} webhookPath @param {unknown} [body]
 * @returns {Promise<{ status: number, json: any, text: string }>}
 */
async function postWebhook(baseUrl, webhookPath, body = {}) {
	const res = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text };
}

/**
 * @param {{
 *   inst: import('../n8n-install').InstallPaths,
 *   root: string,
 *   workers?: number,
 *   credentials?: object[],
 *   workflows?: object[],
 *   publish?: string[],
 *   settings?: Record<string, string>,
 *   workerArgs?: string[],
 *   log?: (msg: string) => void,
 * }} options
 * settings: extra variables for every instance (e.g. shorter QUEUE_WORKER_* lock settings).
 * workerArgs: e.g. ['--concurrency=1'], so two jobs queued together go to two workers.
 */
async function startQueueSet({ inst, root, workers = 2, credentials = [], workflows = [], publish = [], settings = {}, workerArgs = [], log = () => {} }) {
	fs.mkdirSync(root, { recursive: true });
	/** @type {Array<{ stop(): Promise<void> }>} */
	const services = [];
	/** @type {Instance[]} */
	const instances = [];
	const killAll = () => {
		for (const i of instances) {
			if (i.child?.pid && i.running) {
				try {
					process.kill(-i.child.pid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}
		}
	};
	// Should the test process die, no n8n is left running (Postgres and Redis end with their parent's
	// stop(); their folders are in the temp dir).
	process.on('exit', killAll);
	/** @type {any} */
	let db;

	async function stop() {
		await Promise.all(instances.map((i) => i.stop()));
		process.off('exit', killAll);
		if (db) await db.end().catch(() => {});
		for (const s of services.reverse()) await s.stop();
		if (!process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
	}

	try {
		const [postgres, redis] = await Promise.all([startPostgres({ log }), startRedis({ log })]);
		services.push(postgres, redis);
		const shared = queueModeEnv({ postgres, redis, settings });

		const mainPort = await freePort();
		const mainFolder = prepareUserFolder(path.join(root, 'main'));
		const mainEnv = n8nEnv({ inst, userFolder: mainFolder, port: mainPort, brokerPort: await freePort(), extra: shared });
		const main = new Instance('main', inst, mainEnv, { command: 'start', readyUrl: `http://127.0.0.1:${mainPort}` });
		instances.push(main);

		/** @type {Instance[]} */
		const workerList = [];
		for (let n = 1; n <= workers; n++) {
			const health = await freePort();
			const folder = prepareUserFolder(path.join(root, `worker-${n}`));
			const env = n8nEnv({ inst, userFolder: folder, port: await freePort(), brokerPort: await freePort(), extra: { ...shared, ...workerEnv(health) } });
			const worker = new Instance(`worker-${n}`, inst, env, { command: 'worker', args: workerArgs, readyUrl: `http://127.0.0.1:${health}` });
			workerList.push(worker);
			instances.push(worker);
		}

		// The database is made and filled by main's CLI before any instance runs.
		log('importing credentials and workflows (n8n CLI)');
		if (credentials.length) await importCredentials(inst, mainEnv, credentials);
		if (workflows.length) await importWorkflows(inst, mainEnv, workflows);
		for (const id of publish) await activateWorkflow(inst, mainEnv, id);

		log(`starting main and ${workers} workers`);
		await Promise.all(instances.map((i) => i.start()));

		// n8n stores an execution's run data in its own `flatted` format.
		const flatted = createRequire(path.join(inst.n8nDir, 'package.json'))('flatted');
		db = await connectDb(inst, postgres);
		await waitForWebhooks(db, webhookPaths(workflows, publish));

		const baseUrl = `http://localhost:${mainPort}`;
		return {
			postgres,
			redis,
			main,
			workers: workerList,
			baseUrl,
			stop,
			/** POST to a production webhook of main. @param {string} webhookPath @param {unknown} [body] */
			webhook: (webhookPath, body) => postWebhook(baseUrl, webhookPath, body),
			/** @param {string} sql @param {unknown[]} [params] @returns {Promise<any[]>} */
			async query(sql, params = []) {
				return (await db.query(sql, params)).rows;
			},
			/**
			 * The executions of a workflow as n8n's database has them, oldest first.
			 * @param {string} workflowId
			 * @returns {Promise<Array<{ id: string, status: string, mode: string, finished: boolean }>>}
			 */
			async executions(workflowId) {
				const rows = await db.query('SELECT id, status, mode, finished FROM execution_entity WHERE "workflowId" = $1 ORDER BY id', [workflowId]);
				return rows.rows.map((/** @type {any} */ r) => ({ ...r, id: String(r.id) }));
			},
			/**
			 * The run data n8n stored for an execution (`resultData.error` for a failed one).
			 * @param {string | number} executionId
			 * @returns {Promise<any>}
			 */
			async executionData(executionId) {
				const rows = await db.query('SELECT data FROM execution_data WHERE "executionId" = $1', [executionId]);
				return rows.rows.length ? flatted.parse(rows.rows[0].data) : undefined;
			},
			/**
			 * The worker whose log says it started this execution (undefined: none did).
			 * @param {string | number} executionId
			 */
			workerOf(executionId) {
				return workerList.filter((w) => startedExecutions(w.log()).includes(String(executionId))).map((w) => w.name).join(',') || undefined;
			},
		};
	} catch (error) {
		await stop().catch(() => {});
		throw error;
	}
}

module.exports = { startQueueSet, postWebhook, connectDb, webhookPaths, waitForWebhooks, Instance, BOOT_TIMEOUT_MS };
