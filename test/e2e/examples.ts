/**
 * The example workflows run by a real n8n's CLI and checked in n8n's output AND in the sandbox's
 * data and request log afterwards: one set of checks for every n8n line the e2e tier proves
 * (workflows.test.ts on 2.x, compat-1x.test.ts on 1.x).
 *
 * `describeExampleRuns(name, { line })` makes a world (harness.ts) on that line, imports the
 * sandbox credential, the examples/ workflows and one copy pointed at a wrong client secret,
 * and declares the tests; it returns a getter for the world for a file's own further tests.
 */
import { DEMO_COMPANY_ID, DEMO_IDS } from '../../sandbox/server';
import { apiWrites, createWorld, n8n, type Line, type World } from './harness';

export const ERP = 'ditioExErpSync01';
export const NIGHTLY = 'ditioExNightly01';
export const NEW_ORDERS = 'ditioExNewOrders';
/** Example 4 (documents); its run is checked in workflows.test.ts. */
export const DRAWING = 'ditioExDrawingUpl';
const WRONG_SECRET_WORKFLOW = 'ditioE2eWrongSecret';
const WRONG_SECRET_CREDENTIAL = 'ditioWrongSecret';

type RunJson = Record<string, unknown>;

export function describeExampleRuns(name: string, { line }: { line?: Line } = {}): () => World {
	let world: World;

	async function execute(id: string) {
		const result = await n8n.executeWorkflow(world.inst, world.env, id);
		if (!result.run) {
			throw new Error(`n8n execute --id=${id} printed no run (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
		return result;
	}

	async function runGreen(id: string) {
		const result = await execute(id);
		const runError = result.run.data?.resultData?.error;
		if (result.run.status !== 'success' || runError) {
			throw new Error(`workflow ${id} did not succeed: ${JSON.stringify(runError ?? result.run.status)}`);
		}
		expect(result.code).toBe(0);
		return result.run;
	}

	const out = (run: unknown, node: string) => n8n.nodeOutput(run, node) as RunJson[];

	const fjellhallTask = (externalId: string) => world.sb.store.findTaskByExternalId(DEMO_IDS.projectFjellhall, externalId);

	beforeAll(async () => {
		world = await createWorld(name, { line });
		const wrongSecret = n8n.sandboxCredential(world.sb, {
			id: WRONG_SECRET_CREDENTIAL,
			name: 'Ditio sandbox, wrong secret',
			clientSecret: 'not-the-secret',
		});
		await n8n.importCredentials(world.inst, world.env, [n8n.sandboxCredential(world.sb), wrongSecret]);
		await n8n.importWorkflows(world.inst, world.env, n8n.EXAMPLES_DIR);

		// The new-work-orders example, pointed at the credential with the wrong secret.
		const { workflow } = n8n.exampleWorkflows().find((e) => e.workflow.id === NEW_ORDERS)!;
		const broken = JSON.parse(JSON.stringify(workflow));
		broken.id = WRONG_SECRET_WORKFLOW;
		broken.name = 'e2e: wrong client secret';
		for (const node of broken.nodes) {
			if (node.credentials?.ditioOAuth2Api) node.credentials.ditioOAuth2Api = { id: WRONG_SECRET_CREDENTIAL, name: wrongSecret.name };
		}
		await n8n.importWorkflows(world.inst, world.env, [broken]);
	});

	afterAll(async () => {
		await world?.close();
	});

	beforeEach(() => {
		world?.sb.reset('demo');
	});

	describe('example 1: ERP rows → projects and work orders', () => {
		test('creates, updates and leaves alone exactly what the rows say; parents first', async () => {
			const run = await runGreen(ERP);

			const [summary] = out(run, 'Summary');
			expect(summary.projects).toEqual({ created: 1, updated: 1, unchanged: 1 });
			expect(summary.workOrders).toEqual({ created: 4, updated: 1, unchanged: 2 });

			const projects = out(run, 'Create or update projects');
			expect(projects.map((p) => [p.projectNumber, p.outcome])).toEqual([
				['P-2026-001', 'unchanged'],
				['P/2026/Æ-01', 'updated'],
				['P-2026-050', 'created'],
			]);

			// The sandbox's data afterwards.
			const store = world.sb.store;
			const terminal = store.findProjectByNumber(DEMO_COMPANY_ID, 'P-2026-050');
			expect(terminal).toMatchObject({ name: 'Sentrumsterminalen', externalProjectNumber: 'ERP-1050', active: true });
			expect(store.getProject(DEMO_IDS.projectBarnehage)?.name).toBe('Ærfuglveien barnehage, byggetrinn 2');
			const parent = fjellhallTask('WO-400');
			expect(parent).toMatchObject({ name: 'Sprengning', isParent: true, active: true });
			for (const child of ['WO-401', 'WO-402']) {
				expect(fjellhallTask(child)?.parentActivityId).toBe(parent?.id);
			}
			expect(fjellhallTask('WO-201')?.estimatedHourQty).toBe(120.5);
			expect(store.findTaskByExternalId(String(terminal?.id), 'T-1')).toMatchObject({ name: 'Rigg og drift', externalDim01: 'PROD-90' });

			// The rows list WO-401 before its parent WO-400: the parent is written first all the same.
			const taskPosts = apiWrites(world.sb)
				.filter((r) => r.method === 'POST' && r.path.endsWith('/tasks'))
				.map((r) => (r.body as { externalId?: string }).externalId);
			expect(taskPosts.indexOf('WO-400')).toBeLessThan(taskPosts.indexOf('WO-401'));
			// Unchanged records cost no write: 1 project POST + 1 PATCH, 4 task POSTs + 1 PATCH.
			expect(apiWrites(world.sb).map((r) => r.method).sort()).toEqual(['PATCH', 'PATCH', 'POST', 'POST', 'POST', 'POST', 'POST']);
		});

		test('a second run changes nothing and writes nothing', async () => {
			await runGreen(ERP);
			world.sb.clearRequests();
			const run = await runGreen(ERP);
			const [summary] = out(run, 'Summary');
			expect(summary.projects).toEqual({ created: 0, updated: 0, unchanged: 3 });
			expect(summary.workOrders).toEqual({ created: 0, updated: 0, unchanged: 7 });
			expect(apiWrites(world.sb)).toEqual([]);
		});
	});

	describe('example 2: nightly work order sync', () => {
		test('writes only the changes, closes closed work orders, and is quiet the next night', async () => {
			const run = await runGreen(NIGHTLY);
			const [report] = out(run, 'Nightly report');
			expect(report).toMatchObject({ checked: 4, changed: 3 });
			expect(report.lines).toEqual([
				'updated WO-202 Transport (estimatedHourQty)',
				'updated WO-300 Betongarbeid (active)',
				'created WO-500 Tunnelsikring',
			]);
			expect(fjellhallTask('WO-300')?.active).toBe(false);
			expect(fjellhallTask('WO-202')?.estimatedHourQty).toBe(60);
			expect(fjellhallTask('WO-500')).toMatchObject({ name: 'Tunnelsikring', active: true, externalDim01: 'PROD-50' });
			// Created from the project's template work order: its settings came along.
			expect(fjellhallTask('WO-500')).toMatchObject({ unitId: 'm3', price: 1150 });

			world.sb.clearRequests();
			const next = await runGreen(NIGHTLY);
			expect(out(next, 'Nightly report')[0]).toMatchObject({ changed: 0, text: 'All 4 work orders were already up to date.' });
			expect(apiWrites(world.sb)).toEqual([]);
		});

		test('the Schedule Trigger is there for production runs', () => {
			const { workflow } = n8n.exampleWorkflows().find((e) => e.workflow.id === NIGHTLY)!;
			const schedule = workflow.nodes.find((n: any) => n.type === 'n8n-nodes-base.scheduleTrigger');
			expect(schedule.parameters.rule.interval[0]).toEqual({ triggerAtHour: 2 });
			expect(workflow.connections[schedule.name].main[0][0].node).toBe('Read ERP work orders');
		});
	});

	describe('example 3: new work orders → email text', () => {
		test('the first run lists the active work orders; the next lists only what is new', async () => {
			const first = await runGreen(NEW_ORDERS);
			const [email] = out(first, 'Email text');
			expect(email.subject).toBe('5 new work orders in P-2026-001');
			expect(email.text).toBe(
				[
					'New work orders in Ditio:',
					'- WO-100: Grunnarbeid, starts 2026-03-15',
					'- WO-200: Masseflytting',
					'- WO-201: Graving (under WO-200)',
					'- WO-202: Transport (under WO-200)',
					'- WO-300: Betongarbeid',
				].join('\n'),
			);

			const added = world.sb.store.addTask(DEMO_COMPANY_ID, {
				projectId: DEMO_IDS.projectFjellhall,
				externalId: 'WO-600',
				name: 'Vann og avløp',
				active: true,
				parentActivityId: DEMO_IDS.taskMasseflytting,
			});
			const second = await runGreen(NEW_ORDERS);
			expect(out(second, 'Email text')[0]).toMatchObject({
				subject: '1 new work order in P-2026-001',
				text: 'New work orders in Ditio:\n- WO-600: Vann og avløp (under WO-200)',
				newWorkOrderIds: [added.id],
			});
			// Reading only.
			expect(apiWrites(world.sb)).toEqual([]);
		});
	});

	describe('a credential with the wrong client secret', () => {
		let message = '';

		test('fails the run in the Ditio node, and nothing reaches the API', async () => {
			const result = await execute(WRONG_SECRET_WORKFLOW);
			expect(result.run.status).toBe('error');
			const error = result.run.data.resultData.error;
			message = String(error.message);
			expect(result.run.data.resultData.lastNodeExecuted).toBe('Get work orders of the project');
			expect(world.sb.requests.filter((r) => r.token).map((r) => r.status)).toContain(400);
			expect(world.sb.apiRequestCount()).toBe(0);
		});

		// On 1.x the node gets only the OAuth2 client's text for the code; errors.ts reads it back.
		test("says the identity server refused the client ID or client secret (the node's clear message)", () => {
			expect(message).toContain('refused the client ID or client secret');
		});
	});

	return () => world;
}
