import { AdaptiveGate } from '../../nodes/shared/transport/gate';
import { setImmediate } from '../host/globals';

/** Starts `n` holders of the gate and tells how many got in before any released. */
async function admitted(gate: AdaptiveGate, n: number) {
	let inside = 0;
	const entries = Array.from({ length: n }, () => gate.acquire().then(() => inside++));
	await new Promise((r) => setImmediate(r));
	return { inside: () => inside, entries };
}

describe('adaptive gate', () => {
	test('lets at most `max` through at once', async () => {
		const gate = new AdaptiveGate(3);
		const run = await admitted(gate, 5);
		expect(run.inside()).toBe(3);
		gate.release('ok');
		await new Promise((r) => setImmediate(r));
		expect(run.inside()).toBe(4);
	});

	test('halves on a rate limit and grows back one at a time after successes', async () => {
		const gate = new AdaptiveGate(8);
		await admitted(gate, 8);
		gate.release('throttled');
		expect(gate.limit).toBe(4);
		gate.release('throttled');
		expect(gate.limit).toBe(2);
		for (let i = 0; i < 2; i++) gate.release('ok');
		expect(gate.limit).toBe(3);
		for (let i = 0; i < 4; i++) gate.release('failed'); // the other four holders leave
		const more = await admitted(gate, 5);
		expect(more.inside()).toBe(3);
	});

	test('never drops below one, never exceeds the user\'s bound', async () => {
		const gate = new AdaptiveGate(2);
		await admitted(gate, 2);
		gate.release('throttled');
		gate.release('throttled');
		expect(gate.limit).toBe(1);
		for (let i = 0; i < 10; i++) {
			await gate.acquire();
			gate.release('ok');
		}
		expect(gate.limit).toBe(2);
	});
});
