/**
 * `npm run bench`, trigger rows: the built Ditio Trigger (dist/) in n8n-core's
 * PollContext (the engine tier's harness) against the sandbox, watching the work orders of all
 * active projects: 100 projects × 200 work orders, 0.5% of them changed before each poll.
 * Counted at the sandbox: requests per poll (integration API + change feed, tokens apart);
 * measured on the static data: bytes per 1,000 records. Polling mode (credential without the
 * Data Extraction API) and feed mode (with it), each with the default Fields to Watch and with
 * all fields; "before" is the layout the trigger had before issue 17 (every watched field of
 * every work order as a JSON array under its ID), computed on the same records.
 *
 * Writes its rows between the trigger markers of BENCHMARKS.md (the rest of the file belongs to
 * bench/sync.bench.ts). BENCH_SCALE=0.1 divides the projects by 10 and leaves the file alone.
 */
import { readFileSync, writeFileSync } from '../test/host/fs';
import { join } from '../test/host/path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createEngine, type Engine, type Poller } from '../test/engine/harness';
import { process } from '../test/host/globals';
import { ROOT } from '../test/host/repo';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox, DEMO_CLIENT, FEED_CLIENT, DEMO_COMPANY_ID } = require('../sandbox/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TASK_FIELDS, EXTERNAL_ID } = require('../dist/nodes/shared/fields/task.fields');

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const FULL = SCALE === 1;
const PROJECTS = Math.max(1, Math.round(100 * SCALE));
const PER_PROJECT = 200;
const CHANGED_SHARE = 0.005;
const CHANGE_POLLS = 3;
const START = '<!-- trigger:start -->';
const END = '<!-- trigger:end -->';

interface Logged {
	api: boolean;
	reporting?: boolean;
}

interface Row {
	mode: string;
	fields: string;
	idleRequests: number;
	changeRequests: number;
	feedPages: number;
	changed: number;
	fired: number;
	bytesPer1000: number;
}

/** The layout before issue 17: { id: [projectId, externalId, …every work order field] }. */
function layoutBefore(tasks: IDataObject[]): number {
	const fields = ['projectId', EXTERNAL_ID.name, ...TASK_FIELDS.map((f: { name: string }) => f.name)];
	const seen = Object.fromEntries(tasks.map((t) => [t.id, fields.map((f) => t[f] ?? null)]));
	return JSON.stringify({ watching: '["task",27,["allActive",""]]', seen }).length;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let sb: any;
let engine: Engine;

beforeAll(async () => {
	engine = await createEngine();
	sb = await startSandbox({ seed: 'empty' });
	for (let p = 1; p <= PROJECTS; p++) {
		const project = sb.store.addProject(DEMO_COMPANY_ID, { projectNumber: `P-BENCH-${p}`, name: `Prosjekt ${p}`, active: true });
		sb.seedTasks(DEMO_COMPANY_ID, project.id, PER_PROJECT, { prefix: `WO-${p}-` });
	}
	sb.feed.reset(); // what was seeded is old by the time the trigger starts
});

afterAll(async () => {
	await sb?.close();
});

const apiRequests = () => (sb.requests as Logged[]).filter((r) => r.api || r.reporting).length;
const feedPages = () => (sb.requests as Logged[]).filter((r) => r.reporting).length;

async function measure(mode: 'polling' | 'feed', fields: 'defaults' | 'all'): Promise<Row> {
	const credentialsId = engine.setCredentials({
		environment: 'custom',
		baseUrl: sb.baseUrl,
		tokenUrl: sb.tokenUrl,
		companyId: DEMO_COMPANY_ID,
		...(mode === 'feed'
			? { clientId: FEED_CLIENT.clientId, clientSecret: FEED_CLIENT.clientSecret, reportingApi: true, reportingBaseUrl: sb.reportingBaseUrl }
			: { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret }),
	});
	const parameters: INodeParameters = {
		resource: 'task',
		events: ['created', 'changed', 'removed'],
		scope: 'allActive',
		...(fields === 'all' && { options: { taskFields: ['*'] } }),
	};
	const trigger: Poller = engine.poller({ nodeName: 'ditioTrigger', parameters, credentialsId });
	await trigger.poll(); // learns

	sb.clearRequests();
	const idle = await trigger.poll();
	if (idle !== null) throw new Error(`${mode}: an idle poll fired`);
	const idleRequests = apiRequests();

	const tasks = [...sb.store.tasks.values()] as IDataObject[];
	const perPoll = Math.round(tasks.length * CHANGED_SHARE);
	let changeRequests = 0;
	let pages = 0;
	let fired = 0;
	for (let poll = 0; poll < CHANGE_POLLS; poll++) {
		for (let i = 0; i < perPoll; i++) {
			const task = tasks[(poll * 7919 + i * 199) % tasks.length];
			task.name = `${String(task.name)} (endret ${mode} ${fields} ${poll})`;
		}
		sb.feed.scan();
		sb.clearRequests();
		const out = await trigger.poll();
		changeRequests += apiRequests();
		pages += feedPages();
		fired += out ? out[0].length : 0;
	}
	const bytes = JSON.stringify(trigger.staticData()).length;
	return {
		mode,
		fields,
		idleRequests,
		changeRequests: changeRequests / CHANGE_POLLS,
		feedPages: pages / CHANGE_POLLS,
		changed: perPoll,
		fired: fired / CHANGE_POLLS,
		bytesPer1000: Math.round((bytes / tasks.length) * 1000),
	};
}

test('trigger: requests per poll and static data size, polling and feed mode', async () => {
	const rows: Row[] = [];
	for (const mode of ['polling', 'feed'] as const) for (const fields of ['defaults', 'all'] as const) rows.push(await measure(mode, fields));
	const tasks = [...sb.store.tasks.values()] as IDataObject[];
	const old = Math.round((layoutBefore(tasks) / tasks.length) * 1000);

	const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
	const table = [
		'| Mode | Fields to Watch | Requests, idle poll | Requests, poll with 0.5% changed | of which feed pages | Changed / fired per poll | Static data per 1,000 work orders | vs before |',
		'|:--|:--|--:|--:|--:|--:|--:|--:|',
		`| before issue 17 | all | ${fmt(1 + PROJECTS)} | ${fmt(1 + PROJECTS)} | — | — | ${fmt(old)} B | 1.00 |`,
		...rows.map(
			(r) =>
				`| ${r.mode} | ${r.fields} | ${fmt(r.idleRequests)} | ${fmt(r.changeRequests)} | ${fmt(r.feedPages)} | ${fmt(r.changed)} / ${fmt(r.fired)} | ${fmt(r.bytesPer1000)} B | ${(r.bytesPer1000 / old).toFixed(2)} |`,
		),
	];
	const feed = rows.find((r) => r.mode === 'feed' && r.fields === 'defaults')!;
	const polling = rows.find((r) => r.mode === 'polling' && r.fields === 'defaults')!;
	const verdicts = [
		[
			'Feed mode: requests per poll = feed pages + one read per changed record, whatever the catalogue',
			feed.changeRequests === feed.feedPages + feed.changed && feed.idleRequests === feed.feedPages,
			`${fmt(feed.changeRequests)} = ${fmt(feed.feedPages)} pages + ${fmt(feed.changed)} reads; idle ${fmt(feed.idleRequests)}`,
		],
		[
			'Polling mode: one list per active project plus the project list, no lookups',
			polling.idleRequests === PROJECTS + 1,
			`${fmt(polling.idleRequests)} for ${PROJECTS} projects`,
		],
		[
			'Every change fired once, in both modes',
			rows.every((r) => r.fired === r.changed),
			rows.map((r) => `${r.mode}/${r.fields} ${fmt(r.fired)}`).join(', '),
		],
		[
			'Memory per record with the defaults at most a third of before',
			polling.bytesPer1000 * 3 <= old && feed.bytesPer1000 * 3 <= old,
			`${fmt(polling.bytesPer1000)} B (polling), ${fmt(feed.bytesPer1000)} B (feed) vs ${fmt(old)} B per 1,000 → ${(feed.bytesPer1000 / old).toFixed(2)}`,
		],
	] as const;
	const text = [
		START,
		'## Ditio Trigger (issue 17)',
		'',
		`\`bench/trigger.bench.ts\`: the built trigger in n8n-core's PollContext, watching the work orders of all active projects, ${PROJECTS} projects × ${PER_PROJECT} work orders, ${CHANGED_SHARE * 100}% renamed before each of ${CHANGE_POLLS} polls (averages). Requests counted at the sandbox (integration API and change feed; tokens apart). Static data: the trigger's JSON as n8n stores it. "Before" is the layout before issue 17 (every watched field of every work order), computed on the same records. Run ${new Date().toISOString()}.`,
		'',
		...table,
		'',
		'| Verdict | Result | Measured |',
		'|:--|:--|:--|',
		...verdicts.map(([what, ok, measured]) => `| ${what} | ${ok ? 'PASS' : 'FAIL'} | ${measured} |`),
		END,
	].join('\n');
	process.stdout.write(`\n${text}\n`);

	if (FULL) {
		const file = join(ROOT, 'BENCHMARKS.md');
		const current = readFileSync(file, 'utf8');
		const at = current.indexOf(START);
		const end = current.indexOf(END);
		const next = at >= 0 && end > at ? current.slice(0, at) + text + current.slice(end + END.length) : `${current.trimEnd()}\n\n${text}\n`;
		writeFileSync(file, next);
	}
	expect(verdicts.filter(([, ok]) => !ok).map(([what]) => what)).toEqual([]);
});
