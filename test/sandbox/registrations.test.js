// @ts-check
'use strict';
/**
 * The Data Extraction API's registration datasets (sandbox/registrations.js) over real HTTP: the
 * generated month, the documented filters, page size and continuation, tombstones, and the fault
 * switches an export meets (a page lost mid-export, 429).
 */
const { startSandbox, DEMO_IDS, FEED_CLIENT } = require('../../sandbox/server');
const { Registrations, PEOPLE } = require('../../sandbox/registrations');
const { getToken, call } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {string} */
let token;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	token = await getToken(sb, FEED_CLIENT, 'ditioapiv3 reportingapiv1');
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.reset('demo');
	sb.registrations.defaultChunk = 2500;
});

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const TIME = '/reporting/v1/time-registrations';
const MACHINE = '/reporting/v1/machine-registrations';
const ABSENCE = '/reporting/v1/absence-registrations';
/** @param {string} path @param {Record<string, string | number | boolean>} [query] @param {string} [as] */
const get = (path, query = {}, as = token) =>
	call(sb, 'GET', `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, { token: as });
/** Every page of one read, following continuationToken. @param {string} path @param {Record<string, string | number | boolean>} query */
async function readAll(path, query) {
	const pages = [];
	/** @type {string | null} */
	let next = null;
	do {
		const { status, body } = await get(path, { ...query, ...(next && { ContinuationToken: next }) });
		expect(status).toBe(200);
		pages.push(body);
		next = body.continuationToken;
	} while (next);
	return { pages, records: pages.flatMap((p) => p.data) };
}
/** @typedef {{ record: Record<string, any>, modified: number, deleted?: number, owner: string }} Entry */
/** @param {'time' | 'machine' | 'absence'} dataset @returns {Entry[]} */
const entries = (dataset) => [...sb.registrations.data[dataset].values()];
/** @param {Array<{ id: string }>} rows */
const ids = (rows) => rows.map((r) => r.id).sort();

describe('the generated month', () => {
	test('every person each weekday of the 30 days before today, on active work orders of active projects', () => {
		const time = sb.registrations.live('time');
		const days = new Set(time.map((r) => r.workDate));
		for (const day of days) {
			const at = Date.parse(day);
			expect(at).toBeLessThan(today);
			expect(at).toBeGreaterThanOrEqual(today - 30 * DAY);
			expect([0, 6]).not.toContain(new Date(at).getUTCDay());
		}
		expect(days.size).toBeGreaterThanOrEqual(20);
		expect(new Set(time.map((r) => r.userName))).toEqual(new Set(PEOPLE.map(([name]) => name)));
		for (const r of time) {
			const task = sb.store.tasks.get(r.taskId);
			expect(task).toMatchObject({ active: true, externalId: r.taskWbsNumber, projectId: r.projectId });
			expect(sb.store.projects.get(r.projectId)).toMatchObject({ active: true, projectNumber: r.projectNumber });
		}
		expect(sb.registrations.live('machine').length).toBeGreaterThan(0);
		expect(sb.registrations.live('absence').length).toBe(days.size);
	});

	test('approval follows the work: foreman after three days, payroll after a week, locked after two', () => {
		for (const r of sb.registrations.live('time')) {
			const age = (today - Date.parse(r.workDate)) / DAY;
			expect([r.approved, r.payrollApproved, r.locked]).toEqual([age >= 4, age >= 7, age >= 14]);
			if (r.locked) expect(r.payrollApproved && r.approved).toBe(true);
		}
	});

	test('some registrations were corrected and some deleted a day ago; the same seed gives the same data', () => {
		const time = entries('time');
		expect(time.filter((e) => e.deleted !== undefined).length).toBeGreaterThan(0);
		expect(time.filter((e) => e.deleted === undefined && e.record.amount !== e.record.qty * 650).length).toBe(0);
		expect(time.filter((e) => e.deleted === undefined && e.modified >= Date.now() - DAY - 60_000).length).toBeGreaterThan(0);
		const again = new Registrations(sb.registrations.catalogue);
		again.generate({ now: Date.now() });
		expect(again.live('time').map((r) => [r.id, r.qty, r.taskId])).toEqual(sb.registrations.live('time').map((r) => [r.id, r.qty, r.taskId]));
	});
});

describe('filters', () => {
	test('From and To are inclusive, on the work date', async () => {
		const day = sb.registrations.live('time')[0].workDate.slice(0, 10);
		const { body } = await get(TIME, { FromDateTime: `${day}T00:00:00Z`, ToDateTime: `${day}T23:59:59Z` });
		expect(body.syncTypeName).toBe('full');
		expect(ids(body.data)).toEqual(ids(sb.registrations.live('time').filter((r) => r.workDate.startsWith(day))));
		const midnight = await get(TIME, { FromDateTime: `${day}T00:00:00Z`, ToDateTime: `${day}T00:00:00Z` });
		expect(midnight.body.data.length).toBe(body.data.length);
	});

	test('machine registrations: on the stop time, From and To only together', async () => {
		const machine = sb.registrations.live('machine');
		const day = machine[0].stopDateTime.slice(0, 10);
		const { body } = await get(MACHINE, { FromDateTime: `${day}T00:00:00Z`, ToDateTime: `${day}T23:59:59Z` });
		expect(ids(body.data)).toEqual(ids(machine.filter((r) => r.stopDateTime.startsWith(day))));
		const half = await get(MACHINE, { FromDateTime: `${day}T00:00:00Z` });
		expect(half).toMatchObject({ status: 400, body: { error: 'InvalidArgument', message: 'FromDateTime and ToDateTime must be given together' } });
	});

	test('ProjectId, OwnCompanyDataOnly and ExcludeDataFromSubsidiaries', async () => {
		const project = await get(TIME, { ProjectId: DEMO_IDS.projectBarnehage });
		expect(project.body.data.length).toBeGreaterThan(0);
		expect(ids(project.body.data)).toEqual(ids(sb.registrations.live('time').filter((r) => r.projectId === DEMO_IDS.projectBarnehage)));
		const live = entries('time').filter((e) => e.deleted === undefined);
		for (const [parameter, owner] of [['OwnCompanyDataOnly', 'external'], ['ExcludeDataFromSubsidiaries', 'subsidiary']]) {
			const { body } = await get(TIME, { [parameter]: true });
			const expected = live.filter((e) => e.owner !== owner);
			expect(expected.length).toBeLessThan(live.length);
			expect(ids(body.data)).toEqual(ids(expected.map((e) => e.record)));
		}
	});

	test('absence registrations: Approved, ApprovedPayroll and Locked', async () => {
		const absence = sb.registrations.live('absence');
		for (const [parameter, field] of [['Approved', 'approved'], ['ApprovedPayroll', 'payrollApproved'], ['Locked', 'locked']]) {
			for (const value of [true, false]) {
				const { body } = await get(ABSENCE, { [parameter]: value });
				expect(ids(body.data)).toEqual(ids(absence.filter((r) => r[field] === value)));
			}
		}
		expect(absence.some((r) => r.locked) && absence.some((r) => !r.payrollApproved)).toBe(true);
	});

	test('ModifiedSince and ModifiedBefore bound the modified time; ModifiedBefore needs ModifiedSince and must be later', async () => {
		const since = Date.now() - DAY - 60_000;
		const before = Date.now() - DAY + 60_000;
		const { body } = await get(TIME, { ModifiedSince: new Date(since).toISOString(), ModifiedBefore: new Date(before).toISOString() });
		expect(body.syncTypeName).toBe('incremental');
		const expected = entries('time').filter((e) => e.modified >= since && e.modified < before);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(body.data)).toEqual(ids(expected.map((e) => e.record)));
		expect(await get(TIME, { ModifiedBefore: new Date(before).toISOString() })).toMatchObject({ status: 400, body: { error: 'ArgumentIsNull' } });
		const backwards = await get(TIME, { ModifiedSince: new Date(before).toISOString(), ModifiedBefore: new Date(since).toISOString() });
		expect(backwards).toMatchObject({ status: 400, body: { message: 'ModifiedBefore must be later than ModifiedSince' } });
		expect((await get(TIME, { FromDateTime: 'last monday' })).status).toBe(400);
	});
});

describe('pages', () => {
	test('ChunkLimit defaults to 2500 and is clamped to 1-10000, not refused', async () => {
		sb.registrations.defaultChunk = 3;
		expect((await get(TIME)).body.data.length).toBe(3);
		expect((await get(TIME, { ChunkLimit: 0 })).body.data.length).toBe(1);
		const all = sb.registrations.live('time').length;
		expect((await get(TIME, { ChunkLimit: 1_000_000 })).body).toMatchObject({ continuationToken: null, recordCount: all });
	});

	test('a full read follows continuationToken to every live record once, in work-date order, cut at the chunk exactly', async () => {
		const { pages, records } = await readAll(TIME, { ChunkLimit: 25 });
		expect(ids(records)).toEqual(ids(sb.registrations.live('time')));
		expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
		expect(pages.slice(0, -1).every((p) => p.data.length === 25)).toBe(true);
		const dates = records.map((r) => Date.parse(r.workDate));
		expect(dates).toEqual([...dates].sort((a, b) => a - b));
		// links.next is relative to the API's root, without /reporting, and holds the same cursor.
		expect(pages[0].links.next).toMatch(/^\/v1\/time-registrations\?/);
		expect(new URL(pages[0].links.next, 'http://x').searchParams.get('ContinuationToken')).toBe(pages[0].continuationToken);
	});

	test('an incremental page never splits one modified time, and the pages join without a gap or a repeat', async () => {
		const at = Date.now() - 5 * 60_000;
		const time = sb.registrations.live('time').slice(0, 6);
		for (const r of time) sb.registrations.update('time', r.id, { description: 'rettet' }, at);
		const since = new Date(at - 1000).toISOString();
		const first = await get(TIME, { ModifiedSince: since, ChunkLimit: 4 });
		expect(first.body.data.length).toBe(6);
		const { records } = await readAll(TIME, { ModifiedSince: new Date(0).toISOString(), ChunkLimit: 7 });
		expect(ids(records)).toEqual(ids(entries('time').map((e) => e.record)));
		const modified = records.map((r) => Date.parse(r.modifiedDateTime));
		expect(modified).toEqual([...modified].sort((a, b) => a - b));
	});

	test('a cursor is refused for other parameters, for the other kind of sync, and when it is not one', async () => {
		const full = await get(TIME, { ChunkLimit: 5 });
		const next = full.body.continuationToken;
		expect(await get(TIME, { ChunkLimit: 5, ProjectId: DEMO_IDS.projectFjellhall, ContinuationToken: next })).toMatchObject({
			status: 400, body: { message: 'ContinuationToken was issued for other parameters' },
		});
		expect(await get(TIME, { ModifiedSince: new Date(0).toISOString(), ContinuationToken: next })).toMatchObject({
			status: 400, body: { message: 'ContinuationToken belongs to a full sync, this is a incremental sync' },
		});
		expect((await get(TIME, { ContinuationToken: 'not-a-cursor' })).status).toBe(400);
		// The cursor goes back exactly: a changed ChunkLimit is no other read.
		expect((await get(TIME, { ChunkLimit: 9, ContinuationToken: next })).status).toBe(200);
	});
});

describe('deletions', () => {
	test('only an incremental read has them, as tombstones: id, isDeleted, deletedDateTime, modifiedDateTime, the rest empty', async () => {
		const deleted = entries('time').filter((e) => e.deleted !== undefined);
		const full = await readAll(TIME, {});
		expect(full.records.some((r) => r.isDeleted)).toBe(false);
		expect(full.pages[0].deletedRecordCount).toBe(0);

		const { pages, records } = await readAll(TIME, { ModifiedSince: new Date(0).toISOString() });
		const tombstones = records.filter((r) => r.isDeleted === true);
		expect(ids(tombstones)).toEqual(ids(deleted.map((e) => e.record)));
		expect(pages.reduce((n, p) => n + p.deletedRecordCount, 0)).toBe(deleted.length);
		for (const t of tombstones) {
			const { id, isDeleted, deletedDateTime, modifiedDateTime, ...rest } = t;
			expect(deletedDateTime).toBe(modifiedDateTime);
			expect(Object.values(rest).every((v) => v === null)).toBe(true);
			expect(Object.keys(rest)).toContain('qty');
		}
	});

	test('a deletion made now comes in a read since just before, whatever the window or project', async () => {
		const target = sb.registrations.live('time')[0];
		const since = new Date(Date.now() - 1000).toISOString();
		sb.registrations.remove('time', target.id);
		const { body } = await get(TIME, { ModifiedSince: since, ProjectId: DEMO_IDS.projectBarnehage, FromDateTime: '2000-01-01T00:00:00Z' });
		expect(body.data).toEqual([expect.objectContaining({ id: target.id, isDeleted: true })]);
	});
});

describe('access and fault switches', () => {
	test('needs a token with reportingapiv1', async () => {
		expect((await get(TIME, {}, '')).status).toBe(401);
		expect((await get(TIME, {}, await getToken(sb, FEED_CLIENT, 'ditioapiv3'))).status).toBe(403);
	});

	test('a page lost mid-export: the third page fails, and asked again with the same cursor it comes', async () => {
		sb.injectFaults([{ status: 503, pathIncludes: 'time-registrations', after: 2 }]);
		const first = await get(TIME, { ChunkLimit: 10 });
		const second = await get(TIME, { ChunkLimit: 10, ContinuationToken: first.body.continuationToken });
		const lost = await get(TIME, { ChunkLimit: 10, ContinuationToken: second.body.continuationToken });
		expect(lost).toMatchObject({ status: 503, body: { error: 'ServerError' } });
		const again = await get(TIME, { ChunkLimit: 10, ContinuationToken: second.body.continuationToken });
		expect(again.status).toBe(200);
		expect(again.body.data.length).toBe(10);
	});

	test('429 with Retry-After on the registration datasets', async () => {
		sb.injectFaults([{ status: 429, retryAfter: 3, pathIncludes: 'registrations' }]);
		const limited = await get(ABSENCE);
		expect(limited).toMatchObject({ status: 429, body: { error: 'TooManyRequests' } });
		expect(limited.headers.get('retry-after')).toBe('3');
		expect((await get(ABSENCE)).status).toBe(200);
	});
});
