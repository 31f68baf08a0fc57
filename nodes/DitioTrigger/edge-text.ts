import { compactId, fullId } from './watch';

/**
 * The registration trigger's edge as one short text, so its static data stays small however busy
 * the last ten minutes were: three sections (handled versions, deletions, approvals) split by ~,
 * entries by ^, each a Ditio ID in 16 characters (or !id| for any other ID) and then its time as
 * milliseconds after `base` in base 64. `base` is the start of the next window: nothing the edge
 * keeps is older.
 */
export interface EdgeMaps {
	recent: Record<string, string>;
	deletions: Record<string, string>;
	approvals: Record<string, string>;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SECTIONS = ['recent', 'deletions', 'approvals'] as const;

function number64(n: number): string {
	let out = '';
	do {
		out = B64[n % 64] + out;
		n = Math.floor(n / 64);
	} while (n > 0);
	return out;
}

const parse64 = (text: string) => [...text].reduce((n, ch) => n * 64 + B64.indexOf(ch), 0);

export function writeEdge(maps: EdgeMaps, base: string): string {
	const at = Date.parse(base);
	return SECTIONS.map((section) =>
		Object.entries(maps[section])
			.map(([id, time]) => (/^[0-9a-f]{24}$/.test(id) ? compactId(id) : `!${id}|`) + number64(Math.max(0, Date.parse(time) - at)))
			.join('^'),
	).join('~');
}

export function readEdge(text: string | undefined, base: string): EdgeMaps {
	const at = Date.parse(base);
	const maps: EdgeMaps = { recent: {}, deletions: {}, approvals: {} };
	(text ?? '').split('~').forEach((part, i) => {
		const section = SECTIONS[i];
		if (!section || !part) return;
		for (const entry of part.split('^')) {
			const bar = entry.startsWith('!') ? entry.indexOf('|') : -1;
			const id = bar > 0 ? entry.slice(1, bar) : fullId(entry.slice(0, 16));
			maps[section][id] = new Date(at + parse64(entry.slice(bar > 0 ? bar + 1 : 16))).toISOString();
		}
	});
	return maps;
}
