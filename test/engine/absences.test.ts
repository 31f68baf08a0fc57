/**
 * Absence resource (push side), engine tier: Create or Update by External ID (201 created, 200
 * updated → outcome), Get, Delete, plain dates from whatever a user writes, Day Adjustments, the
 * configurable path, External IDs with `/` as one encoded segment, and Ditio's refusals (a settled
 * day, an ambiguous type code, a token without ditioapiv3) shown as Ditio answers them, never resent.
 */
import { readFileSync } from '../host/fs';
import { join } from '../host/path';
import { ROOT } from '../host/repo';

import Ajv from 'ajv';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { apiRequests } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const held = (externalId: string): Record<string, any> | undefined => [...ditio.sandbox.store.absences.values()].find((a) => a.externalId === externalId);
/** "POST v5 integration absences": the path after /core/api, decoded. */
const routeOf = (r: { method: string; segments: string[] }) => [r.method, ...r.segments.slice(2)].join(' ');

beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.sandbox.clearRequests();
});

const ajv = new Ajv({ allErrors: true });
function expectSchema(operation: string, json: object) {
	const schema = JSON.parse(readFileSync(join(ROOT, 'dist', 'nodes', 'Ditio', '__schema__', 'v1.0.0', 'absence', `${operation}.json`), 'utf8')) as object;
	const validate = ajv.compile(schema);
	expect({ json, errors: validate(json) ? null : validate.errors }).toEqual({ json, errors: null });
}

const upsert = (extra: Record<string, unknown> = {}) => ({
	resource: 'absence',
	operation: 'upsert',
	externalId: '={{ $json.ext }}',
	employeeNumber: '={{ $json.nr }}',
	absenceTypeBy: 'code',
	absenceTypeCode: '={{ $json.code }}',
	startDate: '={{ $json.start }}',
	endDate: '={{ $json.end }}',
	additionalFields: {},
	options: {},
	...extra,
});
/** Monday 2 March to Sunday 8 March 2026. */
const week = (extra: Record<string, unknown> = {}) => ({ ext: '884213/1/7', nr: '1001', code: '710', start: '2026-03-02', end: '2026-03-08', ...extra });
const byExternalId = (operation: string, externalId: string, options = {}) => ({ resource: 'absence', operation, externalId, options });

describe('Create or Update', () => {
	test('201 is created and 200 updated; dates go as yyyy-MM-dd whatever the user wrote; Day Adjustments and Approved are sent', async () => {
		const first = await ditio.run(
			upsert({
				startDate: '={{ DateTime.fromISO($json.start, { zone: "Europe/Oslo" }) }}',
				additionalFields: { approved: true, hoursPerDay: '7,5', comment: 'Sykemeldt' },
				days: { day: [{ date: '2026-03-03', qty: 4 }, { date: '07.03.2026', qty: 3 }] },
			}),
			[week({ start: '2026-03-02T00:00:00', end: '08.03.2026' })],
		);
		expect(first.error).toBeUndefined();
		expect(apiRequests().map(routeOf)).toEqual(['POST v5 integration absences']);
		expect(apiRequests()[0].body).toEqual({
			externalId: '884213/1/7',
			employeeNumber: '1001',
			absenceTypeCode: '710',
			startDate: '2026-03-02',
			endDate: '2026-03-08',
			approved: true,
			hoursPerDay: 7.5,
			comment: 'Sykemeldt',
			days: [{ date: '2026-03-03', qty: 4 }, { date: '2026-03-07', qty: 3 }],
		});
		const [created] = jsonOf(first.items);
		expect(created).toMatchObject({ outcome: 'created', externalId: '884213/1/7', daysQty: 6, absenceTypeName: 'Sykemelding', approved: true });
		expectSchema('upsert', created);

		ditio.sandbox.clearRequests();
		const again = await ditio.run(upsert({ additionalFields: { approved: false } }), [week({ ext: '  884213/1/7 ', start: '2026-03-02T23:30:00+01:00' })]);
		const [updated] = jsonOf(again.items);
		expect(Object.keys(updated)[0]).toBe('outcome');
		// Approved applies only on create; the External ID is trimmed, the date taken as written.
		expect(updated).toMatchObject({ outcome: 'updated', externalId: '884213/1/7', approved: true, daysQty: 5, startDate: '2026-03-02' });
		expect(ditio.sandbox.store.absences.size).toBe(1);
	});

	test('the type by ID instead of code; an ambiguous code is Ditio\'s 400 with the candidates, on that item only', async () => {
		const [, , ferie] = ditio.sandbox.store.absenceTypes;
		const { items, error } = await ditio.run(upsert({ absenceTypeBy: '={{ $json.by }}', absenceTypeId: '={{ $json.id }}' }), [
			week({ ext: 'A-1', by: 'id', id: ferie.id, code: '' }),
			week({ ext: 'A-2', by: 'code', code: '750' }),
		], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(apiRequests()[0].body).toMatchObject({ absenceTypeId: ferie.id });
		expect(apiRequests()[0].body).not.toHaveProperty('absenceTypeCode');
		const [byId, ambiguous] = jsonOf(items);
		expect(byId).toMatchObject({ outcome: 'created', absenceTypeName: 'Ferie' });
		expect(ambiguous).toMatchObject({ httpCode: '400', itemIndex: 1 });
		expect(String(ambiguous.error)).toMatch(/^Ditio answered 400: Validation failed: AbsenceTypeCode: Absence type code 750 matches 2 active types: 750 Permisjon med lønn/);
	});

	test('bad input fails before any request, naming field and item: end before start, a day outside the period, no type code, hours over 24', async () => {
		const rows = [
			week({ ext: 'OK' }),
			week({ end: '2026-03-01' }),
			week({ day: '2026-03-20' }),
			week({ code: ' ' }),
			week({ hours: 25 }),
		];
		const parameters = upsert({
			days: { day: [{ date: '={{ $json.day ?? $json.start }}', qty: 1 }] },
			additionalFields: { hoursPerDay: '={{ $json.hours ?? 7.5 }}' },
		});
		const { error } = await ditio.run(parameters, rows);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Invalid End Date (endDate): 2026-03-01 is before Start Date 2026-03-02');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(apiRequests()).toHaveLength(0);

		const { items } = await ditio.run(parameters, rows, { continueOnFail: true });
		expect(jsonOf(items).map((j) => j.error ?? j.outcome)).toEqual([
			'created',
			'Invalid End Date (endDate): 2026-03-01 is before Start Date 2026-03-02',
			'Day Adjustments → Day 1: 2026-03-20 is outside the period 2026-03-02 to 2026-03-08',
			'Invalid Absence Type Code (absenceTypeCode): it is empty, and Ditio requires it',
			'Invalid Hours per Day (hoursPerDay): 25 is outside 0 to 24 hours',
		]);
		expect(apiRequests()).toHaveLength(1);
	});

	test('a settled day changed is refused as Ditio answers it (409, its message, a hint) and not sent again; unchanged, the push goes through', async () => {
		await ditio.run(upsert(), [week()]);
		ditio.sandbox.settleAbsenceDay({ externalId: '884213/1/7', date: '2026-03-03', state: 'payrollApproved' });
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(upsert({ days: { day: [{ date: '2026-03-03', qty: 2 }] } }), [week()]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe('Ditio answered 409: Fraværsdagen 2026-03-03 er lønnsgodkjent og kan ikke endres (7.5 timer) (AbsenceDaySettled)');
		expect(error!.description).toMatch(/approved for payroll or locked.*will not change by running again/);
		expect((error as NodeApiError).httpCode).toBe('409');
		expect(apiRequests()).toHaveLength(1);

		const { items } = await ditio.run(upsert({ additionalFields: { comment: 'Forlenget' } }), [week({ end: '2026-03-10' })]);
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'updated', comment: 'Forlenget', daysQty: 7 });
	});
});

describe('Get and Delete', () => {
	test('an External ID with / reaches Ditio as one encoded segment; Get reads it, Delete cancels it, a second Delete is 404', async () => {
		await ditio.run(upsert(), [week()]);
		ditio.sandbox.clearRequests();
		const got = await ditio.run(byExternalId('get', '884213/1/7'));
		expect(got.error).toBeUndefined();
		expect(jsonOf(got.items)[0]).toMatchObject({ externalId: '884213/1/7', employeeNumber: '1001', daysQty: 5 });
		expectSchema('get', jsonOf(got.items)[0]);
		expect(apiRequests()[0].path).toBe('/core/api/v5/integration/absences/884213%2F1%2F7');

		const deleted = await ditio.run(byExternalId('delete', ' 884213/1/7 '));
		expect(jsonOf(deleted.items)).toEqual([{ deleted: true, externalId: '884213/1/7' }]);
		expectSchema('delete', jsonOf(deleted.items)[0]);
		expect(held('884213/1/7')).toBeUndefined();

		const again = await ditio.run(byExternalId('delete', '884213/1/7'), undefined, { continueOnFail: true });
		expect(jsonOf(again.items)[0]).toMatchObject({ httpCode: '404', error: 'Ditio answered 404: Fravær med externalId 884213/1/7 finnes ikke (NotFound)' });
	});

	test('External IDs are case-sensitive: another case is another absence', async () => {
		await ditio.run(upsert(), [week({ ext: 'ABC-1' })]);
		const { items } = await ditio.run(byExternalId('get', 'abc-1'), undefined, { continueOnFail: true });
		expect(jsonOf(items)[0]).toMatchObject({ httpCode: '404' });
		expect(String(jsonOf(items)[0].description)).toMatch(/case-sensitive/);
	});

	test('an absence with a settled day cannot be deleted: the item fails with Ditio\'s 409, once', async () => {
		await ditio.run(upsert(), [week()]);
		ditio.sandbox.settleAbsenceDay({ externalId: '884213/1/7', date: '2026-03-04', state: 'locked' });
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(byExternalId('delete', '884213/1/7'));
		expect(error!.message).toBe('Ditio answered 409: Fraværet kan ikke slettes: dagen 2026-03-04 er låst (AbsenceDaySettled)');
		expect(apiRequests()).toHaveLength(1);
		expect(held('884213/1/7')).toBeDefined();
	});
});

describe('Options → Absence API Path, and the scope', () => {
	test('the default is /api/v5/integration/absences; Unversioned sends to /api/integration/absences, for every operation', async () => {
		const unversioned = { absencePath: 'unversioned' };
		await ditio.run(upsert({ options: unversioned }), [week()]);
		await ditio.run(byExternalId('get', '884213/1/7', unversioned));
		await ditio.run(byExternalId('delete', '884213/1/7', unversioned));
		await ditio.run(byExternalId('get', '884213/1/7'), undefined, { continueOnFail: true });
		expect(apiRequests().map(routeOf)).toEqual([
			'POST integration absences',
			'GET integration absences 884213/1/7',
			'DELETE integration absences 884213/1/7',
			'GET v5 integration absences 884213/1/7',
		]);
	});

	test('a 401 that a new token does not fix (a token without ditioapiv3) fails with the likely causes, after one renewal', async () => {
		ditio.sandbox.injectFaults([{ status: 401, count: 5, pathIncludes: 'absences' }]);
		const { error } = await ditio.run(byExternalId('get', '884213/1/7'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(error!.description).toMatch(/scope ditioapiv3/);
		expect(apiRequests().filter((r) => r.path.includes('absences'))).toHaveLength(2);
	});
});
