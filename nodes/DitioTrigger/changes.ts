import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers of one record: the values of the watched fields, in table order,
 * without keys. Enough to tell what changed and to show before/after, far smaller than the record.
 */
export type Remembered = unknown[];

export interface Change {
	event: 'created' | 'changed' | 'removed';
	id: string;
	record: IDataObject;
	changes?: Record<string, { before: unknown; after: unknown }>;
}

export const remember = (record: IDataObject, fields: readonly string[]): Remembered => fields.map((f) => record[f] ?? null);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Compares this poll's records with what was remembered; answers the events and the new memory. */
export function diff(
	previous: Record<string, Remembered>,
	current: IDataObject[],
	fields: readonly string[],
	stillWatched: (remembered: Remembered) => boolean = () => true,
): { events: Change[]; next: Record<string, Remembered> } {
	const events: Change[] = [];
	const next: Record<string, Remembered> = {};
	for (const record of current) {
		const id = String(record.id);
		const now = remember(record, fields);
		next[id] = now;
		const before = previous[id];
		if (!before) {
			events.push({ event: 'created', id, record });
			continue;
		}
		const changes: Change['changes'] = {};
		fields.forEach((field, i) => {
			if (!same(before[i], now[i])) changes[field] = { before: before[i] ?? null, after: now[i] ?? null };
		});
		if (Object.keys(changes).length > 0) events.push({ event: 'changed', id, record, changes });
	}
	for (const [id, remembered] of Object.entries(previous)) {
		if (next[id] || !stillWatched(remembered)) continue;
		const record: IDataObject = { id };
		fields.forEach((field, i) => (record[field] = remembered[i] as IDataObject[string]));
		events.push({ event: 'removed', id, record });
	}
	return { events, next };
}
