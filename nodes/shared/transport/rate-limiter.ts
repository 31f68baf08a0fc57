/** Where the limiter reads the time and how it waits; tests pass their own. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** Lowest pace it drops to, in requests per second: one every two seconds still finishes a batch. */
export const MIN_RATE = 0.5;
/** On a 429 the pace drops to this share of what Ditio was seen to admit, below the limit it just met. */
const BETA = 0.8;
/**
 * Seconds the pace takes to climb back to the admitted rate after a drop. Recovery then goes on
 * slowly past it (cubic, as TCP CUBIC and the AWS SDKs' adaptive mode do), so a limit that was
 * raised is found again, and a limit that was not is met seldom.
 */
const RECOVERY_SECONDS = 2;
const CUBIC = (1 - BETA) / RECOVERY_SECONDS ** 3;
/** What Ditio admitted is counted over this window (ms); at least this long is assumed at the start. */
const WINDOW_MS = 2000;
const MIN_WINDOW_MS = 1000;
const MIN_SAMPLES = 10;

/**
 * The client-side send-rate limiter of one execution (its client): a token bucket of capacity
 * one, so requests leave evenly spaced, never in bursts. It starts unlimited and costs nothing
 * until Ditio answers 429; then the pace drops to what Ditio was seen to admit (a little below)
 * and climbs back slowly. Several executions, or other users of the same API client, share
 * Ditio's limit: measuring what gets through finds this execution's share of it.
 */
export class SendRateLimiter {
	/** Requests per second, or undefined while unlimited. */
	rate: number | undefined;

	private nextSendAt = 0;

	/** Bumped on every drop, so a send slot promised at the old pace is taken again at the new one. */
	private drops = 0;

	private lastDropAt = Number.NEGATIVE_INFINITY;

	private peakRate = 0;

	private firstSendAt: number | undefined;

	/** Times of recent admitted answers, oldest first, for the admitted rate. */
	private readonly admittedAt: number[] = [];

	constructor(private readonly clock: Clock) {}

	/** Waits for this request's send slot; returns at once while no limit has been met. */
	async acquire(): Promise<void> {
		this.firstSendAt ??= this.clock.now();
		for (;;) {
			if (this.rate === undefined) return;
			const now = this.clock.now();
			const at = Math.max(now, this.nextSendAt);
			const drops = this.drops;
			this.nextSendAt = at + 1000 / this.rate;
			if (at <= now) return;
			await this.clock.sleep(at - now);
			if (drops === this.drops) return;
		}
	}

	/** Ditio admitted a request: counted, and the pace climbs on. */
	admitted(): void {
		const now = this.clock.now();
		this.admittedAt.push(now);
		this.forgetBefore(now - WINDOW_MS);
		if (this.rate === undefined) return;
		const t = (now - this.lastDropAt) / 1000 - RECOVERY_SECONDS;
		const climbed = this.peakRate * (1 + CUBIC * t ** 3);
		// Never far above what is really being sent: an idle stretch must not build up a burst.
		this.rate = Math.max(MIN_RATE, Math.min(climbed, 2 * Math.max(this.admittedRate(now), this.peakRate)));
	}

	/**
	 * Ditio refused a request sent at `sentAt` with 429. Requests already on their way when the
	 * pace dropped were sent too fast for the old pace, not the new one: they do not drop it again.
	 */
	throttled(sentAt: number): void {
		if (sentAt < this.lastDropAt) return;
		const now = this.clock.now();
		const admitted = this.admittedRate(now);
		// What got through is the measure; once limited, never above the pace that met the limit.
		this.peakRate = Math.max(MIN_RATE, this.rate === undefined ? admitted : Math.min(this.rate, admitted));
		this.rate = Math.max(MIN_RATE, BETA * this.peakRate);
		this.lastDropAt = now;
		this.drops++;
		this.nextSendAt = now + 1000 / this.rate;
	}

	/**
	 * Admitted answers per second over the last two seconds, or over the last ten answers when
	 * those take longer (at one or two a second, two seconds hold too few to tell 1.5 from 2).
	 * A start shorter than a second counts as a full second, so a first burst is not taken for the pace.
	 */
	admittedRate(now = this.clock.now()): number {
		this.forgetBefore(now - WINDOW_MS);
		if (this.admittedAt.length === 0) return 0;
		const covered = Math.max(WINDOW_MS, now - this.admittedAt[0]);
		const span = Math.max(MIN_WINDOW_MS, Math.min(covered, now - (this.firstSendAt ?? now)));
		return (this.admittedAt.length * 1000) / span;
	}

	/** Forgets answers older than `time`, keeping at least the last few for a slow pace. */
	private forgetBefore(time: number): void {
		let old = 0;
		while (this.admittedAt.length - old > MIN_SAMPLES && this.admittedAt[old] < time) old++;
		if (old > 0) this.admittedAt.splice(0, old);
	}
}
