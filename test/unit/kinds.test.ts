import { DateTime } from 'luxon';

import { KINDS } from '../../nodes/shared/fields/kinds';

const ok = (kind: keyof typeof KINDS, input: unknown) => {
	const result = KINDS[kind].coerce(input);
	if ('problem' in result) throw new Error(`expected ${JSON.stringify(input)} to pass as ${kind}: ${result.problem}`);
	return result.value;
};
const problem = (kind: keyof typeof KINDS, input: unknown) => {
	const result = KINDS[kind].coerce(input);
	return 'problem' in result ? result.problem : undefined;
};

describe('value kinds: what a workflow may hand over', () => {
	test.each([
		['2026-03-01', '2026-03-01T00:00:00Z'],
		['2026-03-01T07:30:00Z', '2026-03-01T07:30:00Z'],
		['2026-03-01T08:30:00+01:00', '2026-03-01T07:30:00Z'],
		['2026-03-01 07:30', '2026-03-01T07:30:00Z'],
		['2024-02-29', '2024-02-29T00:00:00Z'],
	])('date %s becomes %s', (input, expected) => {
		expect(ok('dateTime', input)).toBe(expected);
	});

	test('n8n DateTime values and JS Dates are accepted as dates', () => {
		expect(ok('dateTime', DateTime.fromISO('2026-03-01T09:00:00', { zone: 'Europe/Oslo' }))).toBe('2026-03-01T08:00:00Z');
		expect(ok('dateTime', new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01T00:00:00Z');
	});

	test.each(['2026-13-01', '2026-02-30', '2025-02-29', '01.03.2026', 'tomorrow', '', 20260301, '2026-03-01T25:00'])(
		'%p is not a date',
		(input) => {
			expect(problem('dateTime', input)).toMatch(/is not a date/);
		},
	);

	test('numbers given as text are converted, with Norwegian decimal commas', () => {
		expect(ok('number', '500')).toBe(500);
		expect(ok('number', '12,5')).toBe(12.5);
		expect(ok('number', 7.25)).toBe(7.25);
		expect(problem('number', '1 000')).toMatch(/not a number/);
		expect(problem('number', 'abc')).toMatch(/not a number/);
		expect(problem('number', Number.NaN)).toMatch(/not a number/);
	});

	test('times are HH:mm within a day', () => {
		expect(ok('timeOfDay', '11:30')).toBe('11:30');
		expect(ok('timeOfDay', '7:05')).toBe('07:05');
		expect(problem('timeOfDay', '25:00')).toMatch(/not a time/);
		expect(problem('timeOfDay', '11:60')).toMatch(/not a time/);
		expect(problem('timeOfDay', '1130')).toMatch(/not a time/);
	});

	test('minutes are whole and within a day; coordinates within the globe', () => {
		expect(ok('minutes', '30')).toBe(30);
		expect(problem('minutes', 30.5)).toMatch(/whole number/);
		expect(problem('minutes', 2000)).toMatch(/outside 0 to 1440/);
		expect(ok('latitude', '63.43')).toBe(63.43);
		expect(problem('latitude', 200)).toMatch(/outside -90 to 90/);
		expect(problem('longitude', -181)).toMatch(/outside -180 to 180/);
	});

	test('booleans accept true/false and their text, nothing else', () => {
		expect(ok('boolean', 'TRUE')).toBe(true);
		expect(ok('boolean', false)).toBe(false);
		expect(problem('boolean', 'yes')).toMatch(/not true or false/);
		expect(problem('boolean', 1)).toMatch(/not true or false/);
	});

	test('strings refuse objects instead of sending "[object Object]"', () => {
		expect(ok('string', 'Grunnarbeid')).toBe('Grunnarbeid');
		expect(ok('string', 42)).toBe('42');
		expect(problem('string', { a: 1 })).toMatch(/not text/);
	});

	test('sameness ignores the spelling of equal values', () => {
		expect(KINDS.dateTime.same('2026-03-01', '2026-03-01T00:00:00.000Z')).toBe(true);
		expect(KINDS.dateTime.same('2026-03-01', '2026-03-02T00:00:00Z')).toBe(false);
		expect(KINDS.number.same(500, '500')).toBe(true);
		expect(KINDS.number.same(500, 501)).toBe(false);
		expect(KINDS.string.same('', null)).toBe(true);
		expect(KINDS.boolean.same(false, null)).toBe(true);
		expect(KINDS.boolean.same(true, null)).toBe(false);
	});
});
