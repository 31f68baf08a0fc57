/**
 * Bounds how many requests of one execution are in flight, and narrows itself when Ditio says
 * 429: the limit halves on a rate limit and grows back by one after a run of successes (AIMD).
 * Lives in one client, so in one execution: nothing is shared between runs or workers.
 */
export class AdaptiveGate {
	private active = 0;

	private successes = 0;

	private readonly waiting: Array<() => void> = [];

	limit: number;

	/** `max`: a whole number of 1 or more, as `boundedConcurrency` (client.ts) makes it. */
	constructor(readonly max: number) {
		this.limit = max;
	}

	async acquire(): Promise<void> {
		if (this.active < this.limit) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(outcome: 'ok' | 'throttled' | 'failed'): void {
		if (outcome === 'throttled') {
			this.limit = Math.max(1, Math.floor(this.limit / 2));
			this.successes = 0;
		} else if (outcome === 'ok' && ++this.successes >= this.limit) {
			this.limit = Math.min(this.max, this.limit + 1);
			this.successes = 0;
		}
		this.active--;
		while (this.active < this.limit && this.waiting.length > 0) {
			this.active++;
			this.waiting.shift()!();
		}
	}
}
