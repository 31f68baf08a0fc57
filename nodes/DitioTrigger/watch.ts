import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ApiField } from '../shared/fields/field';
import type { FieldKind } from '../shared/fields/kinds';
import { PROJECT_FIELDS, PROJECT_NUMBER } from '../shared/fields/project.fields';
import { EXTERNAL_ID, TASK_FIELDS } from '../shared/fields/task.fields';

export type Resource = 'project' | 'task';

/** Choosing this in Fields to Watch keeps before/after values of every field of the table. */
export const ALL_FIELDS = '*';

const TABLES: Record<Resource, { table: ApiField[]; label: ApiField; identity: string[] }> = {
	project: { table: PROJECT_FIELDS, label: PROJECT_NUMBER, identity: ['companyId'] },
	task: { table: TASK_FIELDS, label: EXTERNAL_ID, identity: ['projectId', 'taskNumber'] },
};

/** The Fields to Watch option of one resource; its default is what Simplify keeps. */
export function watchFieldsOption(resource: Resource): INodeProperties {
	const { table } = TABLES[resource];
	return {
		displayName: 'Fields to Watch',
		name: resource === 'project' ? 'projectFields' : 'taskFields',
		type: 'multiOptions',
		displayOptions: { show: { '/resource': [resource] } },
		options: [
			{ name: 'All Fields', value: ALL_FIELDS },
			...table.map((f) => ({ name: f.displayName, value: f.name })),
		],
		default: [...table.filter((f) => f.simplified).map((f) => f.name)],
		description:
			'Fields whose before and after values a Changed event shows. A change in any other field fires too, naming the field; only these fields are kept in the workflow, which keeps its memory small.',
	};
}

/**
 * What the trigger keeps of each record: the label (project number or external ID, so a removed
 * record is recognisable), the watched fields' values, and a fingerprint of everything else.
 */
export interface Watch {
	resource: Resource;
	/** Label first, then the watched fields in table order. */
	kept: string[];
	/** The other fields the fingerprint can name, in a fixed order. */
	named: string[];
	/** Kind of every kept or named field, for the compact values. */
	kinds: Record<string, FieldKind>;
}

export function watchOf(resource: Resource, chosen: readonly string[]): Watch {
	const { table, label, identity } = TABLES[resource];
	const all = chosen.includes(ALL_FIELDS);
	const watched = table.filter((f) => all || chosen.includes(f.name)).map((f) => f.name);
	const kept = [label.name, ...watched];
	const named = [...identity, ...table.map((f) => f.name)].filter((n) => !kept.includes(n));
	const kinds: Record<string, FieldKind> = Object.fromEntries([...identity, label.name].map((n) => [n, 'string' as FieldKind]));
	for (const f of table) kinds[f.name] = f.kind;
	return { resource, kept, named, kinds };
}

// ---- values: compact text, reversible -------------------------------------------------------

/** The value a field of this kind usually has (Ditio fills booleans and numbers): kept as ''. */
const usual = (kind: FieldKind): unknown => (kind === 'boolean' ? false : NUMBER_KINDS.has(kind) ? 0 : null);
const NUMBER_KINDS = new Set<FieldKind>(['number', 'minutes', 'latitude', 'longitude']);

/** JSON never has ^ or | outside strings, and \u005e / \u007c inside one read back as them. */
const asJson = (value: unknown) => `~${JSON.stringify(value).replace(/\^/g, '\\u005e').replace(/\|/g, '\\u007c')}`;

/**
 * One value as short text, by the field's kind: '' for its usual value (null, false or 0), T for
 * true, numbers and text as they are; anything else, or text that could be misread, as ~JSON.
 */
function encodeValue(value: unknown, kind: FieldKind): string {
	const v = value === undefined ? null : value;
	if (v === usual(kind)) return '';
	if (kind === 'boolean' && v === true) return 'T';
	if (NUMBER_KINDS.has(kind) && typeof v === 'number' && Number.isFinite(v)) return String(v);
	if (!NUMBER_KINDS.has(kind) && kind !== 'boolean' && typeof v === 'string' && v !== '' && !/^~|[|^]/.test(v)) return v;
	return asJson(v);
}

function decodeValue(text: string, kind: FieldKind): unknown {
	if (text === '') return usual(kind);
	if (text.startsWith('~')) return JSON.parse(text.slice(1));
	if (kind === 'boolean') return text === 'T';
	if (NUMBER_KINDS.has(kind)) return Number(text);
	return text;
}

// ---- fingerprint ----------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** FNV-1a, 32 bits: fast and well spread, which is all a change detector needs (not security). */
function fnv(text: string, seed: number): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** Key-sorted JSON, so the same record always gives the same text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const keys = Object.keys(value).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as IDataObject)[k])}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** 24 bits over everything not kept: a change there goes unnoticed once in 16 million. */
const WHOLE_CHARS = 4;

const bitsToChars = (bits: boolean[]) => {
	let out = '';
	for (let i = 0; i < bits.length; i += 6) {
		let v = 0;
		for (let j = 0; j < 6; j++) v = (v << 1) | (bits[i + j] ? 1 : 0);
		out += B64[v];
	}
	return out;
};

const charsToBits = (chars: string, count: number) => {
	const bits: boolean[] = [];
	for (const ch of chars) {
		const v = B64.indexOf(ch);
		for (let j = 5; j >= 0; j--) bits.push(((v >> j) & 1) === 1);
	}
	return bits.slice(0, count);
};

/**
 * Whole-record hash of the fields not kept; then which named fields hold something other than
 * their usual value (one bit each), and six bits of hash per such field. So a change outside
 * the kept fields fires and names its field (63 times in 64 when both values are unusual).
 */
function fingerprint(record: IDataObject, watch: Watch): string {
	const rest: IDataObject = {};
	for (const [key, value] of Object.entries(record)) if (key !== 'id' && !watch.kept.includes(key)) rest[key] = value;
	const h = fnv(canonical(rest), 1);
	let out = '';
	for (let i = 0; i < WHOLE_CHARS; i++) out += B64[(h >>> (i * 6)) & 63];
	const unusual = watch.named.map((f) => (record[f] === undefined ? null : record[f]) !== usual(watch.kinds[f]));
	out += bitsToChars(unusual);
	watch.named.forEach((f, i) => {
		if (unusual[i]) out += B64[fnv(`${f}\u0000${canonical(record[f])}`, 7) & 63];
	});
	return out;
}

/** Per named field: its hash character, or '' when it held its usual value. */
function fieldMarks(fp: string, watch: Watch): string[] {
	const maskChars = Math.ceil(watch.named.length / 6);
	const unusual = charsToBits(fp.slice(WHOLE_CHARS, WHOLE_CHARS + maskChars), watch.named.length);
	let at = WHOLE_CHARS + maskChars;
	return unusual.map((u) => (u ? fp[at++] : ''));
}

// ---- one record's entry ---------------------------------------------------------------------

/** fingerprint|label|watched…, trailing empty values left out. */
export function entryOf(record: IDataObject, watch: Watch): string {
	const parts = [fingerprint(record, watch), ...watch.kept.map((f) => encodeValue(record[f], watch.kinds[f]))];
	while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
	return parts.join('|');
}

function keptValues(entry: string, watch: Watch): unknown[] {
	const parts = entry.split('|');
	return watch.kept.map((f, i) => decodeValue(parts[i + 1] ?? '', watch.kinds[f]));
}

/** What a removed record's event shows: its id and what was kept of it. */
export function rememberedRecord(id: string, entry: string, watch: Watch): IDataObject {
	const values = keptValues(entry, watch);
	const record: IDataObject = { id };
	watch.kept.forEach((f, i) => (record[f] = values[i] as IDataObject[string]));
	return record;
}

const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);

export interface Difference {
	/** Before and after of the kept fields that changed. */
	changes: Record<string, { before: unknown; after: unknown }>;
	/** Every field known to have changed: the kept ones, and the others the fingerprint names. */
	changedFields: string[];
}

/** How the record differs from its entry; undefined when it does not. */
export function difference(entry: string, record: IDataObject, watch: Watch): Difference | undefined {
	const now = entryOf(record, watch);
	if (now === entry) return undefined;
	const before = keptValues(entry, watch);
	const changes: Difference['changes'] = {};
	watch.kept.forEach((f, i) => {
		if (!same(before[i], record[f])) changes[f] = { before: before[i] ?? null, after: record[f] ?? null };
	});
	const was = fieldMarks(entry.split('|')[0], watch);
	const is = fieldMarks(now.split('|')[0], watch);
	const others = watch.named.filter((_, i) => was[i] !== is[i]);
	const changedFields = [...Object.keys(changes), ...others];
	// Only a field outside the tables changed (its name cannot be told): still a change.
	return { changes, changedFields };
}

// ---- compact ids and the memory of one group ------------------------------------------------

/** A Ditio ID (24 lower-case hex) as 16 characters. */
export function compactId(id: string): string {
	let out = '';
	for (let i = 0; i < 24; i += 3) {
		const v = parseInt(id.slice(i, i + 3), 16);
		out += B64[v >> 6] + B64[v & 63];
	}
	return out;
}

export function fullId(compact: string): string {
	let out = '';
	for (let i = 0; i < 16; i += 2) {
		const v = (B64.indexOf(compact[i]) << 6) | B64.indexOf(compact[i + 1]);
		out += v.toString(16).padStart(3, '0');
	}
	return out;
}

/**
 * The records of one group (one project's work orders, or all projects) as one text: ^ between
 * records, each a 16-character ID then its entry. JSON of many short strings costs quotes,
 * colons and commas per record; one string does not.
 */
export function readGroup(text: string | undefined): Map<string, string> {
	const map = new Map<string, string>();
	if (!text) return map;
	for (const line of text.split('^')) {
		if (line.startsWith('!')) {
			const bar = line.indexOf('|', 1);
			map.set(line.slice(1, bar), line.slice(bar + 1));
		} else {
			map.set(fullId(line.slice(0, 16)), line.slice(16));
		}
	}
	return map;
}

export function writeGroup(map: Map<string, string>): string {
	return [...map].map(([id, entry]) => (/^[0-9a-f]{24}$/.test(id) ? compactId(id) + entry : `!${id}|${entry}`)).join('^');
}
