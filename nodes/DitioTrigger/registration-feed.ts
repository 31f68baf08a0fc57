import type { IDataObject } from 'n8n-workflow';

import { type ApprovalLevel, type Dataset } from '../shared/reporting/datasets';
import { FeedEdge, OVERLAP_MS, sameTime, windowStart } from '../shared/reporting/edge';
import { isTombstone, readPages, tombstone } from '../shared/reporting/reader';
import type { DitioClient } from '../shared/transport/client';
import { FEED_HINTS } from './feed';
import type { Change, Memory } from './memory';
import { readEdge, writeEdge } from './edge-text';

/**
 * Registrations through their dataset's change feed. The feed's records are the registrations
 * themselves, so a poll costs its feed pages and nothing else, and the trigger keeps no copy of
 * any registration: only the watermark and the edge (what it handled in the overlap with the next
 * window), so its memory does not grow with the number of registrations.
 *
 * Each event is read off the record's own fields, never off a remembered copy:
 *  - removed: a tombstone, known by id + deletedDateTime (the edge);
 *  - created: a version not handled before whose creation time lies in this window;
 *  - changed: any other new version;
 *  - approved: the record is at the chosen level and the time it got there (approvedDateTime, or
 *    payrollApprovedDateTime / lockedDateTime) lies in this window and was not reported before.
 *    That time does not move when the registration is edited later, so later edits never fire
 *    approved again; an approval reported in the overlap is remembered by id + that time until
 *    the next window can no longer hold it. A withdrawn and renewed approval has a new time and
 *    fires again.
 */
export async function pollRegistrations(
	client: DitioClient,
	dataset: Dataset,
	memory: Memory,
	options: { startedAt: string; level: ApprovalLevel; first: boolean },
): Promise<{ changes: Change[]; memory: Memory }> {
	const { startedAt, level, first } = options;
	const rules = dataset.trigger!;
	const previous = first ? { recent: {}, deletions: {}, approvals: {} } : readEdge(memory.edge, windowStart(memory.since as string));
	const from = windowStart(first ? startedAt : (memory.since as string));
	const edge = new FeedEdge(previous);
	const approvals: Record<string, string> = { ...previous.approvals };

	// A registration changed while the pages were read comes twice: its latest version counts.
	const rows = new Map<string, IDataObject>();
	for await (const page of readPages(client, dataset.segments, { ModifiedSince: from }, undefined, FEED_HINTS)) {
		for (const row of page) {
			rows.delete(String(row.id));
			rows.set(String(row.id), row);
		}
	}

	const changes: Change[] = [];
	const inWindow = (at: unknown) => typeof at === 'string' && Date.parse(at) >= Date.parse(from);
	for (const [id, row] of rows) {
		if (edge.handled(row)) continue;
		const known = id in edge.recent;
		edge.mark(row);
		if (isTombstone(row)) {
			if (!first) changes.push({ event: 'removed', id, record: tombstone(row) });
			continue;
		}
		if (!first) {
			const created = !known && inWindow(row[rules.createdField]);
			changes.push({ event: created ? 'created' : 'changed', id, record: row });
		}
		const approvedAt = approvalTime(row, rules.approvalLevels[level]);
		if (approvedAt !== undefined && inWindow(approvedAt) && !sameTime(approvals[id], approvedAt)) {
			approvals[id] = approvedAt;
			if (!first) changes.push({ event: 'approved', id, record: row });
		}
	}

	edge.prune(startedAt);
	const oldest = Date.parse(startedAt) - OVERLAP_MS;
	for (const [id, at] of Object.entries(approvals)) if (Date.parse(at) < oldest) delete approvals[id];
	return {
		changes,
		memory: { watching: memory.watching, since: startedAt, edge: writeEdge({ ...edge.state(), approvals }, windowStart(startedAt)) },
	};
}

/** When the registration reached the level, if it has. */
function approvalTime(row: IDataObject, states: ReadonlyArray<{ flag: string; time: string }>): string | undefined {
	for (const { flag, time } of states) {
		if (row[flag] !== true) continue;
		const at = row[time];
		if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) return at;
	}
	return undefined;
}
