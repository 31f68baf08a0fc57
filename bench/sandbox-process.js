// @ts-check
'use strict';
/**
 * The sandbox for `npm run bench`, in a process of its own (child_process.fork), so its CPU
 * time (JSON of 50,000 work orders, request log) and memory are not counted as the node's,
 * and it answers on the other core as a remote Ditio would. Driven over IPC by
 * bench/sync.bench.ts; every message `{ id, cmd, ...args }` gets `{ id, result }` or `{ id, error }`.
 */
const { startSandbox, DEMO_COMPANY_ID } = require('../sandbox/server');

/** @param {import('../sandbox/server').Sandbox} sb */
function counts(sb) {
	const api = sb.requests.filter((r) => r.api);
	/** @type {Record<string, number>} */
	const byMethod = {};
	for (const r of api) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
	const limited = api.filter((r) => r.rateLimited);
	const failed = api.filter((r) => !r.rateLimited && (typeof r.status !== 'number' || r.status >= 400));
	return {
		api: api.length,
		token: sb.requests.filter((r) => r.token).length,
		byMethod,
		rateLimited: limited.length,
		failed: failed.length,
		failedStatuses: [...new Set(failed.map((r) => r.status))],
	};
}

/**
 * A month of time registrations with exactly `count` live ones (the generator's deletions and
 * surplus dropped), so a page count can be predicted. @param {any} sb @param {number} count
 */
function fillTimeRegistrations(sb, count) {
	sb.reset('demo'); // the generator puts hours on the demo's active work orders
	const people = 100;
	const perDay = Math.ceil((count * 1.1) / (people * 20));
	sb.registrations.generate({ days: 31, people, perDay });
	const time = sb.registrations.data.time;
	let live = 0;
	for (const [id, entry] of [...time]) {
		if (entry.deleted !== undefined || live >= count) time.delete(id);
		else live++;
	}
	return live;
}

async function main() {
	const sb = await startSandbox({ seed: 'empty' });
	/** @type {Record<string, (args: any) => unknown>} */
	const commands = {
		reset: () => sb.reset('empty'),
		latency: ({ ms }) => sb.setLatency(ms),
		rateLimit: ({ settings }) => (settings ? sb.setRateLimit(settings) : sb.clearRateLimit()),
		project: ({ fields }) => sb.store.addProject(DEMO_COMPANY_ID, fields).id,
		projects: ({ rows }) => rows.map((/** @type {any} */ fields) => sb.store.addProject(DEMO_COMPANY_ID, fields).id).length,
		tasks: ({ projectId, rows }) =>
			rows.map((/** @type {any} */ fields) => sb.store.addTask(DEMO_COMPANY_ID, { ...fields, projectId }).id).length,
		seedTasks: ({ projectId, count }) => sb.seedTasks(DEMO_COMPANY_ID, projectId, count, { prefix: 'WO-' }).length,
		counts: () => counts(sb),
		// Where the time of a run goes, seen from the sandbox: its CPU, and how many requests it held at once.
		timing: () => {
			const api = sb.requests.filter((r) => r.api && r.answeredAt);
			const heldMs = api.reduce((sum, r) => sum + (/** @type {number} */ (r.answeredAt) - r.time), 0);
			const cpu = process.cpuUsage();
			return { heldMs, answered: api.length, cpuMs: (cpu.user + cpu.system) / 1000 };
		},
		clear: () => sb.clearRequests(),
		// bench/registrations.bench.ts: exactly `count` live time registrations, and what the Data Extraction API was sent.
		timeRegistrations: ({ count }) => fillTimeRegistrations(sb, count),
		reportingCounts: () => ({ pages: sb.requests.filter((r) => r.reporting).length, api: sb.requests.filter((r) => r.api).length }),
	};
	process.on('message', (/** @type {any} */ message) => {
		const { id, cmd, ...args } = message;
		if (cmd === 'close') {
			sb.close().then(() => process.exit(0), () => process.exit(1));
			return;
		}
		try {
			const command = commands[cmd];
			if (!command) throw new Error(`unknown command ${cmd}`);
			process.send?.({ id, result: command(args) ?? null });
		} catch (error) {
			process.send?.({ id, error: error instanceof Error ? error.message : String(error) });
		}
	});
	process.on('disconnect', () => process.exit(0));
	process.send?.({ ready: true, baseUrl: sb.baseUrl, tokenUrl: sb.tokenUrl, reportingBaseUrl: sb.reportingBaseUrl });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
