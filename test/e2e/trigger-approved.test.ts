/**
 * Ditio Trigger on Time Registration in a real n8n 2.41: Approved fires once per
 * registration, through later edits and across a graceful stop and a kill. n8n saves a trigger's
 * static data after the first poll of an activation and after a poll that starts the workflow,
 * not after a quiet poll and not on shutdown. Two activated workflows, each posting every event
 * it gets to a little HTTP sink in this test:
 *  - foreman: Events = Approved, Approval Level Approved (the default);
 *  - payroll: Events = Approved, Approval Level Payroll Approved.
 * n8n polls once a minute at most, so this file takes several minutes.
 */
import { createServer, type Server } from '../host/http';

import { FEED_CLIENT } from '../../sandbox/server';
import { createWorld, n8n, type World } from './harness';
import { kill } from './processes';
import { setTimeout } from '../host/globals';

interface Seen {
	wf: string;
	event: string;
	id: string;
}
const received: Seen[] = [];
let sink: Server;
let sinkUrl: string;
let world: World;
let running: ReturnType<typeof n8n.startN8n> | undefined;

const FEED_CREDENTIAL = { id: 'ditioFeedCred0002', name: 'Ditio sandbox with the change feed' };

function workflow(n: number, key: string, approvalLevel: string) {
	return {
		id: `ditioE2eApproved0${n}`,
		name: `e2e approved: ${key}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Ditio Trigger': { main: [[{ node: 'Tell the test', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: `c1f0c2d0-0000-4000-8000-00000000020${n}`,
				name: 'Ditio Trigger',
				type: 'n8n-nodes-ditio.ditioTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, resource: 'timeRegistration', events: ['approved'], options: { approvalLevel } },
				credentials: { ditioOAuth2Api: FEED_CREDENTIAL },
			},
			{
				id: `c1f0c2d0-0000-4000-8000-00000000030${n}`,
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

const until = async (what: string, check: () => boolean, timeoutMs = 240_000) => {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\nreceived: ${JSON.stringify(received)}\n${running?.outputTail() ?? ''}`);
		await new Promise((r) => setTimeout(r, 500));
	}
};
const count = (wf: string, id: string) => received.filter((e) => e.wf === wf && e.event === 'approved' && e.id === id).length;
const feedPolls = () => world.sb.requests.filter((r) => r.reporting).length;
/** One more poll of both workflows. */
async function nextPoll() {
	const before = feedPolls();
	await until('a poll of both workflows', () => feedPolls() >= before + 2);
}
async function start() {
	running = n8n.startN8n(world.inst, world.env);
	await n8n.waitForReady(world.baseUrl, running);
}

const now = () => new Date().toISOString();
const registrations = () => world.sb.registrations;
const approve = (id: string) => registrations().update('time', id, { approved: true, approvedDateTime: now() });
const settle = (id: string) => registrations().update('time', id, { payrollApproved: true, payrollApprovedDateTime: now() });
const edit = (id: string, description: string) => registrations().update('time', id, { description });

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

	world = await createWorld('trigger-approved');
	const feed = n8n.sandboxCredential(world.sb, { ...FEED_CREDENTIAL, clientId: FEED_CLIENT.clientId, clientSecret: FEED_CLIENT.clientSecret });
	Object.assign(feed.data, { reportingApi: true, reportingBaseUrl: world.sb.reportingBaseUrl });
	await n8n.importCredentials(world.inst, world.env, [feed]);
	const flows = [workflow(1, 'foreman', 'approved'), workflow(2, 'payroll', 'payrollApproved')];
	await n8n.importWorkflows(world.inst, world.env, flows);
	for (const flow of flows) await n8n.runN8n(world.inst, ['publish:workflow', `--id=${flow.id}`], world.env);
	await start();
});

afterAll(async () => {
	if (running) await n8n.stopProcess(running);
	await world?.close();
	await new Promise((r) => sink?.close(r));
});

test('Approved fires once per registration, through later edits, a graceful stop and a kill', async () => {
	const a = registrations().add('time', { qty: 7.5 }).id as string;
	const b = registrations().add('time', { qty: 8 }).id as string;
	await until('the activation polls', () => feedPolls() >= 2);
	expect(received).toEqual([]);

	// Approved by the foreman while n8n runs; edits after it fire nothing more.
	approve(a);
	await until('A approved', () => count('foreman', a) >= 1);
	edit(a, 'Rettet etter godkjenning');
	await nextPoll();

	// Graceful stop: A edited again, B approved meanwhile.
	await n8n.stopProcess(running!);
	edit(a, 'Rettet mens n8n var stoppet');
	approve(b);
	await start();
	await until('B approved after the stop', () => count('foreman', b) >= 1);

	// Payroll approval of A, then a kill: A edited and locked while n8n is down.
	settle(a);
	await until('A payroll-approved', () => count('payroll', a) >= 1);
	await nextPoll();
	await kill(running!);
	edit(a, 'Rettet mens n8n var drept');
	registrations().update('time', a, { locked: true, lockedDateTime: now() });
	await start();
	await nextPoll();
	await nextPoll();
	await new Promise((r) => setTimeout(r, 5000));

	const key = (e: Seen) => `${e.wf} ${e.event} ${e.id}`;
	expect(received.map(key).sort()).toEqual([`foreman approved ${a}`, `foreman approved ${b}`, `payroll approved ${a}`].sort());
});
