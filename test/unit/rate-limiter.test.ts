import { MIN_RATE, SendRateLimiter } from '../../nodes/shared/transport/rate-limiter';
import { fakeDitio, runBatch, tokenBucket } from './support/fake-ditio';
import { VirtualClock } from './support/virtual-clock';

describe('send-rate limiter', () => {
	test('starts unlimited: no request waits before Ditio has refused one', async () => {
		const clock = new VirtualClock();
		const limiter = new SendRateLimiter(clock);
		await clock.run(Promise.all(Array.from({ length: 50 }, () => limiter.acquire())));
		expect(clock.time).toBe(0);
		expect(clock.sleeps).toEqual([]);
		expect(limiter.rate).toBeUndefined();
	});

	test('after a 429 it sends at a little below the rate Ditio admitted, evenly spaced', async () => {
		const clock = new VirtualClock();
		const limiter = new SendRateLimiter(clock);
		// Ditio admitted 10 in the first second, then refused one.
		for (let i = 0; i < 10; i++) {
			clock.time = i * 100;
			limiter.admitted();
		}
		clock.time = 1000;
		limiter.throttled(1000);
		expect(limiter.rate).toBeCloseTo(8, 5);
		const sentAt: number[] = [];
		await clock.run(Promise.all(Array.from({ length: 4 }, async () => (await limiter.acquire(), sentAt.push(clock.now())))));
		expect(sentAt).toEqual([1125, 1250, 1375, 1500]);
	});

	test('refusals of requests sent before the drop do not drop it again', () => {
		const clock = new VirtualClock();
		const limiter = new SendRateLimiter(clock);
		for (let i = 0; i < 10; i++) limiter.admitted();
		clock.time = 1000;
		limiter.throttled(990);
		const after = limiter.rate;
		clock.time = 1010;
		limiter.throttled(995); // sent before the drop
		expect(limiter.rate).toBe(after);
		limiter.throttled(1005); // sent after it: the lower pace was still too fast
		expect(limiter.rate).toBeLessThan(after!);
	});

	test('recovers slowly: back at the admitted rate after about two seconds, then past it', () => {
		const clock = new VirtualClock();
		const limiter = new SendRateLimiter(clock);
		for (let i = 0; i < 10; i++) limiter.admitted();
		clock.time = 1000;
		limiter.throttled(1000);
		const rateAt = (ms: number) => {
			// admitted at about that pace meanwhile, so the climb is not held back by idleness
			for (let t = clock.time + 100; t <= ms; t += 100) {
				clock.time = t;
				limiter.admitted();
			}
			return limiter.rate!;
		};
		const r1 = rateAt(2000);
		const r2 = rateAt(3000);
		const r4 = rateAt(5000);
		expect(r1).toBeGreaterThan(8);
		expect(r1).toBeLessThan(10);
		expect(r2).toBeCloseTo(10, 1);
		expect(r4).toBeGreaterThan(10);
		expect(r4).toBeLessThan(13);
	});

	test('never below its floor, even when nothing was admitted', () => {
		const clock = new VirtualClock();
		const limiter = new SendRateLimiter(clock);
		limiter.throttled(0);
		expect(limiter.rate).toBe(MIN_RATE);
	});
});

describe('a sustained rate limit is a speed, through the client', () => {
	// One request per item, five at once as Create or Update sends them, 20 ms latency.
	const N = 300;
	const run = async (rate: number, burst: number, retryAfter: boolean) => {
		const clock = new VirtualClock();
		const limit = tokenBucket(rate, burst, retryAfter);
		const { client, sent } = await fakeDitio(clock, (_request, at) => limit(at));
		await clock.run(runBatch(client, N));
		const admitted = sent.filter((s) => s.status === 200).length;
		const refused = sent.filter((s) => s.status === 429).length;
		return { admitted, refused, slowdown: clock.time / (((N - burst) / rate) * 1000) };
	};

	// A limit of R per second, one second's worth in the bucket: what "R requests/s" means at a gateway.
	test.each([
		[2, false],
		[2, true],
		[5, true],
		[20, false],
		[20, true],
	])('%d requests/s (Retry-After %s): all admitted within 1.3× the time they need, 429s at most 20%%', async (rate, retryAfter) => {
		const { admitted, refused, slowdown } = await run(rate, rate, retryAfter);
		expect(admitted).toBe(N);
		expect(slowdown).toBeLessThanOrEqual(1.3);
		expect(refused / admitted).toBeLessThanOrEqual(0.2);
	});

	// No burst at all: the first second cannot tell the limit apart, so finding it takes longer.
	test.each([1, 2, 5, 20])('%d requests/s with no burst: all admitted, at most 2.5× the time they need and 25%% 429s', async (rate) => {
		const { admitted, refused, slowdown } = await run(rate, 1, false);
		expect(admitted).toBe(N);
		expect(slowdown).toBeLessThanOrEqual(2.5);
		expect(refused / admitted).toBeLessThanOrEqual(0.25);
	});
});
