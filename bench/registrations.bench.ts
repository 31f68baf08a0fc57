/**
 * `npm run bench`, registration rows: the built node (dist/) in n8n-core's engine (the
 * engine tier's harness) against the sandbox.
 *
 * 1. Time Registration → Get Many, Return All, of 100,000 registrations (a work-date window, the
 *    default page size of 2,500), the sandbox in a child process (bench/sandbox-process.js) so
 *    its CPU is not the node's. Counted: Data Extraction pages. Bound: pages × latency + n8n's
 *    own cost, measured as the parallel-writes row does it: bench/reading-floor.ts reads the same
 *    pages through n8n's own request helper and outputs the records, nothing else (at 0 ms, so
 *    the figure is n8n's work and the sandbox's, no latency). Heap: what the output holds once
 *    garbage is collected, at a quarter, half and all of the registrations, per 1,000.
 * 2. Ditio Trigger on Time Registration, 50,000 registrations in the catalogue, 0.5% of them
 *    changed before each poll, the sandbox in this process: requests per poll (feed pages and
 *    any other read), and the static data n8n stores. Polls are 30 minutes apart (Ditio advises
 *    15–60) and the changes spread over the interval: the clock (Date only) is jest's fake one,
 *    shared by the node and the sandbox, so no wall time passes. Also measured, without a
 *    verdict: all the poll's changes in its last minute, the most the edge can hold.
 *
 * Writes its section of BENCHMARKS.md between the registrations markers; BENCH_SCALE=0.1
 * divides every N by 10 and leaves the file alone.
 */
import { type ChildProcess, fork } from '../test/host/child_process';
import { readFileSync, writeFileSync } from '../test/host/fs';
import os from '../test/host/os';
import { join } from '../test/host/path';
import { ROOT } from '../test/host/repo';
import v8 from '../test/host/v8';
import vm from '../test/host/vm';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createEngine, type Engine } from '../test/engine/harness';
import { clearInterval, process, setInterval } from '../test/host/globals';
import { READING_FLOOR_NODE_TYPE, ReadingFloor } from './reading-floor';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox, FEED_CLIENT, DEMO_COMPANY_ID } = require('../sandbox/server');

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const FULL = SCALE === 1;
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));

const GET_MANY = scaled(100_000);
const PAGE_SIZE = 2500;
const LATENCY_MS = 20;
const MAX_SLOWDOWN = 1.3;
const CATALOGUE = scaled(50_000);
const CHANGED_SHARE = 0.005;
const POLLS = 3;
const INTERVAL_MS = 30 * 60 * 1000;
const MAX_STATIC_BYTES = 2048;
const START = '<!-- registrations:start -->';
const END = '<!-- registrations:end -->';
const MB = 1024 * 1024;
const DAY = 86_400_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const say = (text: string) => process.stdout.write(`${text}\n`);

// ---- the sandbox in its own process ------------------------------------------------------

class SandboxProcess {
	private readonly pending = new Map<number, (message: { result?: unknown; error?: string }) => void>();
	private nextId = 1;
	urls = { baseUrl: '', tokenUrl: '', reportingBaseUrl: '' };

	constructor(private readonly child: ChildProcess) {
		child.on('message', (message: { id?: number; result?: unknown; error?: string; ready?: boolean } & Partial<SandboxProcess['urls']>) => {
			if (message.ready) this.urls = { baseUrl: message.baseUrl!, tokenUrl: message.tokenUrl!, reportingBaseUrl: message.reportingBaseUrl! };
			const answer = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!answer) return;
			this.pending.delete(message.id!);
			answer(message);
		});
	}

	static async start(): Promise<SandboxProcess> {
		const child = fork(join(ROOT, 'bench', 'sandbox-process.js'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		const sandbox = new SandboxProcess(child);
		await new Promise<void>((ready, fail) => {
			child.once('exit', (code) => fail(new Error(`sandbox process exited (${code}) before it was ready`)));
			child.on('message', (message: { ready?: boolean }) => message.ready && ready());
		});
		return sandbox;
	}

	call<T = unknown>(cmd: string, args: IDataObject = {}): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, (m) => (m.error !== undefined ? reject(new Error(`sandbox: ${m.error}`)) : resolve(m.result as T)));
			this.child.send({ id, cmd, ...args });
		});
	}

	async close() {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((done) => this.child.once('exit', done));
		this.child.send({ cmd: 'close' });
		await exited;
	}
}

// ---- row 1: Get Many of 100,000 -------------------------------------------------------------

interface Read {
	n: number;
	latencyMs: number;
	pages: number;
	otherRequests: number;
	items: number;
	wallMs: number;
	cpuMs: number;
	peakHeapMB: number;
	retainedMB: number;
}

const today = Math.floor(Date.now() / DAY) * DAY;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const GET_MANY_PARAMETERS: INodeParameters = {
	resource: 'timeRegistration',
	operation: 'getAll',
	window: 'workDate',
	fromDate: day(today - 40 * DAY),
	toDate: day(today),
	returnAll: true,
	options: { pageSize: PAGE_SIZE },
};

async function read(engine: Engine, sandbox: SandboxProcess, credentialsId: string, n: number, latencyMs: number, floor: boolean): Promise<Read> {
	await sandbox.call('latency', { ms: latencyMs });
	await sandbox.call('clear');
	gc();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const result = await engine.runNode(
		floor
			? {
					nodeType: READING_FLOOR_NODE_TYPE,
					parameters: {
						url: `${sandbox.urls.reportingBaseUrl}/v1/time-registrations`,
						qs: JSON.stringify({ FromDateTime: `${GET_MANY_PARAMETERS.fromDate}T00:00:00Z`, ToDateTime: `${GET_MANY_PARAMETERS.toDate}T23:59:59Z`, ChunkLimit: PAGE_SIZE }),
					},
					credentialsId,
				}
			: { parameters: GET_MANY_PARAMETERS, credentialsId },
	);
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const used = process.cpuUsage(cpu);
	clearInterval(sampler);
	if (result.error) throw result.error;
	gc();
	const retainedMB = (process.memoryUsage().heapUsed - base) / MB;
	const counts = await sandbox.call<{ pages: number; api: number }>('reportingCounts');
	return {
		n,
		latencyMs,
		pages: counts.pages,
		otherRequests: counts.api,
		items: result.items.length,
		wallMs,
		cpuMs: (used.user + used.system) / 1000,
		peakHeapMB: (Math.max(peak, base) - base) / MB,
		retainedMB,
	};
}

// ---- row 2: the trigger on a catalogue of 50,000 --------------------------------------------

interface TriggerRow {
	catalogue: number;
	changed: number;
	pagesPerPoll: number;
	otherPerPoll: number;
	firedPerPoll: number;
	bytes: number;
	worstBytes: number;
}

/** Date only: timers, ticks and hrtime stay real, so n8n and the HTTP stack run as usual. */
const FAKE_DATE_ONLY: Parameters<typeof jest.useFakeTimers>[0] = {
	doNotFake: [
		'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
		'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
	],
};

async function triggerOn(engine: Engine, catalogue: number): Promise<TriggerRow> {
	const sb = await startSandbox({ seed: 'demo' });
	try {
		sb.setTokenLifetime(7 * 24 * 3600);
		const people = 100;
		sb.registrations.generate({ days: 31, people, perDay: Math.ceil((catalogue * 1.1) / (people * 20)) });
		const time = sb.registrations.data.time as Map<string, { deleted?: number }>;
		let live = 0;
		for (const [id, entry] of [...time]) {
			if (entry.deleted !== undefined || live >= catalogue) time.delete(id);
			else live++;
		}
		const ids = [...time.keys()];
		const credentialsId = engine.setCredentials({
			environment: 'custom',
			baseUrl: sb.baseUrl,
			tokenUrl: sb.tokenUrl,
			companyId: DEMO_COMPANY_ID,
			clientId: FEED_CLIENT.clientId,
			clientSecret: FEED_CLIENT.clientSecret,
			reportingApi: true,
			reportingBaseUrl: sb.reportingBaseUrl,
		});
		const trigger = engine.poller({ nodeName: 'ditioTrigger', parameters: { resource: 'timeRegistration', events: ['created', 'changed', 'approved', 'removed'] }, credentialsId });
		const perPoll = Math.round(live * CHANGED_SHARE);
		const counts = () => ({ pages: sb.requests.filter((r: { reporting?: boolean }) => r.reporting).length, other: sb.requests.filter((r: { api: boolean }) => r.api).length });

		jest.useFakeTimers({ ...FAKE_DATE_ONLY, now: Date.now() });
		let clock = Date.now();
		await trigger.poll(); // learns
		let pages = 0;
		let other = 0;
		let fired = 0;
		const pollAfter = async (spreadMs: number, poll: number) => {
			for (let i = 0; i < perPoll; i++) {
				const id = ids[(poll * 7919 + i * 199) % ids.length];
				sb.registrations.update('time', id, { description: `endret ${poll}` }, clock + INTERVAL_MS - spreadMs + Math.round(((i + 1) * spreadMs) / (perPoll + 1)));
			}
			clock += INTERVAL_MS;
			jest.setSystemTime(clock);
			sb.clearRequests();
			const out = await trigger.poll();
			const c = counts();
			return { pages: c.pages, other: c.other, fired: out ? out[0].length : 0 };
		};
		for (let poll = 1; poll <= POLLS; poll++) {
			const r = await pollAfter(INTERVAL_MS, poll);
			pages += r.pages;
			other += r.other;
			fired += r.fired;
		}
		const bytes = JSON.stringify(trigger.staticData()).length;
		const worst = await pollAfter(60_000, POLLS + 1);
		if (worst.fired !== perPoll) throw new Error(`the last-minute poll fired ${worst.fired} of ${perPoll}`);
		const worstBytes = JSON.stringify(trigger.staticData()).length;
		return { catalogue: live, changed: perPoll, pagesPerPoll: pages / POLLS, otherPerPoll: other / POLLS, firedPerPoll: fired / POLLS, bytes, worstBytes };
	} finally {
		jest.useRealTimers();
		await sb.close();
	}
}

// ---------------------------------------------------------------------------------------------

test('registrations: Get Many of 100,000 and the trigger on 50,000', async () => {
	const started = Date.now();
	const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
	const engine = await createEngine();
	engine.addNodeType(READING_FLOOR_NODE_TYPE, new ReadingFloor());
	const sandbox = await SandboxProcess.start();
	const reads: Read[] = [];
	let floor0: Read;
	let floorL: Read;
	let node: Read;
	try {
		const credentialsId = engine.setCredentials({
			environment: 'custom',
			baseUrl: sandbox.urls.baseUrl,
			tokenUrl: sandbox.urls.tokenUrl,
			companyId: DEMO_COMPANY_ID,
			clientId: FEED_CLIENT.clientId,
			clientSecret: FEED_CLIENT.clientSecret,
			reportingApi: true,
			reportingBaseUrl: sandbox.urls.reportingBaseUrl,
		});
		say('[bench] registrations: warm-up (untimed)');
		await sandbox.call('timeRegistrations', { count: Math.min(5000, GET_MANY) });
		await read(engine, sandbox, credentialsId, 0, 0, false);
		await read(engine, sandbox, credentialsId, 0, 0, true);
		for (const share of [0.25, 0.5, 1]) {
			const n = await sandbox.call<number>('timeRegistrations', { count: Math.round(GET_MANY * share) });
			say(`[bench] Get Many of ${fmt(n)} at 0 ms`);
			reads.push(await read(engine, sandbox, credentialsId, n, 0, false));
		}
		const n = reads[reads.length - 1].n;
		say(`[bench] the reading floor and the node at ${LATENCY_MS} ms, ${fmt(n)}`);
		floor0 = await read(engine, sandbox, credentialsId, n, 0, true);
		node = await read(engine, sandbox, credentialsId, n, LATENCY_MS, false);
		floorL = await read(engine, sandbox, credentialsId, n, LATENCY_MS, true);
	} finally {
		await sandbox.close();
	}

	say(`[bench] trigger on ${fmt(CATALOGUE)} and ${fmt(Math.round(CATALOGUE / 10))} registrations`);
	const triggers = [await triggerOn(engine, CATALOGUE), await triggerOn(engine, Math.round(CATALOGUE / 10))];

	const all = reads[reads.length - 1];
	const expectedPages = Math.ceil(all.n / PAGE_SIZE);
	const boundMs = node.pages * LATENCY_MS + floor0.wallMs;
	// Linear: each step from one size to the next adds the same heap per registration (within 25%).
	const slopes = reads.slice(1).map((r, i) => ((r.retainedMB - reads[i].retainedMB) / (r.n - reads[i].n)) * 1000);
	const linear = Math.max(...slopes) <= 1.25 * Math.min(...slopes) && Math.min(...slopes) > 0;
	const big = triggers[0];
	const verdicts: Array<[string, boolean, string]> = [
		[
			`Get Many: API requests = ⌈${fmt(all.n)} / ${fmt(PAGE_SIZE)}⌉ pages exactly`,
			reads.every((r) => r.pages === Math.ceil(r.n / PAGE_SIZE) && r.otherRequests === 0 && r.items === r.n) && node.pages === expectedPages,
			`${reads.map((r) => `${fmt(r.n)}: ${r.pages} pages`).join(', ')}; at ${LATENCY_MS} ms ${node.pages}; no other request`,
		],
		[
			`Get Many: wall ≤ ${MAX_SLOWDOWN}× (pages × latency + n8n's own cost)`,
			node.wallMs <= MAX_SLOWDOWN * boundMs,
			`${fmtMs(node.wallMs)} against ${node.pages} × ${LATENCY_MS} ms + ${fmtMs(floor0.wallMs)} = ${fmtMs(boundMs)}: **${(node.wallMs / boundMs).toFixed(2)}×** (the floor itself at ${LATENCY_MS} ms: ${fmtMs(floorL.wallMs)})`,
		],
		[
			'Get Many: heap held by the output grows linearly (each step adds the same per 1,000, within 25%)',
			linear,
			`${reads.map((r) => `${fmt(r.n)}: ${fmt(r.retainedMB)} MB`).join(', ')}; per 1,000 added: ${slopes.map((m) => `${fmt(m, 2)} MB`).join(', ')}`,
		],
		[
			'Trigger: requests per poll = feed pages + 0 list reads',
			triggers.every((t) => t.otherPerPoll === 0 && t.firedPerPoll === t.changed && t.pagesPerPoll === Math.ceil(t.pagesPerPoll)),
			triggers.map((t) => `${fmt(t.catalogue)}: ${fmt(t.pagesPerPoll)} page + ${fmt(t.otherPerPoll)} reads, ${fmt(t.firedPerPoll)} fired of ${fmt(t.changed)} changed`).join('; '),
		],
		[
			`Trigger: static data ≤ ${fmt(MAX_STATIC_BYTES / 1024)} KB whatever the catalogue`,
			triggers.every((t) => t.bytes <= MAX_STATIC_BYTES),
			triggers.map((t) => `${fmt(t.catalogue)}: ${fmt(t.bytes, 0)} B`).join(', '),
		],
	];
	const readRow = (r: Read, what: string) =>
		`| ${what} | ${fmt(r.n)} | ${r.latencyMs} ms | ${r.pages} | ${r.otherRequests} | ${fmtMs(r.wallMs)} | ${fmtMs(r.cpuMs)} | +${fmt(r.peakHeapMB)} MB | +${fmt(r.retainedMB)} MB | ${fmt((r.retainedMB / r.n) * 1000, 2)} MB |`;
	const text = [
		START,
		'## Registrations: Get Many and the trigger (issue 22)',
		'',
		`\`bench/registrations.bench.ts\`, run ${new Date().toISOString()} in ${fmtMs(Date.now() - started)} (2 cores shared with other work; load average at start ${load}). ` +
			`Get Many: Time Registration, Return All, a work-date window, page size ${fmt(PAGE_SIZE)}, Simplify on; the sandbox in a child process. ` +
			"The reading floor (`bench/reading-floor.ts`) reads the same pages through n8n's own request helper with the same credential and outputs the records, nothing else: n8n's own cost (at 0 ms: its work and the sandbox's, no latency). " +
			'Heap: peak growth during the run, and what the output holds once garbage is collected.',
		'',
		'| Run | Registrations | Latency | Pages | Other requests | Wall | CPU | Heap peak | Heap held | Held per 1,000 |',
		'|:--|--:|:--|--:|--:|--:|--:|--:|--:|--:|',
		...reads.map((r) => readRow(r, 'Get Many')),
		readRow(floor0, 'reading floor'),
		readRow(node, 'Get Many'),
		readRow(floorL, 'reading floor'),
		'',
		`Trigger: Time Registration, all four events, ${fmt(CHANGED_SHARE * 100)}% of the catalogue changed before each of ${POLLS} polls ${INTERVAL_MS / 60000} minutes apart, the changes spread over the interval (the clock is jest's fake Date, shared by node and sandbox). ` +
			'Static data: the JSON n8n stores after the last of them. Last minute: one more poll whose changes all fall in its last minute, so the whole poll is at the edge (no verdict: the edge follows the changes of the last ten minutes, not the catalogue).',
		'',
		'| Catalogue | Changed per poll | Feed pages per poll | Other requests per poll | Fired per poll | Static data | Static data, changes in the last minute |',
		'|--:|--:|--:|--:|--:|--:|--:|',
		...triggers.map((t) => `| ${fmt(t.catalogue)} | ${fmt(t.changed)} | ${fmt(t.pagesPerPoll)} | ${fmt(t.otherPerPoll)} | ${fmt(t.firedPerPoll)} | ${fmt(t.bytes, 0)} B | ${fmt(t.worstBytes, 0)} B |`),
		'',
		'| Verdict | Result | Measured |',
		'|:--|:--|:--|',
		...verdicts.map(([what, ok, measured]) => `| ${what} | ${ok ? 'PASS' : 'FAIL'} | ${measured} |`),
		END,
	].join('\n');
	say(`\n${text}\n`);
	if (FULL) {
		const file = join(ROOT, 'BENCHMARKS.md');
		const current = readFileSync(file, 'utf8');
		const at = current.indexOf(START);
		const end = current.indexOf(END);
		writeFileSync(file, at >= 0 && end > at ? current.slice(0, at) + text + current.slice(end + END.length) : `${current.trimEnd()}\n\n${text}\n`);
	} else {
		say(`[bench] BENCH_SCALE=${SCALE}: BENCHMARKS.md left alone`);
	}
	expect(big.changed).toBeGreaterThan(0);
	expect(verdicts.filter(([, ok]) => !ok).map(([what]) => what)).toEqual([]);
});
