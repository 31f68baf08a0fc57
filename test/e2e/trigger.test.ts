/**
 * Ditio Trigger in a real n8n: an activated (published) workflow polls the sandbox, and a work
 * order added in Ditio starts the workflow once, which writes back to that work order.
 */
import { DEMO_COMPANY_ID, DEMO_IDS } from '../../sandbox/server';
import { createWorld, ditioTriggerNode, n8n, type World } from './harness';
import { setTimeout } from '../host/globals';

const WORKFLOW_ID = 'ditioE2eTrigger01';
const SEEN = 'Seen by the Ditio Trigger';

const workflow = {
	id: WORKFLOW_ID,
	name: 'e2e: new work orders are marked',
	active: false,
	settings: { executionOrder: 'v1' },
	connections: { 'Ditio Trigger': { main: [[{ node: 'Mark it', type: 'main', index: 0 }]] } },
	nodes: [
		ditioTriggerNode({
			id: 'b1f0c2d0-0000-4000-8000-000000000001',
			events: ['created'],
			projectNumber: 'P-2026-001',
			credential: { id: n8n.CREDENTIAL_ID, name: n8n.CREDENTIAL_NAME },
		}),
		{
			id: 'b1f0c2d0-0000-4000-8000-000000000002',
			name: 'Mark it',
			type: n8n.NODE_TYPE,
			typeVersion: 1,
			position: [250, 0],
			parameters: {
				resource: 'task',
				operation: 'update',
				taskId: '={{ $json.id }}',
				updateFields: { workDescriptionShort: SEEN },
			},
			credentials: { ditioOAuth2Api: { id: n8n.CREDENTIAL_ID, name: n8n.CREDENTIAL_NAME } },
		},
	],
};

let world: World;
let running: ReturnType<typeof n8n.startN8n> | undefined;

const until = async (what: string, check: () => boolean, timeoutMs = 150_000) => {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${running?.outputTail() ?? ''}`);
		await new Promise((r) => setTimeout(r, 250));
	}
};

const polls = () =>
	world.sb.requests.filter((r) => r.api && r.method === 'GET' && r.segments.includes(DEMO_IDS.projectFjellhall)).length;

beforeAll(async () => {
	world = await createWorld('trigger');
	await n8n.importCredentials(world.inst, world.env, [n8n.sandboxCredential(world.sb)]);
	await n8n.importWorkflows(world.inst, world.env, [workflow]);
	await n8n.runN8n(world.inst, ['publish:workflow', `--id=${WORKFLOW_ID}`], world.env);
	running = n8n.startN8n(world.inst, world.env);
	await n8n.waitForReady(world.baseUrl, running);
});

afterAll(async () => {
	if (running) await n8n.stopProcess(running);
	await world?.close();
});

test('an activated workflow fires once for a new work order, and stays quiet otherwise', async () => {
	// The first poll learns what exists and starts nothing.
	await until('the trigger polled', () => polls() >= 1);
	expect(world.sb.requests.filter((r) => r.api && r.method !== 'GET')).toEqual([]);

	const task = world.sb.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-E2E-TRIGGER', name: 'Ny fra felt' });
	await until('the new work order was marked by the workflow', () => world.sb.store.getTask(task.id)?.workDescriptionShort === SEEN);

	// The next poll: the same work order does not fire again, and no other was touched.
	const after = polls();
	await until('one more poll', () => polls() >= after + 1);
	const writes = world.sb.requests.filter((r) => r.api && r.method !== 'GET');
	expect(writes.map((r) => `${r.method} ${r.segments.join('/')}`)).toEqual([`PATCH core/api/v4/integration/tasks/${task.id}`]);
});
