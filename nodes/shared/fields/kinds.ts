import type { INodeProperties } from 'n8n-workflow';

/**
 * The value kinds that occur in Ditio's field tables. Each kind knows how it looks in the
 * editor, how to turn what a workflow hands over into what Ditio accepts, and when two values
 * mean the same (so Create or Update can skip a write that would change nothing).
 */
export type FieldKind =
	| 'string'
	| 'boolean'
	| 'number'
	| 'minutes'
	| 'dateTime'
	| 'date'
	| 'timeOfDay'
	| 'latitude'
	| 'longitude';

export type Coerced = { value: unknown } | { problem: string };

interface KindBehaviour {
	ui: Pick<INodeProperties, 'type' | 'default'> & Partial<INodeProperties>;
	/** What the user sees after "must be": names the accepted form. */
	expected: string;
	coerce(value: unknown): Coerced;
	same(a: unknown, b: unknown): boolean;
}

const show = (value: unknown) => {
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** Norwegian ERP exports write decimals with a comma ("12,5"); thousands separators are refused. */
function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!/^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/.test(text)) return undefined;
	return Number(text.replace(',', '.'));
}

function ranged(min: number, max: number, integer: boolean) {
	return (value: unknown): Coerced => {
		const n = toNumber(value);
		if (n === undefined) return { problem: `${show(value)} is not a number` };
		if (integer && !Number.isInteger(n)) return { problem: `${show(value)} is not a whole number` };
		if (n < min || n > max) return { problem: `${show(value)} is outside ${min} to ${max}` };
		return { value: n };
	};
}

const sameNumber = (a: unknown, b: unknown) => toNumber(a) === toNumber(b) || (isEmpty(a) && isEmpty(b));
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || v === 0 || v === false;

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Accepts ISO strings, JS Dates and n8n's Luxon DateTime values; answers ISO in UTC. */
function toIsoDateTime(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatUtc(value);
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const luxon = value as { isValid?: boolean; toISO(): string | null };
		if (luxon.isValid === false) return undefined;
		const iso = luxon.toISO();
		return iso ? toIsoDateTime(iso) : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const m = ISO_DATE.exec(text);
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
	const probe = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
	const calendarOk =
		probe.getUTCFullYear() === +y &&
		probe.getUTCMonth() === +mo - 1 &&
		probe.getUTCDate() === +d &&
		probe.getUTCHours() === +h &&
		probe.getUTCMinutes() === +mi;
	if (!calendarOk) return undefined;
	// Without a zone the time is taken as UTC, as Ditio's own examples write dates.
	const parsed = new Date(zone ? text.replace(' ', 'T') : `${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
	return Number.isNaN(parsed.getTime()) ? undefined : formatUtc(parsed);
}

/**
 * A calendar date (yyyy-MM-dd) for endpoints that take plain dates (employees v5, absences):
 * the date as the user wrote it, never shifted by a time zone; Norwegian dd.MM.yyyy is accepted.
 */
function toPlainDate(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
	if (value && typeof value === 'object' && typeof (value as { toISODate?: unknown }).toISODate === 'function') {
		const luxon = value as { isValid?: boolean; toISODate(): string | null };
		return luxon.isValid === false ? undefined : (luxon.toISODate() ?? undefined);
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const norwegian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
	const iso = norwegian ? `${norwegian[3]}-${norwegian[2].padStart(2, '0')}-${norwegian[1].padStart(2, '0')}` : text;
	if (toIsoDateTime(iso) === undefined) return undefined;
	return iso.slice(0, 10);
}

const formatUtc = (date: Date) => date.toISOString().replace('.000Z', 'Z');

const epoch = (v: unknown) => {
	const iso = toIsoDateTime(v);
	return iso === undefined ? undefined : Date.parse(iso);
};

export const KINDS: Record<FieldKind, KindBehaviour> = {
	string: {
		ui: { type: 'string', default: '' },
		expected: 'text',
		coerce: (v) =>
			typeof v === 'string'
				? { value: v }
				: typeof v === 'number' && Number.isFinite(v)
					? { value: String(v) }
					: { problem: `${show(v)} is not text` },
		same: (a, b) => (a ?? '') === (b ?? ''),
	},
	boolean: {
		ui: { type: 'boolean', default: false },
		expected: 'true or false',
		coerce: (v) => {
			if (typeof v === 'boolean') return { value: v };
			if (typeof v === 'string' && /^(true|false)$/i.test(v.trim()))
				return { value: v.trim().toLowerCase() === 'true' };
			return { problem: `${show(v)} is not true or false` };
		},
		same: (a, b) => Boolean(a) === Boolean(b),
	},
	number: {
		ui: { type: 'number', default: 0, typeOptions: { numberPrecision: 2 } },
		expected: 'a number',
		coerce: ranged(-Number.MAX_VALUE, Number.MAX_VALUE, false),
		same: sameNumber,
	},
	minutes: {
		ui: { type: 'number', default: 0, typeOptions: { minValue: 0, maxValue: 1440 } },
		expected: 'whole minutes from 0 to 1440',
		coerce: ranged(0, 1440, true),
		same: sameNumber,
	},
	dateTime: {
		ui: { type: 'dateTime', default: '' },
		expected: 'a date such as 2026-03-01 or 2026-03-01T07:00:00Z',
		coerce: (v) => {
			const iso = toIsoDateTime(v);
			return iso === undefined ? { problem: `${show(v)} is not a date` } : { value: iso };
		},
		same: (a, b) => epoch(a) === epoch(b) || (!a && !b),
	},
	date: {
		ui: { type: 'dateTime', default: '' },
		expected: 'a date such as 2026-03-01 or 01.03.2026',
		coerce: (v) => {
			const date = toPlainDate(v);
			return date === undefined ? { problem: `${show(v)} is not a date` } : { value: date };
		},
		same: (a, b) => toPlainDate(a) === toPlainDate(b) || (!a && !b),
	},
	timeOfDay: {
		ui: { type: 'string', default: '', placeholder: '11:30' },
		expected: 'a time HH:mm from 00:00 to 23:59',
		coerce: (v) => {
			const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v.trim()) : null;
			if (!m || +m[1] > 23 || +m[2] > 59) return { problem: `${show(v)} is not a time HH:mm` };
			return { value: `${m[1].padStart(2, '0')}:${m[2]}` };
		},
		same: (a, b) => (a ?? '') === (b ?? ''),
	},
	latitude: {
		ui: { type: 'number', default: 0, typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 } },
		expected: 'a latitude from -90 to 90',
		coerce: ranged(-90, 90, false),
		same: sameNumber,
	},
	longitude: {
		ui: { type: 'number', default: 0, typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 } },
		expected: 'a longitude from -180 to 180',
		coerce: ranged(-180, 180, false),
		same: sameNumber,
	},
};
