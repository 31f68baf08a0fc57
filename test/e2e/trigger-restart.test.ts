/**
 * Ditio Trigger across restarts of a real n8n 2.41. n8n saves a trigger's
 * static data after the first poll of an activation and after a poll that starts the workflow,
 * not after a quiet poll and not on shutdown. Three activated workflows on one project, each
 * posting every event it gets to a little HTTP sink in this test:
 *  - feed: change-feed mode, all three events;
 *  - feedRemovedOnly: change-feed mode, Events = Removed only (the case that lost a deletion);
 *  - polling: polling mode, all three events.
 * n8n is stopped gracefully once and killed once between polls; each change made while it was
 * down must be reported once after it is back, and nothing twice. Deletions too, whose tombstone
 * keeps the modifiedDateTime of the last change (an old one, or one already reported) and comes
 * in every overlapping window: a work order last changed a day ago, and one deleted right after
 * a rename, fire removed once over several polls and both restarts. n8n polls once a minute at
 * most, so this file takes several minutes.
 */
import { createServer, type Server } from '../host/http';

import { DEMO_COMPANY_ID, DEMO_IDS, FEED_CLIENT } from '../../sandbox/server';
import { createWorld, ditioTriggerNode, n8n, type World } from './harness';
import { kill } from './processes';
import { setTimeout } from '../host/globals';

const PROJECT = DEMO_IDS.projectFjellhall;

interface Seen {
	wf: string;
	event: string;
	id: string;
}
const received: Seen[] = [];
let sink: Server;
let sinkUrl: string;

const FEED_CREDENTIAL = { id: 'ditioFeedCred0001', name: 'Ditio sandbox with the change feed' };

function workflow(n: number, key: string, events: string[], credential: { id: string; name: string }) {
	return {
		id: `ditioE2eRestart0${n}`,
		name: `e2e restart: ${key}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Ditio Trigger': { main: [[{ node: 'Tell the test', type: 'main', index: 0 }]] } },
		nodes: [
			ditioTriggerNode({ id: `c1f0c2d0-0000-4000-8000-00000000000${n}`, events, projectNumber: 'P-2026-001', credential }),
			{
				id: `c1f0c2d0-0000-4000-8000-00000000010${n}`,
				name: 'Tell the test',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [250, 0],
				parameters: {
					method: 'POST',
					url: `={{ '${sinkUrl}' }}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ wf: '${key}', event: $json.event, id: $json.id }) }}`,
					options: {},
				},
			},
		],
	};
}

let world: World;
let running: ReturnType<typeof n8n.startN8n> | undefined;

const until = async (what: string, check: () => boolean, timeoutMs = 240_000) => {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) {
			throw new Error(`${what}: not within ${timeoutMs} ms\nreceived: ${JSON.stringify(received)}\n${running?.outputTail() ?? ''}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
};

const count = (wf: string, event: string, id: string) => received.filter((e) => e.wf === wf && e.event === event && e.id === id).length;
const has = (expected: Array<[string, string, string]>) => () => expected.every(([wf, event, id]) => count(wf, event, id) >= 1);
const feedPolls = () => world.sb.requests.filter((r) => r.reporting).length;

async function start() {
	running = n8n.startN8n(world.inst, world.env);
	await n8n.waitForReady(world.baseUrl, running);
}

/** The trigger's first poll at activation, then one regular poll: both feed workflows asked. */
async function nextRegularPoll() {
	const before = feedPolls();
	await until('a regular poll of both feed workflows', () => feedPolls() >= before + 2);
}

const addTask = (externalId: string) => {
	const task = world.sb.store.addTask(DEMO_COMPANY_ID, { projectId: PROJECT, externalId, name: `Ny ${externalId}` });
	world.sb.feed.scan();
	return task.id as string;
};
const removeTask = (id: string) => {
	world.sb.store.tasks.delete(id);
	world.sb.store.reindex();
	world.sb.feed.scan();
};
const rename = (id: string, name: string) => {
	world.sb.store.getTask(id)!.name = name;
	world.sb.feed.scan();
};

beforeAll(async () => {
	sink = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			try {
				received.push(JSON.parse(body) as Seen);
			} catch {
				received.push({ wf: '?', event: body, id: '?' });
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
	const address = sink.address();
	sinkUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/events`;

	world = await createWorld('trigger-restart');
	const plain = n8n.sandboxCredential(world.sb);
	const feed = n8n.sandboxCredential(world.sb, { ...FEED_CREDENTIAL, clientId: FEED_CLIENT.clientId, clientSecret: FEED_CLIENT.clientSecret });
	Object.assign(feed.data, { reportingApi: true, reportingBaseUrl: world.sb.reportingBaseUrl });
	await n8n.importCredentials(world.inst, world.env, [plain, feed]);
	const flows = [
		workflow(1, 'feed', ['created', 'changed', 'removed'], FEED_CREDENTIAL),
		workflow(2, 'feedRemovedOnly', ['removed'], FEED_CREDENTIAL),
		workflow(3, 'polling', ['created', 'changed', 'removed'], { id: n8n.CREDENTIAL_ID, name: n8n.CREDENTIAL_NAME }),
	];
	await n8n.importWorkflows(world.inst, world.env, flows);
	for (const flow of flows) await n8n.runN8n(world.inst, ['publish:workflow', `--id=${flow.id}`], world.env);
	await start();
});

afterAll(async () => {
	if (running) await n8n.stopProcess(running);
	await world?.close();
	await new Promise((r) => sink?.close(r));
});

test('changes made while n8n was stopped or killed are reported once after it is back, none twice', async () => {
	const existing = DEMO_IDS.taskGrunnarbeid;
	// Activation: every trigger learns quietly (each reads the project's work orders once).
	const reads = () => world.sb.requests.filter((r) => r.api && r.segments.includes('tasks') && r.segments.includes(PROJECT)).length;
	await until('the activation polls', () => feedPolls() >= 2 && reads() >= 3);
	expect(received).toEqual([]);

	// A work order created while n8n runs: reported by a regular poll; for "Removed only" a quiet poll.
	const x = addTask('WO-E2E-X');
	await until('X created', has([['feed', 'created', x], ['polling', 'created', x]]));
	await nextRegularPoll();

	// Deleted while n8n runs: one last changed a day ago (the seed), one right after a rename.
	const old = DEMO_IDS.taskGraving;
	const renamed = DEMO_IDS.taskTransport;
	removeTask(old);
	rename(renamed, 'Endret like før sletting');
	await until('the old one removed, the other renamed', has([
		['feed', 'removed', old], ['feedRemovedOnly', 'removed', old], ['polling', 'removed', old],
		['feed', 'changed', renamed], ['polling', 'changed', renamed],
	]));
	removeTask(renamed);
	await until('the renamed one removed', has([['feed', 'removed', renamed], ['feedRemovedOnly', 'removed', renamed], ['polling', 'removed', renamed]]));
	// The overlap shows both tombstones again at the next polls: nothing fires.
	await nextRegularPoll();
	await nextRegularPoll();

	// Graceful stop; meanwhile X deleted, Y created, an existing one renamed.
	await n8n.stopProcess(running!);
	removeTask(x);
	const y = addTask('WO-E2E-Y');
	rename(existing, 'Endret mens n8n var stoppet');
	await start();
	await until(
		'the changes made during the stop',
		has([
			['feed', 'removed', x], ['feed', 'created', y], ['feed', 'changed', existing],
			['feedRemovedOnly', 'removed', x],
			['polling', 'removed', x], ['polling', 'created', y], ['polling', 'changed', existing],
		]),
	);

	// Another work order seen only by quiet polls of "Removed only", then n8n is killed.
	const w = addTask('WO-E2E-W');
	await until('W created', has([['feed', 'created', w], ['polling', 'created', w]]));
	await nextRegularPoll();
	await kill(running!);
	removeTask(w);
	rename(existing, 'Endret mens n8n var drept');
	await start();
	await until(
		'the changes made while killed',
		has([
			['feed', 'removed', w], ['feedRemovedOnly', 'removed', w], ['polling', 'removed', w],
		]),
	);
	await until('the second rename', () => count('feed', 'changed', existing) >= 2 && count('polling', 'changed', existing) >= 2);

	// One more regular poll: nothing repeats.
	await nextRegularPoll();
	await new Promise((r) => setTimeout(r, 5000));
	const key = (e: Seen) => `${e.wf} ${e.event} ${e.id}`;
	expect(received.map(key).sort()).toEqual(
		[
			['feed', 'created', x], ['feed', 'removed', x], ['feed', 'created', y], ['feed', 'changed', existing],
			['feed', 'removed', old], ['feed', 'changed', renamed], ['feed', 'removed', renamed],
			['feedRemovedOnly', 'removed', old], ['feedRemovedOnly', 'removed', renamed],
			['polling', 'removed', old], ['polling', 'changed', renamed], ['polling', 'removed', renamed],
			['feed', 'created', w], ['feed', 'removed', w], ['feed', 'changed', existing],
			['feedRemovedOnly', 'removed', x], ['feedRemovedOnly', 'removed', w],
			['polling', 'created', x], ['polling', 'removed', x], ['polling', 'created', y], ['polling', 'changed', existing],
			['polling', 'created', w], ['polling', 'removed', w], ['polling', 'changed', existing],
		]
			.map(([wf, event, id]) => `${wf} ${event} ${id}`)
			.sort(),
	);
});
