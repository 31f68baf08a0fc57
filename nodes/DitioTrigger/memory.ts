import type { IDataObject } from 'n8n-workflow';

import { difference, entryOf, readGroup, rememberedRecord, type Watch, writeGroup } from './watch';

/**
 * The trigger's static data. n8n saves it after a poll that starts the workflow and after the
 * first poll of an activation only, so whatever a quiet poll learns lives in memory until then.
 */
export interface Memory {
	/** What the trigger watches and how; when it changes, the next poll starts quietly again. */
	watching?: string;
	/** Per group (a project's ID for work orders, '' for projects): one line per record. */
	seen?: Record<string, string>;
	/** The project a project number named, looked up once (both modes). */
	projectIds?: Record<string, string>;
	/** Change feed: when the last good poll started (ISO). */
	since?: string;
	/** Change feed: records already handled in the overlap window, id → modifiedDateTime. */
	recent?: Record<string, string>;
	/** Change feed: deletions already reported in the overlap window, id → deletedDateTime. */
	deletions?: Record<string, string>;
	/** Change feed, all active projects: which projects are active. */
	active?: string[];
	/** Time registrations: the edge (handled versions, deletions, approvals) as one short text (edge-text.ts). */
	edge?: string;
}

export interface Change {
	event: 'created' | 'changed' | 'approved' | 'removed';
	id: string;
	record: IDataObject;
	changes?: Record<string, { before: unknown; after: unknown }>;
	changedFields?: string[];
}

/**
 * The remembered records, read from static data lazily and written back only by commit(), so a
 * poll that fails half way leaves the memory as it was.
 */
export class Seen {
	private readonly groups = new Map<string, Map<string, string>>();

	private readonly dirty = new Set<string>();

	private index: Map<string, string> | undefined;

	constructor(
		private readonly stored: Record<string, string>,
		readonly watch: Watch,
	) {}

	/** The groups that hold records. */
	groupKeys(): string[] {
		return [...new Set([...Object.keys(this.stored), ...this.groups.keys()])].filter((k) => this.group(k).size > 0);
	}

	group(key: string): Map<string, string> {
		let group = this.groups.get(key);
		if (!group) {
			group = readGroup(this.stored[key]);
			this.groups.set(key, group);
		}
		return group;
	}

	/** Which group holds this record, if any. */
	groupOf(id: string): string | undefined {
		if (!this.index) {
			this.index = new Map();
			for (const key of Object.keys(this.stored)) for (const recordId of this.group(key).keys()) this.index.set(recordId, key);
			for (const [key, group] of this.groups) for (const recordId of group.keys()) this.index.set(recordId, key);
		}
		return this.index.get(id);
	}

	set(key: string, id: string, record: IDataObject): void {
		const before = this.groupOf(id);
		if (before !== undefined && before !== key) this.delete(id);
		this.group(key).set(id, entryOf(record, this.watch));
		this.index?.set(id, key);
		this.dirty.add(key);
	}

	delete(id: string): void {
		const key = this.groupOf(id);
		if (key === undefined) return;
		this.group(key).delete(id);
		this.index?.delete(id);
		this.dirty.add(key);
	}

	dropGroup(key: string): void {
		for (const id of this.group(key).keys()) this.index?.delete(id);
		this.groups.set(key, new Map());
		this.dirty.add(key);
	}

	/** What a record's arrival or new version means: created, changed, or nothing. */
	compare(id: string, record: IDataObject): Change | undefined {
		const key = this.groupOf(id);
		const entry = key === undefined ? undefined : this.group(key).get(id);
		if (entry === undefined) return { event: 'created', id, record };
		const diff = difference(entry, record, this.watch);
		return diff && { event: 'changed', id, record, ...diff };
	}

	removed(id: string, extra: IDataObject = {}): Change | undefined {
		const key = this.groupOf(id);
		const entry = key === undefined ? undefined : this.group(key).get(id);
		return entry === undefined ? undefined : { event: 'removed', id, record: { ...rememberedRecord(id, entry, this.watch), ...extra } };
	}

	/** The static data's new `seen`; groups nothing touched stay the stored text. */
	commit(): Record<string, string> {
		const next: Record<string, string> = {};
		for (const key of new Set([...Object.keys(this.stored), ...this.dirty])) {
			const text = this.dirty.has(key) ? writeGroup(this.group(key)) : this.stored[key];
			if (text) next[key] = text;
		}
		return next;
	}
}
