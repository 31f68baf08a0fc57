// @ts-check
'use strict';
/**
 * The payroll export of the integration host (sandbox/payroll.js) over real HTTP: one summary per
 * person and day from the generated hours, the data filters, the 45-day limit, Modified Since, and
 * the fault switches.
 */
const { startSandbox, FEED_CLIENT } = require('../../sandbox/server');
const { getToken, call } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {string} */
let token;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	token = await getToken(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset('demo'));

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const dayOf = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);
const READONLY = '/core/api/payroll-export/readonly';
/** @param {Record<string, string | number>} query @param {{ path?: string, as?: string, method?: string }} [options] */
const exportOf = (query, { path = READONLY, as = token, method = 'GET' } = {}) =>
	call(sb, method, `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, { token: as });
const month = { fromWorkDate: dayOf(today - 30 * DAY), toWorkDate: dayOf(today) };
/** The person hours of one day in the generated data, summed per person. @param {(r: Record<string, any>) => boolean} [keep] */
function hoursByPersonAndDay(keep = () => true) {
	/** @type {Map<string, number>} */
	const sums = new Map();
	for (const r of sb.registrations.live('time')) {
		if (r.resourceTypeName !== 'Human' || !keep(r)) continue;
		const key = `${r.userId}|${r.workDate}`;
		sums.set(key, (sums.get(key) ?? 0) + r.qty);
	}
	return sums;
}
/** @param {Array<Record<string, any>>} summaries */
const keysOf = (summaries) => summaries.map((s) => `${s.userId}|${s.transDateTime}`).sort();

test('one summary per person and work day, in day order, with the hours split into normal time and overtime', async () => {
	const { status, body } = await exportOf({ ...month, dataFilter: 10 });
	expect(status).toBe(200);
	const sums = hoursByPersonAndDay();
	expect(keysOf(body)).toEqual([...sums.keys()].sort());
	const days = body.map((/** @type {{ transDateTime: string }} */ s) => Date.parse(s.transDateTime));
	expect(days).toEqual([...days].sort((a, b) => a - b));
	for (const s of body) {
		expect(s.qty).toBeCloseTo(/** @type {number} */ (sums.get(`${s.userId}|${s.transDateTime}`)), 2);
		expect(s.standardQty + s.overtime50Qty + s.overtime100Qty).toBeCloseTo(s.qty, 2);
		expect(s.standardQty).toBeLessThanOrEqual(7.5);
		expect(s.overtimeLines.map((/** @type {{ qty: number }} */ l) => l.qty)).toEqual([s.overtime50Qty, s.overtime100Qty].filter(Boolean));
		expect(s).toMatchObject({ userName: expect.any(String), employeeNumber: expect.any(String), modifiedDateTime: expect.stringMatching(/Z$/) });
	}
	const withOvertime = body.find((/** @type {{ overtimeLines: unknown[] }} */ s) => s.overtimeLines.length);
	expect(withOvertime.overtimeLines[0]).toEqual({ payrollTypeId: expect.any(String), name: 'Overtid 50%', lineType: 20, overtimeType: 0, sorting: 1, qty: withOvertime.overtime50Qty });
});

test('deleted registrations count for nothing', async () => {
	const target = sb.registrations.live('time')[0];
	const before = (await exportOf({ ...month, dataFilter: 10 })).body;
	sb.registrations.remove('time', target.id);
	const after = (await exportOf({ ...month, dataFilter: 10 })).body;
	const key = `${target.userId}|${target.workDate}`;
	const find = (/** @type {Array<Record<string, any>>} */ list) => list.find((s) => `${s.userId}|${s.transDateTime}` === key);
	expect(find(after)?.qty ?? 0).toBeCloseTo(find(before).qty - target.qty, 2);
});

test.each([
	['0 (the default): payroll-approved days', {}, (/** @type {Record<string, any>} */ r) => r.payrollApproved === true],
	['5: locked days', { dataFilter: 5 }, (/** @type {Record<string, any>} */ r) => r.locked === true],
	['10: every day', { dataFilter: 10 }, () => true],
])('dataFilter %s', async (_name, filter, keep) => {
	const { body } = await exportOf({ ...month, ...filter });
	const expected = [...hoursByPersonAndDay(keep).keys()].sort();
	expect(expected.length).toBeGreaterThan(0);
	expect(keysOf(body)).toEqual(expected);
});

test('a range may span at most 45 days, both ends counted: 46 is refused with Ditio\'s message', async () => {
	const from = today - 60 * DAY;
	expect((await exportOf({ fromWorkDate: dayOf(from), toWorkDate: dayOf(from + 44 * DAY) })).status).toBe(200);
	expect(await exportOf({ fromWorkDate: dayOf(from), toWorkDate: dayOf(from + 45 * DAY) })).toMatchObject({
		status: 400, body: { error: 'InvalidArgument', message: 'The date range can span at most 45 days' },
	});
	expect((await exportOf({ fromWorkDate: dayOf(today), toWorkDate: dayOf(today - DAY) })).status).toBe(400);
	expect((await exportOf({ fromWorkDate: 'monday' })).status).toBe(400);
	expect((await exportOf({ ...month, dataFilter: 3 })).status).toBe(400);
});

test('without dates: the 14 days before today', async () => {
	const { body } = await exportOf({ dataFilter: 10 });
	const days = body.map((/** @type {{ transDateTime: string }} */ s) => Date.parse(s.transDateTime));
	expect(days.length).toBeGreaterThan(0);
	expect(Math.min(...days)).toBeGreaterThanOrEqual(today - 14 * DAY);
	const older = [...hoursByPersonAndDay().keys()].filter((k) => Date.parse(k.split('|')[1]) < today - 14 * DAY);
	expect(older.length).toBeGreaterThan(0);
});

test('modifiedSinceDate keeps the days changed since then, and may be at most a year back', async () => {
	const target = sb.registrations.live('time').find((r) => r.locked);
	sb.registrations.update('time', target.id, { qty: target.qty + 1 });
	const { body } = await exportOf({ ...month, dataFilter: 10, modifiedSinceDate: dayOf(today) });
	expect(keysOf(body)).toEqual([`${target.userId}|${target.workDate}`]);
	expect((await exportOf({ ...month, modifiedSinceDate: dayOf(today - 400 * DAY) })).body).toMatchObject({ message: 'modifiedSinceDate can be at most one year back' });
});

test('/readonly and the plain export answer alike; the export is GET only and needs scope ditioapiv3', async () => {
	const plain = await exportOf(month, { path: '/core/api/payroll-export' });
	expect(plain.body).toEqual((await exportOf(month)).body);
	expect((await exportOf(month, { method: 'POST' })).status).toBe(405);
	expect((await exportOf(month, { as: '' })).status).toBe(401);
	expect((await exportOf(month, { as: await getToken(sb, FEED_CLIENT, 'reportingapiv1') })).status).toBe(403);
});

test('fault switches: a part lost mid-export (503), then answered when asked again; a 429 with Retry-After', async () => {
	const from = today - 60 * DAY;
	const parts = [{ fromWorkDate: dayOf(from), toWorkDate: dayOf(from + 44 * DAY) }, { fromWorkDate: dayOf(from + 45 * DAY), toWorkDate: dayOf(today) }];
	sb.injectFaults([{ status: 503, pathIncludes: 'payroll-export', after: 1 }]);
	expect((await exportOf(parts[0])).status).toBe(200);
	expect(await exportOf(parts[1])).toMatchObject({ status: 503, body: { error: 'ServerError' } });
	expect((await exportOf(parts[1])).status).toBe(200);

	sb.injectFaults([{ status: 429, retryAfter: 2, pathIncludes: 'payroll-export' }]);
	const limited = await exportOf(parts[0]);
	expect(limited).toMatchObject({ status: 429, body: { error: 'TooManyRequests' } });
	expect(limited.headers.get('retry-after')).toBe('2');
	expect((await exportOf(parts[0])).status).toBe(200);
});
