/**
 * The example workflows in a real n8n (2.x on Node.js 24), run from its CLI:
 * `n8n import:credentials`, `n8n import:workflow`, `n8n execute --id … --rawOutput`, with the
 * package installed as a community package. Each run is checked in n8n's output AND in the
 * sandbox's data and request log afterwards (examples.ts: the same checks run on n8n 1.x in
 * compat-1x.test.ts).
 */
import { createHash } from 'node:crypto';

import { DEMO_IDS } from '../../sandbox/server';
import { SAMPLES } from '../../sandbox/samples';
import { describeExampleRuns, DRAWING, ERP, NEW_ORDERS, NIGHTLY } from './examples';
import { n8n } from './harness';

const world = describeExampleRuns('workflows');

describe('example 4: drawing from a URL → work order documents', () => {
	const COPY = 'ditioE2eDrawing';
	const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

	beforeAll(async () => {
		// The example downloads from `npm start`'s sandbox on port 4500; this world's sandbox has a free port.
		const { workflow } = n8n.exampleWorkflows().find((e) => e.workflow.id === DRAWING)!;
		const copy = JSON.parse(JSON.stringify(workflow).replaceAll('http://127.0.0.1:4500', world().sb.url));
		copy.id = COPY;
		await n8n.importWorkflows(world().inst, world().env, [copy]);
	});

	test('HTTP Request downloads the sample PDF and the Ditio node puts it on WO-100, found by the ERP numbers, byte for byte', async () => {
		const runTwice = async () => {
			const result = await n8n.executeWorkflow(world().inst, world().env, COPY);
			expect(result.run?.status).toBe('success');
			return result.run;
		};
		const run = await runTwice();
		const [uploaded] = n8n.nodeOutput(run, 'Upload to the work order') as Array<Record<string, unknown>>;
		expect(uploaded).toMatchObject({ name: 'WO-100 Drawing-A1.pdf', section: 'Drawings', taskId: DEMO_IDS.taskGrunnarbeid });

		type Page = { section: string; taskId: string | null; files: Array<{ id: string; name: string; data: Buffer }> };
		const page = (): Page => {
			const folder = world().sb.store.documents.get(DEMO_IDS.projectFjellhall) as { pages: Page[] } | undefined;
			const found = folder?.pages.find((p) => p.taskId === DEMO_IDS.taskGrunnarbeid);
			if (!found) throw new Error('WO-100 has no document page in the sandbox');
			return found;
		};
		expect(page().section).toBe('Drawings');
		expect(page().files.map((f) => [f.id, f.name, sha(f.data)])).toEqual([
			[uploaded.fileReferenceId, 'WO-100 Drawing-A1.pdf', sha(SAMPLES['Drawing-A1.pdf'].data)],
		]);
		// Replace is on in the example: a second run leaves one file, not two.
		await runTwice();
		expect(page().files).toHaveLength(1);
	});
});

describe('examples/ as files', () => {
	const examples = n8n.exampleWorkflows();

	test('there are the four consultant workflows', () => {
		expect(examples.map((e) => e.workflow.id).sort()).toEqual([ERP, NEW_ORDERS, NIGHTLY, DRAWING].sort());
	});

	test.each(examples.map((e) => [e.file.replace(/.*\//, ''), e.workflow]))(
		'%s: importable anywhere, runnable from the CLI',
		(_file, workflow) => {
			expect(workflow.id.length).toBeLessThanOrEqual(21);
			expect(workflow.nodes.some((n: any) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
			const ditioNodes = workflow.nodes.filter((n: any) => n.type === n8n.NODE_TYPE);
			expect(ditioNodes.length).toBeGreaterThan(0);
			for (const node of ditioNodes) {
				expect(node.credentials).toEqual({ ditioOAuth2Api: { id: n8n.CREDENTIAL_ID, name: n8n.CREDENTIAL_NAME } });
			}
			const names = new Set(workflow.nodes.map((n: any) => n.name));
			for (const [from, { main }] of Object.entries<any>(workflow.connections)) {
				expect(names.has(from)).toBe(true);
				for (const target of main.flat()) expect(names.has(target.node)).toBe(true);
			}
		},
	);
});
