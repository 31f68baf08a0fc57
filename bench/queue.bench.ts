/**
 * `npm run bench`, queue mode: a nightly sync of 10 projects × 500 work orders with 1%
 * changed, as two webhook-started executions of 5 projects each, run
 *
 * - by one n8n in regular mode (single process: both executions in it), and
 * - by a queue-mode set (main + two workers, each worker one execution; Postgres and Redis),
 *
 * both n8n 2.41.1 on the same Postgres server, against the Ditio sandbox in this process (20 ms
 * latency). Each is warmed up once (tokens fetched, nothing changed), then measured in rounds
 * from fresh Ditio data: API requests and token requests counted at the sandbox, wall time from
 * the two webhook calls to both answers. The lower bound: per project one lookup by number and
 * one list read, plus one write per changed work order.
 *
 * Writes only its own section of BENCHMARKS.md, between <!-- queue:start --> and
 * <!-- queue:end --> (bench/sync.bench.ts writes the rest and keeps this section).
 * BENCH_SCALE=0.1 divides the work orders by 10 and leaves BENCHMARKS.md alone.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from '../test/host/fs';
import os from '../test/host/os';
import { join } from '../test/host/path';

import { DEMO_COMPANY_ID } from '../sandbox/server';
import { E2E_ROOT, type Sandbox } from '../test/e2e/harness';
import { createQueueWorld, n8n, type QueueWorld } from '../test/e2e/queue-set';
import { syncedWorkOrder, syncWorkflow, type SyncBody } from '../test/e2e/queue-workflows';
import { process } from '../test/host/globals';
import { ROOT } from '../test/host/repo';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Instance, postWebhook, connectDb, webhookPaths, waitForWebhooks } = require('../scripts/lib/n8n-queue-set');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgresEnv } = require('../scripts/lib/n8n-queue');

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const FULL = SCALE === 1;
const PROJECTS = 10;
const PER_PROJECT = Math.max(1, Math.round(500 * SCALE));
const CHANGED_EVERY = 100;
const SUFFIX = ' (endret)';
const LATENCY_MS = 20;
const ROUNDS = 3;
const START = '<!-- queue:start -->';
const END = '<!-- queue:end -->';

const CREDENTIAL = { id: 'ditioBenchCred', name: 'Ditio sandbox (bench)' };
const SYNC_A = syncWorkflow({ id: 'ditioBenchSyncA', path: 'bench-sync-a', credential: CREDENTIAL });
const SYNC_B = syncWorkflow({ id: 'ditioBenchSyncB', path: 'bench-sync-b', credential: CREDENTIAL });

const projects = Array.from({ length: PROJECTS }, (_, p) => ({ number: `P-NIGHT-${String(p + 1).padStart(2, '0')}`, prefix: `N${p + 1}` }));
const half = PROJECTS / 2;
const body = (list: typeof projects, changedEvery: number): SyncBody => ({ projects: list, count: PER_PROJECT, changedEvery, suffix: SUFFIX });
const changedPerProject = Math.ceil(PER_PROJECT / CHANGED_EVERY);
const LOWER_BOUND = PROJECTS * 2 + PROJECTS * changedPerProject;

interface SyncAnswer {
	items: number;
	execution: unknown;
	outcomes: Record<string, number | undefined>;
}
type Webhook = (path: string, body: unknown) => Promise<{ status: number; json: SyncAnswer; text: string }>;
interface Run {
	mode: string;
	wallMs: number;
	requests: number;
	tokens: number;
	workers: string[];
}

/** Ditio as the ERP last left it: every work order as its row says, nothing changed yet. */
function seed(sb: Sandbox) {
	sb.reset('empty');
	for (const p of projects) {
		const project = sb.store.addProject(DEMO_COMPANY_ID, { projectNumber: p.number, name: `Nattlig ${p.number}`, active: true });
		for (let i = 0; i < PER_PROJECT; i++) sb.store.addTask(DEMO_COMPANY_ID, { projectId: project.id, active: true, ...syncedWorkOrder(p.prefix, i) });
	}
	sb.clearRequests();
}

/** The two executions at once; checks what they answer. */
async function nightly(sb: Sandbox, mode: string, webhook: Webhook, changedEvery: number, workerOf: (id: string) => string | undefined): Promise<Run> {
	seed(sb);
	const started = process.hrtime.bigint();
	const answers = await Promise.all([webhook('bench-sync-a', body(projects.slice(0, half), changedEvery)), webhook('bench-sync-b', body(projects.slice(half), changedEvery))]);
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const items = half * PER_PROJECT;
	const updated = changedEvery ? half * changedPerProject : 0;
	for (const answer of answers) {
		if (answer.status !== 200) throw new Error(`${mode}: the webhook answered ${answer.status}: ${answer.text.slice(0, 500)}`);
		const { outcomes } = answer.json;
		if (answer.json.items !== items || (outcomes.updated ?? 0) !== updated || (outcomes.unchanged ?? 0) !== items - updated) {
			throw new Error(`${mode}: expected ${updated} updated of ${items}, got ${JSON.stringify(answer.json)}`);
		}
	}
	const failed = sb.requests.filter((r) => typeof r.status !== 'number' || r.status >= 400);
	if (failed.length) throw new Error(`${mode}: ${failed.length} requests failed at the sandbox (${failed.map((r) => r.status).join(', ')})`);
	return {
		mode,
		wallMs,
		requests: sb.requests.filter((r) => r.api).length,
		tokens: sb.requests.filter((r) => r.token).length,
		workers: answers.map((a) => workerOf(String(a.json.execution)) ?? 'main'),
	};
}

/** One n8n in regular mode on its own database of the same Postgres server. */
async function startSingleProcess(world: QueueWorld, root: string) {
	const db = world.set.postgres.createDatabase('n8n_single');
	const userFolder = n8n.prepareUserFolder(join(root, 'single'));
	const port = await n8n.freePort();
	const env = n8n.n8nEnv({ inst: world.inst, userFolder, port, brokerPort: await n8n.freePort(), extra: postgresEnv(db) });
	await n8n.importCredentials(world.inst, env, [n8n.sandboxCredential(world.sb, CREDENTIAL)]);
	await n8n.importWorkflows(world.inst, env, [SYNC_A, SYNC_B]);
	for (const id of [SYNC_A.id, SYNC_B.id]) await n8n.activateWorkflow(world.inst, env, id);
	const instance = new Instance('single', world.inst, env, { command: 'start', readyUrl: `http://127.0.0.1:${port}` });
	await instance.start();
	const client = await connectDb(world.inst, db);
	try {
		await waitForWebhooks(client, webhookPaths([SYNC_A, SYNC_B], [SYNC_A.id, SYNC_B.id]));
	} finally {
		await client.end();
	}
	const webhook: Webhook = (path, b) => postWebhook(`http://localhost:${port}`, path, b);
	return { instance, webhook };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtInt = (n: number) => n.toLocaleString('en-US');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

function section(runs: Run[], loadAtStart: string, totalMs: number): string {
	const of = (mode: string) => runs.filter((r) => r.mode === mode);
	const modes = [
		{ mode: 'single', label: 'Single process: one n8n, regular mode' },
		{ mode: 'queue', label: 'Queue mode: main + 2 workers (concurrency 1)' },
	];
	const rows = modes.map(({ mode, label }) => {
		const rs = of(mode);
		const requests = [...new Set(rs.map((r) => r.requests))].map(fmtInt).join(' / ');
		const where = mode === 'queue' ? [...new Set(rs.map((r) => [...r.workers].sort().join(' + ')))].join('; ') : 'main';
		return `| ${label} | ${requests} | ${fmtInt(LOWER_BOUND)} | ${rs.map((r) => r.tokens).join(' / ')} | ${fmtS(median(rs.map((r) => r.wallMs)))} | ${rs.map((r) => fmtS(r.wallMs)).join(', ')} | ${where} |`;
	});
	const atBound = runs.filter((r) => r.requests === LOWER_BOUND).length;
	const over = runs.filter((r) => r.requests !== LOWER_BOUND);
	const queue = median(of('queue').map((r) => r.wallMs));
	const single = median(of('single').map((r) => r.wallMs));
	const ratio = queue / single;
	const spread = of('queue').filter((r) => new Set(r.workers).size === 2 && r.workers.every((w) => w.startsWith('worker-'))).length;
	return [
		START,
		'## Queue mode: a nightly sync across two workers',
		'',
		`Measured by \`npm run bench\` (\`bench/queue.bench.ts\`, ${fmtS(totalMs)}): ${PROJECTS} projects × ${fmtInt(PER_PROJECT)} work orders, ` +
			`every ${CHANGED_EVERY}th changed (${fmtInt(PROJECTS * changedPerProject)} changes), as two webhook-started executions of ${half} projects each, ` +
			`started together; n8n 2.41.1 with Postgres 15 and Redis, the sandbox at ${LATENCY_MS} ms latency; ${ROUNDS} rounds after one warm-up per mode, ` +
			`each from fresh Ditio data. Lower bound: per project 1 lookup by number + 1 list read, plus 1 write per change. ` +
			'Tokens: fetched in the warm-ups, still valid in the rounds. ' +
			`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average (1/5/15 min) ${loadAtStart} at start, ${load()} at end; ${new Date().toISOString()}.`,
		'',
		'| Run | API requests | Lower bound | Tokens per round | Wall (median) | Wall (each round) | Executions ran on |',
		'|:--|--:|--:|:--|--:|:--|:--|',
		...rows,
		'',
		`- **Requests = lower bound: ${over.length === 0 ? 'met' : 'not met'}.** ${atBound} of ${runs.length} runs sent exactly ${fmtInt(LOWER_BOUND)} API requests` +
			(over.length ? `; the others: ${over.map((r) => `${r.mode} ${fmtInt(r.requests)}`).join(', ')}.` : '.'),
		`- **Two workers, one execution each: ${spread === of('queue').length ? 'yes' : 'no'}** (${spread} of ${of('queue').length} queue-mode rounds).`,
		`- **Wall time: queue mode ${fmtS(queue)} against ${fmtS(single)} in one process (medians of ${ROUNDS} rounds; ×${ratio.toFixed(2)}, ` +
			`${ratio < 1 ? `${Math.round((1 - ratio) * 100)}% faster` : `${Math.round((ratio - 1) * 100)}% slower`}).** ` +
			`Both ran on the same ${os.cpus().length} cores, shared with the machine's other work (load average above): this compares how n8n spreads ` +
			'the same work over its processes, not more hardware; workers on machines of their own add their CPU.',
		END,
	].join('\n');
}

/** Replaces this benchmark's section of BENCHMARKS.md, or appends it. */
function writeSection(text: string) {
	const file = join(ROOT, 'BENCHMARKS.md');
	const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
	const start = old.indexOf(START);
	const end = old.indexOf(END);
	const next = start >= 0 && end > start ? old.slice(0, start) + text + old.slice(end + END.length) : `${old.trimEnd()}\n\n${text}\n`;
	writeFileSync(file, next);
}

test('queue mode: a nightly sync across two workers against one process', async () => {
	const started = Date.now();
	const loadAtStart = load();
	const say = (text: string) => process.stdout.write(`[bench:queue] ${text}\n`);
	const world = await createQueueWorld('bench-queue', {
		credentials: (sb) => [n8n.sandboxCredential(sb, CREDENTIAL)],
		workflows: [SYNC_A, SYNC_B],
		publish: [SYNC_A.id, SYNC_B.id],
	});
	const root = join(E2E_ROOT, `bench-single-${process.pid}-${Date.now()}`);
	let single: Awaited<ReturnType<typeof startSingleProcess>> | undefined;
	try {
		single = await startSingleProcess(world, root);
		world.sb.setLatency(LATENCY_MS);
		const modes: Array<[string, Webhook, (id: string) => string | undefined]> = [
			['single', single.webhook, () => undefined],
			['queue', world.set.webhook, (id) => world.set.workerOf(id)],
		];
		for (const [mode, webhook, workerOf] of modes) {
			say(`${mode}: warm-up`);
			await nightly(world.sb, mode, webhook, 0, workerOf);
		}
		const runs: Run[] = [];
		for (let round = 1; round <= ROUNDS; round++) {
			for (const [mode, webhook, workerOf] of modes) {
				const run = await nightly(world.sb, mode, webhook, CHANGED_EVERY, workerOf);
				say(`round ${round}, ${mode}: ${run.requests} API requests (lower bound ${LOWER_BOUND}), ${run.tokens} tokens, ${fmtS(run.wallMs)}, on ${run.workers.join(' + ')}`);
				runs.push(run);
			}
		}
		const text = section(runs, loadAtStart, Date.now() - started);
		say(`\n${text}`);
		if (FULL) {
			writeSection(text);
			say('wrote its section of BENCHMARKS.md');
		} else {
			say(`BENCH_SCALE=${SCALE}: BENCHMARKS.md left alone`);
		}
		// Loud: a request above the lower bound fails the benchmark (after the numbers are written).
		expect(runs.filter((r) => r.requests !== LOWER_BOUND)).toEqual([]);
	} finally {
		await single?.instance.stop();
		rmSync(root, { recursive: true, force: true });
		await world.close();
	}
});
