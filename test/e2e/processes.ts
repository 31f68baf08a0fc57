/**
 * Killing n8n as a crash would, for the restart tests: SIGKILL for n8n and the task runner it
 * started (found by parent pid in /proc, so no procps is needed).
 */
import { readdirSync, readFileSync } from '../host/fs';
import { process } from '../host/globals';
import type { n8n } from './harness';

/** Processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
	const out: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === pid) out.push(Number(entry));
		} catch {
			/* gone meanwhile */
		}
	}
	return out;
}

export function kill(child: ReturnType<typeof n8n.startN8n>) {
	const children = child.pid === undefined ? [] : childrenOf(child.pid);
	child.kill('SIGKILL');
	for (const pid of children) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			/* gone already */
		}
	}
	return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
}
