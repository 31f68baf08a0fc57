import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ditioClient } from './transport/client';

/** The project picker: the company's projects, number first, narrowed by what the user types. */
export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	// The editor waits for this list: a rate limit may hold it for seconds, not the node's minutes.
	const client = await ditioClient(this, {
		retry: { rateLimitWaitMs: 20_000 },
		rateLimitAdvice: 'pick the project By ID or By Number instead, or open the list again in a minute',
	});
	const projects = await client.request<IDataObject[]>('GET', ['projects']);
	const needle = (filter ?? '').toLowerCase();
	const results = projects
		.map((p) => ({
			name: [p.projectNumber, p.name].filter(Boolean).join(' · '),
			value: String(p.id),
			active: p.active === true,
		}))
		.filter((p) => p.name.toLowerCase().includes(needle))
		.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'nb'))
		.map(({ name, value }) => ({ name, value }));
	return { results };
}
