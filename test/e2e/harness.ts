/**
 * The e2e tier's setup: a Ditio sandbox in this process (so a test reads `sb.store` and
 * `sb.requests`), and a fresh n8n user folder with the BUILT package installed the way a
 * user's n8n has it. Everything n8n-specific comes from scripts/lib/n8n-instance.js, which
 * `npm start` uses too.
 */
import { mkdirSync, rmSync } from '../host/fs';
import { tmpdir } from '../host/os';
import { join } from '../host/path';

import { ensureN8n } from '../../scripts/n8n-install';
import * as n8n from '../../scripts/lib/n8n-instance';
import { startSandbox } from '../../sandbox/server';
import { process } from '../host/globals';

export { n8n };

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type Install = Awaited<ReturnType<typeof ensureN8n>>;
/** The n8n lines scripts/n8n-install.js installs: 2.x (default, Node 24) and 1.x (the machine's Node 20). */
export type Line = '2.x' | '1.x';

/** Outside the project, so jest's module map never crawls n8n user folders. */
export const E2E_ROOT = join(tmpdir(), 'n8n-nodes-ditio-e2e');
export const SCREENSHOTS = join(n8n.ROOT, 'test-results', 'screenshots');

export interface World {
	sb: Sandbox;
	inst: Install;
	userFolder: string;
	env: Record<string, string>;
	port: number;
	baseUrl: string;
	close(): Promise<void>;
}

/**
 * Sandbox with demo data + fresh user folder + environment with free ports, on one n8n line
 * (the environment that line needs comes from n8nEnv).
 */
export async function createWorld(name: string, { line = '2.x' }: { line?: Line } = {}): Promise<World> {
	const inst = await ensureN8n({ quiet: true, line });
	const sb = await startSandbox({ seed: 'demo' });
	mkdirSync(E2E_ROOT, { recursive: true });
	const userFolder = join(E2E_ROOT, `${name}-${process.pid}-${Date.now()}`);
	n8n.prepareUserFolder(userFolder);
	const port = await n8n.freePort();
	const env = n8n.n8nEnv({ inst, userFolder, port, brokerPort: await n8n.freePort() });
	return {
		sb,
		inst,
		userFolder,
		env,
		port,
		baseUrl: `http://localhost:${port}`,
		async close() {
			await sb.close();
			if (!process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** Writes to the sandbox's API (not token requests, not reads). */
export function apiWrites(sb: Sandbox) {
	return sb.requests.filter((r) => r.api && r.method !== 'GET');
}

/**
 * The Ditio Trigger node of a test workflow: work orders of one project (by number), polled
 * every minute (n8n refuses polls more often, so a trigger test takes minutes).
 */
export function ditioTriggerNode({ id, events, projectNumber, credential }: { id: string; events: string[]; projectNumber: string; credential: { id: string; name: string } }) {
	return {
		id,
		name: 'Ditio Trigger',
		type: 'n8n-nodes-ditio.ditioTrigger',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			resource: 'task',
			events,
			scope: 'project',
			project: { __rl: true, mode: 'projectNumber', value: projectNumber },
		},
		credentials: { ditioOAuth2Api: credential },
	};
}
