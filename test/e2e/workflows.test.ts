/**
 * The example workflows in a real n8n (2.x on Node.js 24), run from its CLI:
 * `n8n import:credentials`, `n8n import:workflow`, `n8n execute --id … --rawOutput`, with the
 * package installed as a community package. Each run is checked in n8n's output AND in the
 * sandbox's data and request log afterwards (examples.ts: the same checks run on n8n 1.x in
 * compat-1x.test.ts).
 */
import { describeExampleRuns, ERP, NEW_ORDERS, NIGHTLY } from './examples';
import { n8n } from './harness';

describeExampleRuns('workflows');

describe('examples/ as files', () => {
	const examples = n8n.exampleWorkflows();

	test('there are the three consultant workflows', () => {
		expect(examples.map((e) => e.workflow.id).sort()).toEqual([ERP, NEW_ORDERS, NIGHTLY].sort());
	});

	test.each(examples.map((e) => [e.file.replace(/.*\//, ''), e.workflow]))(
		'%s: importable anywhere, runnable from the CLI',
		(_file, workflow) => {
			expect(workflow.id.length).toBeLessThanOrEqual(21);
			expect(workflow.nodes.some((n: { type: string }) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
			const ditioNodes = workflow.nodes.filter((n: { type: string }) => n.type === n8n.NODE_TYPE);
			expect(ditioNodes.length).toBeGreaterThan(0);
			for (const node of ditioNodes) {
				expect(node.credentials).toEqual({ ditioOAuth2Api: { id: n8n.CREDENTIAL_ID, name: n8n.CREDENTIAL_NAME } });
			}
			const names = new Set(workflow.nodes.map((n: { name: string }) => n.name));
			for (const [from, { main }] of Object.entries<{ main: Array<Array<{ node: string }>> }>(workflow.connections)) {
				expect(names.has(from)).toBe(true);
				for (const target of main.flat()) expect(names.has(target.node)).toBe(true);
			}
		},
	);
});
