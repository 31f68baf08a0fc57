/**
 * The queue-mode world of queue.test.ts and bench/queue.bench.ts: the Ditio sandbox in this
 * process (so a test reads `sb.store` and `sb.requests`), and one queue-mode set from
 * scripts/lib/n8n-queue-set.js (throw-away Postgres and Redis, main, two workers, the package
 * installed on each), with credentials and workflows imported before main starts.
 */
import { mkdirSync } from '../host/fs';
import { join } from '../host/path';

import { ensureN8n } from '../../scripts/n8n-install';
import { startQueueSet } from '../../scripts/lib/n8n-queue-set';
import { startSandbox } from '../../sandbox/server';
import { E2E_ROOT, n8n, type Sandbox } from './harness';
import { process } from '../host/globals';

export type QueueSet = Awaited<ReturnType<typeof startQueueSet>>;

export interface QueueWorld {
	sb: Sandbox;
	set: QueueSet;
	inst: Awaited<ReturnType<typeof ensureN8n>>;
	close(): Promise<void>;
}

/**
 * Bull's lock on a running job, how often a worker renews it and how often stalled jobs are
 * looked for: n8n's defaults (60 s, 10 s, 30 s) notice a killed worker after up to 90 s; these
 * after up to 20 s, still far above what a busy worker needs to renew its lock.
 */
export const FAST_CRASH_NOTICE = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

export async function createQueueWorld(
	name: string,
	{ credentials, workflows, publish, settings = {} }: { credentials: (sb: Sandbox) => object[]; workflows: object[]; publish: string[]; settings?: Record<string, string> },
): Promise<QueueWorld> {
	const inst = await ensureN8n({ quiet: true, line: '2.x' });
	const sb = await startSandbox({ seed: 'demo' });
	mkdirSync(E2E_ROOT, { recursive: true });
	let started = false;
	try {
		const set = await startQueueSet({
			inst,
			root: join(E2E_ROOT, `${name}-${process.pid}-${Date.now()}`),
			workers: 2,
			credentials: credentials(sb),
			workflows,
			publish,
			settings,
			// One job per worker at a time: two executions queued together run on the two workers.
			workerArgs: ['--concurrency=1'],
			log: (msg: string) => process.stdout.write(`[queue] ${msg}\n`),
		});
		started = true;
		return {
			sb,
			set,
			inst,
			async close() {
				await set.stop();
				await sb.close();
			},
		};
	} finally {
		// A set that did not start leaves no sandbox behind; the failure itself goes on up.
		if (!started) await sb.close();
	}
}

/** The sandbox's projects and work orders without the ids Ditio makes up: comparable across runs. */
export function sandboxContents(sb: Sandbox) {
	const projects = [...sb.store.projects.values()] as Array<Record<string, unknown>>;
	const tasks = [...sb.store.tasks.values()] as Array<Record<string, unknown>>;
	const numberOf = new Map(projects.map((p) => [p.id, p.projectNumber]));
	const keyOf = new Map(tasks.map((t) => [t.id, `${numberOf.get(t.projectId)} ${t.externalId}`]));
	const withoutId = (record: Record<string, unknown>): Record<string, unknown> =>
		Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'id'));
	return {
		projects: projects.map(withoutId).sort((a, b) => String(a.projectNumber).localeCompare(String(b.projectNumber))),
		tasks: tasks
			.map((t): Record<string, unknown> => ({
				...withoutId(t),
				projectId: numberOf.get(t.projectId),
				parentActivityId: t.parentActivityId ? keyOf.get(t.parentActivityId) : t.parentActivityId,
			}))
			.sort((a, b) => `${a.projectId} ${a.externalId}`.localeCompare(`${b.projectId} ${b.externalId}`)),
	};
}

export { n8n };
