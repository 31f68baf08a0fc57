/**
 * What a change-feed reader must remember between polls to report each change once: when its
 * last good poll started (the watermark), and what it handled in the part of the next window that
 * overlaps this one (the edge). Ditio recommends asking from the previous run's start minus about
 * ten minutes and de-duplicating by id and modified time (docs/ditio-api.md, "Change feed"), so
 * the edge is id → modifiedDateTime of what was handled, and id → deletedDateTime of deletions,
 * only for times the next window can still show: its size follows the changes of the last ten
 * minutes or so, never the number of records.
 */

/** How far back of the last good poll's start the next window begins. */
export const OVERLAP_MS = 10 * 60 * 1000;

/** A feed record, as far as the edge needs it. */
export interface FeedRow {
	id?: unknown;
	modifiedDateTime?: unknown;
	isDeleted?: unknown;
	deletedDateTime?: unknown;
}

/** The start of the window after a poll that started at `since` (ISO). */
export const windowStart = (since: string) => new Date(Date.parse(since) - OVERLAP_MS).toISOString();

const isDeletion = (row: FeedRow): row is FeedRow & { deletedDateTime: string } => row.isDeleted === true && typeof row.deletedDateTime === 'string';

/** Two times as instants: what was saved may be written another way than Ditio writes it. */
export const sameTime = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);

export interface EdgeState {
	recent: Record<string, string>;
	deletions: Record<string, string>;
}

export class FeedEdge {
	readonly recent: Record<string, string>;

	readonly deletions: Record<string, string>;

	constructor(state: Partial<EdgeState> = {}) {
		this.recent = { ...state.recent };
		this.deletions = { ...state.deletions };
	}

	/**
	 * Whether this version was handled by an earlier poll (or page). A tombstone of a project or
	 * work order keeps the modifiedDateTime of the last change before the deletion (one already
	 * reported, or far older than the window), so a deletion is known by its deletedDateTime.
	 */
	handled(row: FeedRow): boolean {
		const id = String(row.id);
		if (isDeletion(row)) return sameTime(this.deletions[id], row.deletedDateTime);
		return sameTime(this.recent[id], row.modifiedDateTime);
	}

	mark(row: FeedRow): void {
		const id = String(row.id);
		if (isDeletion(row)) {
			this.deletions[id] = row.deletedDateTime;
			// A record restored with its old modifiedDateTime is read again, and shows as Ditio has it.
			delete this.recent[id];
		} else if (typeof row.modifiedDateTime === 'string') this.recent[id] = row.modifiedDateTime;
	}

	/**
	 * Forgets what the next window cannot show again. It starts at this poll's start minus the
	 * overlap, and a tombstone is listed only by windows that hold its deletion, so anything
	 * before that bound never comes back.
	 */
	prune(startedAt: string): void {
		const oldest = Date.parse(startedAt) - OVERLAP_MS;
		for (const map of [this.recent, this.deletions]) for (const [id, at] of Object.entries(map)) if (Date.parse(at) < oldest) delete map[id];
	}

	state(): EdgeState {
		return { recent: this.recent, deletions: this.deletions };
	}
}
