import type { Clock } from '../../../nodes/shared/transport/rate-limiter';
import { setImmediate } from '../../host/globals';

/**
 * Time that passes only when every task waits: `sleep` parks the caller until `run` moves the
 * clock to the earliest wake-up. Tests of timing are then exact and take no real time.
 */
export class VirtualClock implements Clock {
	time = 0;

	private timers: Array<{ at: number; seq: number; wake: () => void }> = [];

	private seq = 0;

	readonly sleeps: number[] = [];

	now = (): number => this.time;

	sleep = (ms: number): Promise<void> => {
		this.sleeps.push(ms);
		return new Promise((wake) => this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, wake }));
	};

	/** Runs `work` to its end, moving the clock whenever nothing else can go on. */
	async run<T>(work: Promise<T>): Promise<T> {
		let done = false;
		const result = work.finally(() => (done = true));
		result.catch(() => undefined);
		for (;;) {
			// Let every task that can run reach its next sleep (or its end).
			for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
			if (done) return result;
			if (this.timers.length === 0) throw new Error('nothing to wake: the work waits on something other than the clock');
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.timers.shift()!;
			this.time = Math.max(this.time, next.at);
			next.wake();
		}
	}
}
