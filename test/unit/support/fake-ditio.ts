import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import { type ClientSettings, type DitioClient, ditioClient } from '../../../nodes/shared/transport/client';
import type { VirtualClock } from './virtual-clock';

export const node: INode = { id: '1', name: 'Ditio', type: 'n8n-nodes-ditio.ditio', typeVersion: 1, position: [0, 0], parameters: {} };

export interface Answer {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** A broken connection instead of an answer. */
	code?: string;
}

export interface Sent {
	method: string;
	url: string;
	at: number;
	status: number | string;
}

/** Shaped like what n8n's request helper throws for an HTTP error (an axios error). */
function thrown(answer: Answer) {
	if (answer.code) return Object.assign(new Error(`socket hang up`), { code: answer.code });
	return Object.assign(new Error(`Request failed with status code ${answer.status}`), {
		response: { status: answer.status, data: answer.body ?? { error: 'TooManyRequests', message: 'Rate limit exceeded' }, headers: answer.headers ?? {} },
	});
}

/**
 * A stand-in for Ditio behind n8n's request helper, in virtual time: `decide` answers each
 * request as it arrives (half the latency after it was sent), the answer takes the other half.
 */
export async function fakeDitio(
	clock: VirtualClock,
	decide: (request: IHttpRequestOptions, at: number) => Answer,
	settings: ClientSettings = {},
	latencyMs = 20,
): Promise<{ client: DitioClient; sent: Sent[] }> {
	const sent: Sent[] = [];
	const context = {
		getNode: () => node,
		getCredentials: async () => ({ environment: 'custom', baseUrl: 'https://ditio.example/core' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
				await clock.sleep(latencyMs / 2);
				const at = clock.now();
				const answer = decide(request, at);
				sent.push({ method: String(request.method), url: request.url, at, status: answer.code ?? answer.status });
				await clock.sleep(latencyMs / 2);
				if (answer.code || answer.status >= 400) throw thrown(answer);
				return answer.body ?? {};
			},
		},
	} as unknown as IExecuteFunctions;
	const client = await ditioClient(context, { clock, random: () => 1, ...settings });
	return { client, sent };
}

/** A sustained limit as a gateway keeps it: a token bucket of `rate` per second holding `burst`. */
export function tokenBucket(rate: number, burst = Math.max(1, rate), retryAfter = false) {
	let tokens = burst;
	let last = 0;
	return (at: number): Answer => {
		tokens = Math.min(burst, tokens + ((at - last) / 1000) * rate);
		last = at;
		if (tokens >= 1) {
			tokens -= 1;
			return { status: 200 };
		}
		const headers: Record<string, string> = retryAfter ? { 'retry-after': String(Math.ceil((1 - tokens) / rate)) } : {};
		return { status: 429, headers };
	};
}

/** Runs `n` requests through the client with `workers` of them at once, as Create or Update does. */
export async function runBatch(client: DitioClient, n: number, workers = 5, method: 'PATCH' | 'POST' = 'PATCH') {
	let next = 0;
	const worker = async () => {
		while (next < n) {
			const i = next++;
			await client.request(method, ['tasks', `t${i}`], { body: { i } });
		}
	};
	await Promise.all(Array.from({ length: workers }, worker));
}
