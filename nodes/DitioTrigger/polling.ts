import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { projectRefOf, resolveProjectId } from '../shared/project-locator';
import { RunCache } from '../shared/run-cache';
import type { DitioClient } from '../shared/transport/client';
import type { Change, Memory, Seen } from './memory';
import type { Resource } from './watch';

/** Group of the records of the Project resource: there is only one. */
export const PROJECTS_GROUP = '';

/**
 * The project a "One Project" trigger watches. A project number is looked up once and the ID
 * kept in `projectIds` (to be saved with the rest), not at every poll.
 */
export async function watchedProjectId(ctx: IPollFunctions, client: DitioClient, memory: Memory, projectIds: Record<string, string>) {
	const ref = projectRefOf(ctx.getNode(), ctx.getNodeParameter('project'));
	if (ref.mode === 'id' || ref.mode === 'list') return { id: ref.value, remembered: false };
	const known = memory.projectIds?.[ref.value];
	if (known) return { id: known, remembered: true, number: ref.value };
	const id = await resolveProjectId({ client, cache: new RunCache() }, ref);
	projectIds[ref.value] = id;
	return { id, remembered: false, number: ref.value };
}

export interface Read {
	/** The watched records now, per group. */
	groups: Map<string, IDataObject[]>;
	/** Project numbers looked up in this read. */
	projectIds: Record<string, string>;
}

/** Reads every watched record from the integration API (polling mode, and a first feed poll). */
export async function readWatched(ctx: IPollFunctions, client: DitioClient, resource: Resource, memory: Memory): Promise<Read> {
	const groups = new Map<string, IDataObject[]>();
	const projectIds: Record<string, string> = { ...memory.projectIds };
	if (resource === 'project') {
		groups.set(PROJECTS_GROUP, await client.request<IDataObject[]>('GET', ['projects']));
		return { groups, projectIds };
	}
	let ids: string[];
	let remembered: { number?: string; remembered: boolean } = { remembered: false };
	if (ctx.getNodeParameter('scope') === 'project') {
		const watched = await watchedProjectId(ctx, client, memory, projectIds);
		ids = [watched.id];
		remembered = watched;
	} else {
		const projects = await client.request<IDataObject[]>('GET', ['projects']);
		ids = projects.filter((p) => p.active === true).map((p) => String(p.id));
	}
	let read = false;
	try {
		for (const id of ids) groups.set(id, await client.request<IDataObject[]>('GET', ['tasks', 'project', id]));
		read = true;
	} finally {
		// The remembered project may be gone or renumbered: look the number up again next time.
		if (!read && remembered.remembered && remembered.number && memory.projectIds) delete memory.projectIds[remembered.number];
	}
	return { groups, projectIds };
}

/**
 * Compares what was read with what is remembered. A group no longer read (a project made
 * inactive, another project chosen) is forgotten quietly: its records did not disappear.
 */
export function compareRead(seen: Seen, read: Read): Change[] {
	const changes: Change[] = [];
	for (const key of seen.groupKeys()) if (!read.groups.has(key)) seen.dropGroup(key);
	for (const [key, records] of read.groups) {
		const ids = new Set<string>();
		for (const record of records) {
			const id = String(record.id);
			ids.add(id);
			const change = seen.compare(id, record);
			if (!change) continue;
			changes.push(change);
			seen.set(key, id, record);
		}
		for (const id of [...seen.group(key).keys()]) {
			if (ids.has(id)) continue;
			const change = seen.removed(id);
			if (change) changes.push(change);
			seen.delete(id);
		}
	}
	return changes;
}
