import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { FeedEdge, type FeedRow as EdgeRow, windowStart } from '../shared/reporting/edge';
import { readPages } from '../shared/reporting/reader';
import type { DitioClient } from '../shared/transport/client';
import { REPORTING_SCOPE } from '../shared/transport/environments';
import type { Change, Memory, Seen } from './memory';
import { compareRead, PROJECTS_GROUP, readWatched, watchedProjectId } from './polling';
import type { Resource } from './watch';

export const FEED_HINTS = {
	401: `Ditio refused the token for the Data Extraction API. The API client may lack scope ${REPORTING_SCOPE}: check it in Ditio Web (Company setup → Integration), or turn off "Use Data Extraction API" in the credential.`,
	403: `The API client may not use the Data Extraction API: give it scope ${REPORTING_SCOPE} in Ditio Web (Company setup → Integration), or turn off "Use Data Extraction API" in the credential.`,
};

interface FeedRow extends EdgeRow {
	id: string;
	projectId?: string;
}

/** Every page of one feed endpoint since `from`, each record once (its latest version). */
async function readFeed(client: DitioClient, segments: string[], qs: IDataObject): Promise<FeedRow[]> {
	const rows = new Map<string, FeedRow>();
	for await (const page of readPages(client, segments, qs, undefined, FEED_HINTS)) {
		for (const row of page as unknown as FeedRow[]) {
			rows.delete(String(row.id));
			rows.set(String(row.id), row);
		}
	}
	return [...rows.values()];
}

const PROJECT_FEED = ['v1', 'project'];
const WORK_ORDER_FEED = ['v1', 'project', 'work-breakdown-structure'];

export interface FeedState {
	seen: Seen;
	since: string;
	recent: Record<string, string>;
	deletions: Record<string, string>;
	active: Set<string>;
	projectIds: Record<string, string>;
}

/**
 * A first poll in feed mode learns what exists from the integration API (the feed tells which
 * records changed, not their fields); later polls read only what the feed names.
 */
export async function learnForFeed(ctx: IPollFunctions, client: DitioClient, resource: Resource, memory: Memory, seen: Seen, startedAt: string): Promise<FeedState> {
	// What the feed already shows is in the read that follows: the next poll need not read it again.
	const from = windowStart(startedAt);
	const allActive = resource === 'task' && ctx.getNodeParameter('scope') === 'allActive';
	const feeds = resource === 'project' ? [PROJECT_FEED] : allActive ? [PROJECT_FEED, WORK_ORDER_FEED] : [WORK_ORDER_FEED];
	const edge = new FeedEdge();
	const projectIds = { ...memory.projectIds };
	const scopeProject = resource === 'task' && !allActive ? (await watchedProjectId(ctx, client, memory, projectIds)).id : undefined;
	for (const feed of feeds) {
		const qs = { ModifiedSince: from, ...(feed === WORK_ORDER_FEED && scopeProject && { ProjectId: scopeProject }) };
		for (const row of await readFeed(client, feed, qs)) edge.mark(row);
	}
	const read = await readWatched(ctx, client, resource, { projectIds });
	compareRead(seen, read);
	return {
		seen,
		since: startedAt,
		...edge.state(),
		active: new Set(resource === 'task' && ctx.getNodeParameter('scope') === 'allActive' ? read.groups.keys() : []),
		projectIds: read.projectIds,
	};
}

/** What changed since the last good poll, by the change feed; answers the new state too. */
export async function pollFeed(ctx: IPollFunctions, client: DitioClient, resource: Resource, memory: Memory, seen: Seen, startedAt: string): Promise<{ changes: Change[]; state: FeedState }> {
	const from = windowStart(memory.since as string);
	const edge = new FeedEdge(memory);
	const active = new Set(memory.active ?? []);
	const allActive = resource === 'task' && ctx.getNodeParameter('scope') === 'allActive';
	const projectIds = { ...memory.projectIds };
	const changes: Change[] = [];
	const handled = (row: FeedRow) => edge.handled(row);
	const mark = (row: FeedRow) => edge.mark(row);
	/** Deleted projects whose work orders' tombstones may still come in this poll's work-order feed. */
	const deletedProjects: string[] = [];

	// The one project's ID: remembered, or looked up once (the same rule as polling mode).
	const scopeProject =
		resource === 'task' && !allActive ? (await watchedProjectId(ctx, client, memory, projectIds)).id : undefined;

	/** One work order or project the feed says changed: read it and compare. */
	const take = async (row: FeedRow) => {
		const id = String(row.id);
		if (row.isDeleted === true) {
			const inScope = !allActive || row.projectId === undefined || active.has(String(row.projectId)) || seen.groupOf(id) !== undefined;
			const change = seen.removed(id, row.deletedDateTime ? { deletedDateTime: row.deletedDateTime } : {});
			if (change) changes.push(change);
			// A record created and deleted while nobody looked: the tombstone is all there is.
			else if (inScope) changes.push({ event: 'removed', id, record: { ...row } as IDataObject });
			seen.delete(id);
			mark(row);
			return;
		}
		const record = await client.find<IDataObject>([resource === 'project' ? 'projects' : 'tasks', id]);
		// Gone since the feed was read: its tombstone comes in a later page or poll.
		if (!record) return;
		const group = resource === 'project' ? PROJECTS_GROUP : String(record.projectId);
		const inScope = resource === 'project' || (allActive ? active.has(group) : group === scopeProject);
		if (!inScope) {
			seen.delete(id);
		} else {
			const change = seen.compare(id, record);
			if (change) {
				changes.push(change);
				seen.set(group, id, record);
			}
		}
		mark(row);
	};

	if (allActive) {
		// Projects made active or inactive change which work orders are watched.
		for (const row of await readFeed(client, PROJECT_FEED, { ModifiedSince: from })) {
			if (handled(row)) continue;
			const id = String(row.id);
			const project = row.isDeleted === true ? undefined : await client.find<IDataObject>(['projects', id]);
			if (project?.active === true && !active.has(id)) {
				active.add(id);
				for (const task of await client.request<IDataObject[]>('GET', ['tasks', 'project', id])) {
					const change = seen.compare(String(task.id), task);
					if (change) {
						changes.push(change);
						seen.set(id, String(task.id), task);
					}
				}
			} else if (project?.active !== true && active.has(id)) {
				active.delete(id);
				// Ditio deletes a project only once its work orders are gone: their tombstones come
				// below and fire removed, which forgetting the group first would silence.
				if (row.isDeleted === true) deletedProjects.push(id);
				else seen.dropGroup(id);
			}
			mark(row);
		}
	}

	const feed = resource === 'project' ? PROJECT_FEED : WORK_ORDER_FEED;
	const qs: IDataObject = { ModifiedSince: from, ...(scopeProject && { ProjectId: scopeProject }) };
	for (const row of await readFeed(client, feed, qs)) if (!handled(row)) await take(row);
	for (const id of deletedProjects) seen.dropGroup(id);

	edge.prune(startedAt);
	return { changes, state: { seen, since: startedAt, ...edge.state(), active, projectIds } };
}
