/**
 * n8n 1.x compatibility: the n8n 1.x line still in use (1.123.x, on the machine's Node.js 20,
 * installed by `node scripts/n8n-install.js --line=1.x` into the cache outside the clone) loads the packed
 * package and runs the examples/ workflows from its CLI with the same outcomes as 2.x
 * (examples.ts: the checks workflows.test.ts runs on 2.x). The editor is proven on 2.x only.
 */
import { describeExampleRuns } from './examples';
import { n8n } from './harness';
import { process } from '../host/globals';

// n8n 1.x hands the node only the text of a token error; the node reads it back (errors.ts).
const world = describeExampleRuns('compat-1x', { line: '1.x' });

describe('n8n 1.x', () => {
	test('is the 1.123 line on Node.js 20', () => {
		expect(world().inst.n8nVersion).toMatch(/^1\.123\./);
		expect(process.versions.node).toMatch(/^20\./);
	});

	test('loads both node types of the package and its credential', async () => {
		const running = n8n.startN8n(world().inst, world().env);
		try {
			await n8n.waitForReady(world().baseUrl, running);
			await n8n.setUpOwner(world().inst, world().baseUrl);
			const cookie = await n8n.login(world().baseUrl);
			const nodes = (await (await fetch(`${world().baseUrl}/types/nodes.json`, { headers: { cookie } })).json()) as Array<{ name: string }>;
			const ours = nodes.map((n) => n.name).filter((name) => name.startsWith(`${n8n.PACKAGE_NAME}.`));
			// (and ditioTool, the AI Agent tool n8n makes of a node with usableAsTool)
			expect(ours).toEqual(expect.arrayContaining([n8n.NODE_TYPE, `${n8n.PACKAGE_NAME}.ditioTrigger`]));
			const credentials = (await (await fetch(`${world().baseUrl}/types/credentials.json`, { headers: { cookie } })).json()) as Array<{ name: string }>;
			expect(credentials.map((c) => c.name)).toContain(n8n.CREDENTIAL_TYPE);
		} catch (e) {
			// The n8n output tells why; the assertion's own message comes first.
			const error = e as Error;
			error.message += `\n${running.outputTail()}`;
			throw error;
		} finally {
			await n8n.stopProcess(running);
		}
	});
});
