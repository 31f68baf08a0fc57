/**
 * Hours out of Ditio, engine tier: Time, Machine and Absence Registration → Get Many on the Data
 * Extraction API and Payroll → Get Summaries on the payroll export, against the sandbox's
 * generated month of registrations. Assertions look at what the node outputs and what Ditio
 * (the sandbox) was sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byId, byNumber, DEMO_IDS, fromList, jsonOf, useDitio } from './support/ditio';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FEED_CLIENT } = require('../../sandbox/server');

const ditio = useDitio('demo');
const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = Math.floor(Date.now() / DAY) * DAY;

interface Logged {
	reporting?: boolean;
	api: boolean;
	method: string;
	path: string;
	segments: string[];
}
const log = () => ditio.sandbox.requests as Logged[];
const reportingRequests = () => log().filter((r) => r.reporting);
const queryOf = (r: Logged) => new URL(r.path, 'http://x').searchParams;

let feedCredential: string;
beforeAll(() => {
	feedCredential = ditio.credential({
		clientId: FEED_CLIENT.clientId,
		clientSecret: FEED_CLIENT.clientSecret,
		reportingApi: true,
		reportingBaseUrl: ditio.sandbox.reportingBaseUrl,
	});
});
beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.sandbox.registrations.defaultChunk = 2500;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const records = (dataset: string): Array<Record<string, any>> => ditio.sandbox.registrations.live(dataset);
const run = (parameters: INodeParameters, options: { continueOnFail?: boolean; items?: IDataObject[] } = {}) =>
	ditio.run(parameters, options.items, { credentialsId: feedCredential, continueOnFail: options.continueOnFail });
const month = { window: 'workDate', fromDate: dayOf(today - 40 * DAY), toDate: dayOf(today) };
const timeGetAll = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'timeRegistration', operation: 'getAll', ...month, ...extra });
const changedSince = (extra: INodeParameters = {}): INodeParameters =>
	timeGetAll({ window: 'changedSince', modifiedSince: '2000-01-01T00:00:00Z', ...extra });

type Reply = { status: number; body?: { continuationToken?: string | null } };
/**
 * Runs `change` in the sandbox right after it served its first page of time registrations, as a
 * registration changed in Ditio while a long export is read; `replies` are the pages it sent.
 */
function betweenPages(change: () => void): { replies: Reply[] } {
	const registrations = ditio.sandbox.registrations;
	const list = registrations.list.bind(registrations);
	const replies: Reply[] = [];
	jest.spyOn(registrations, 'list').mockImplementation((...args: unknown[]) => {
		const reply = list(...args) as Reply;
		replies.push(reply);
		if (replies.length === 1) change();
		return reply;
	});
	return { replies };
}
afterEach(() => jest.restoreAllMocks());

describe('Time Registration → Get Many', () => {
	test('a work-date window returns every live registration once, paged by ChunkLimit with the token passed back', async () => {
		const { items, error } = await run(timeGetAll({ options: { pageSize: 25, simplify: false } }));
		expect(error).toBeUndefined();
		const expected = records('time');
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.map((r) => r.id).sort());
		const pages = reportingRequests();
		expect(pages.length).toBe(Math.ceil(expected.length / 25));
		expect(queryOf(pages[0]).get('ContinuationToken')).toBeNull();
		for (const page of pages) {
			expect(queryOf(page).get('ChunkLimit')).toBe('25');
			expect(queryOf(page).get('FromDateTime')).toBe(`${month.fromDate}T00:00:00Z`);
			expect(queryOf(page).get('ToDateTime')).toBe(`${month.toDate}T23:59:59Z`);
		}
		expect(pages.slice(1).every((p) => queryOf(p).get('ContinuationToken'))).toBe(true);
		// Every output item is paired with the one input item.
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('each page asks with exactly the continuation token the page before it gave', async () => {
		const { replies } = betweenPages(() => undefined);
		const { error } = await run(timeGetAll({ options: { pageSize: 30 } }));
		expect(error).toBeUndefined();
		const given = replies.map((r) => r.body?.continuationToken);
		expect(given.length).toBeGreaterThan(2);
		expect(given.at(-1)).toBeNull();
		expect(reportingRequests().map((r) => queryOf(r).get('ContinuationToken'))).toEqual([null, ...given.slice(0, -1)]);
	});

	test.each([
		[{}, '2500'],
		[{ pageSize: 10000 }, '10000'],
	])('Page Size %j is sent as ChunkLimit %s', async (options, chunk) => {
		const { error } = await run(timeGetAll({ options }));
		expect(error).toBeUndefined();
		expect(queryOf(reportingRequests()[0]).get('ChunkLimit')).toBe(chunk);
	});

	test('Simplify off returns the whole record as Ditio sent it', async () => {
		const { items } = await run(timeGetAll({ options: { simplify: false } }));
		const byIdInSandbox = new Map(records('time').map((r) => [r.id, r]));
		expect(items.length).toBe(byIdInSandbox.size);
		for (const { json } of items.slice(0, 20)) expect(json).toEqual(byIdInSandbox.get(json.id as string));
		expect(items[0].json).toMatchObject({ amount: expect.any(Number), unitPrice: expect.any(Number), invoiced: false });
	});

	test('To Date is inclusive through the end of that day; From Date from its start', async () => {
		const day = records('time')[0].workDate.slice(0, 10);
		const { items } = await run(timeGetAll({ fromDate: day, toDate: day }));
		expect(items.length).toBe(records('time').filter((r) => r.workDate.startsWith(day)).length);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((i) => String(i.json.workDate).startsWith(day))).toBe(true);
	});

	test('Simplify (default) keeps ids, dates, person, project, work order, quantities and approval state', async () => {
		const { items } = await run(timeGetAll());
		expect(Object.keys(items[0].json)).toEqual(
			expect.arrayContaining(['id', 'workDate', 'userName', 'projectNumber', 'taskWbsNumber', 'qty', 'approved', 'payrollApproved', 'locked']),
		);
		expect(items[0].json.costAmount).toBeUndefined();
		expect(items[0].json.descriptionInternal).toBeUndefined();
	});

	test.each([
		['approved', (r: Record<string, unknown>) => r.approved === true],
		['notApproved', (r: Record<string, unknown>) => r.approved === false],
		['payrollApproved', (r: Record<string, unknown>) => r.payrollApproved === true],
		['locked', (r: Record<string, unknown>) => r.locked === true],
	])('Approval %s keeps exactly those registrations', async (approval, wanted) => {
		const { items } = await run(timeGetAll({ filters: { approval } }));
		const expected = records('time').filter(wanted);
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.map((r) => r.id).sort());
	});

	test('Changed Since sends ModifiedSince (and ModifiedBefore) on every page', async () => {
		const { error } = await run(
			changedSince({ modifiedSince: '2000-01-01T00:00:00Z', modifiedBefore: '2100-01-01T00:00:00', options: { pageSize: 40 } }),
		);
		expect(error).toBeUndefined();
		const pages = reportingRequests();
		expect(pages.length).toBeGreaterThan(1);
		for (const page of pages) {
			expect(queryOf(page).get('ModifiedSince')).toBe('2000-01-01T00:00:00.000Z');
			expect(queryOf(page).get('ModifiedBefore')).toBe('2100-01-01T00:00:00.000Z');
			expect(queryOf(page).get('FromDateTime')).toBeNull();
		}
	});

	test('deleted registrations are left out unless Include Deleted; then they are tombstones, never empty records', async () => {
		const deleted = [...ditio.sandbox.registrations.data.time.values()].filter((e: { deleted?: number }) => e.deleted !== undefined);
		expect(deleted.length).toBeGreaterThan(0);
		const without = await run(changedSince());
		expect(without.items.some((i) => i.json.isDeleted === true)).toBe(false);
		expect(without.items.length).toBe(records('time').length);

		const withDeleted = await run(changedSince({ filters: { includeDeleted: true }, options: { simplify: false } }));
		const tombstones = jsonOf(withDeleted.items).filter((r) => r.isDeleted === true);
		expect(tombstones.length).toBe(deleted.length);
		for (const t of tombstones) expect(Object.keys(t).sort()).toEqual(['deletedDateTime', 'id', 'isDeleted', 'modifiedDateTime']);
	});

	test('a registration approved after the last export reaches a Changed Since read', async () => {
		const pending = records('time').find((r) => r.approved === false)!;
		const since = new Date().toISOString();
		ditio.sandbox.registrations.update('time', pending.id, { approved: true, approvedDateTime: since });
		const { items } = await run(changedSince({ modifiedSince: since, filters: { approval: 'approved' } }));
		expect(items.map((i) => i.json.id)).toEqual([pending.id]);
	});

	test('Project (By Project Number) is looked up once and sent as ProjectId; the other filters as Ditio names them', async () => {
		const { items, error } = await run(
			timeGetAll({ filters: { project: byNumber('P-2026-001'), ownCompanyOnly: true, excludeSubsidiaries: true } }),
		);
		expect(error).toBeUndefined();
		const query = queryOf(reportingRequests()[0]);
		expect(query.get('ProjectId')).toBe(DEMO_IDS.projectFjellhall);
		expect(query.get('OwnCompanyDataOnly')).toBe('true');
		expect(query.get('ExcludeDataFromSubsidiaries')).toBe('true');
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((i) => i.json.projectId === DEMO_IDS.projectFjellhall)).toBe(true);
		// Own company only and no subsidiaries leave out some of the project's registrations.
		expect(items.length).toBeLessThan(records('time').filter((r) => r.projectId === DEMO_IDS.projectFjellhall).length);
	});

	test.each([
		['From List', fromList(DEMO_IDS.projectBarnehage)],
		['By ID', byId(DEMO_IDS.projectBarnehage)],
		['By Project Number', byNumber('P/2026/Æ-01')],
	])('Project %s reads only that project (ProjectId)', async (_mode, project) => {
		const { items, error } = await run(timeGetAll({ filters: { project } }));
		expect(error).toBeUndefined();
		for (const page of reportingRequests()) expect(queryOf(page).get('ProjectId')).toBe(DEMO_IDS.projectBarnehage);
		const expected = records('time').filter((r) => r.projectId === DEMO_IDS.projectBarnehage);
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.map((r) => r.id).sort());
	});

	test.each([
		['ownCompanyOnly', 'OwnCompanyDataOnly', 'external'],
		['excludeSubsidiaries', 'ExcludeDataFromSubsidiaries', 'subsidiary'],
	])('Filters → %s alone sends %s and leaves out exactly the %s data', async (filter, parameter, owner) => {
		const { items } = await run(timeGetAll({ filters: { [filter]: true } }));
		const query = queryOf(reportingRequests()[0]);
		expect(query.get(parameter)).toBe('true');
		expect([...query.keys()].filter((k) => ['OwnCompanyDataOnly', 'ExcludeDataFromSubsidiaries'].includes(k))).toEqual([parameter]);
		const entries = [...ditio.sandbox.registrations.data.time.values()] as Array<{ deleted?: number; owner: string; record: { id: string } }>;
		const expected = entries.filter((e) => e.deleted === undefined && e.owner !== owner).map((e) => e.record.id);
		expect(expected.length).toBeLessThan(records('time').length);
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.sort());
	});

	describe('a registration changed in Ditio while the pages are read comes twice: the later version wins', () => {
		const firstLive = () => records('time')[0];

		test('a correction: one item, with the corrected hours', async () => {
			const target = firstLive();
			betweenPages(() => ditio.sandbox.registrations.update('time', target.id, { qty: 1.5 }));
			const { items } = await run(changedSince({ options: { pageSize: 30 } }));
			const copies = items.filter((i) => i.json.id === target.id);
			expect(copies.map((i) => i.json.qty)).toEqual([1.5]);
			expect(items.length).toBe(records('time').length);
		});

		test('a deletion without Include Deleted: the registration is not output at all', async () => {
			const target = firstLive();
			betweenPages(() => ditio.sandbox.registrations.remove('time', target.id));
			const { items } = await run(changedSince({ options: { pageSize: 30 } }));
			expect(items.filter((i) => i.json.id === target.id)).toEqual([]);
			expect(items.length).toBe(records('time').length);
		});

		test('a deletion with Include Deleted: only its tombstone', async () => {
			const target = firstLive();
			betweenPages(() => ditio.sandbox.registrations.remove('time', target.id));
			const { items } = await run(changedSince({ filters: { includeDeleted: true }, options: { pageSize: 30 } }));
			expect(jsonOf(items).filter((r) => r.id === target.id)).toEqual([
				{ id: target.id, isDeleted: true, deletedDateTime: expect.any(String), modifiedDateTime: expect.any(String) },
			]);
		});

		test('an approval withdrawn: Approval → Approved leaves it out', async () => {
			const target = records('time').find((r) => r.approved === true)!;
			betweenPages(() => ditio.sandbox.registrations.update('time', target.id, { approved: false, approvedDateTime: null }));
			const { items } = await run(changedSince({ filters: { approval: 'approved' }, options: { pageSize: 30 } }));
			expect(items.filter((i) => i.json.id === target.id)).toEqual([]);
			expect(items.length).toBe(records('time').filter((r) => r.approved === true).length);
		});
	});

	test('Return All off stops at Limit without reading further pages', async () => {
		const { items } = await run(timeGetAll({ returnAll: false, limit: 7, options: { pageSize: 5 } }));
		expect(items.length).toBe(7);
		expect(reportingRequests().length).toBe(2);
	});

	test('a page lost mid-export fails the run and nothing is output (all or nothing)', async () => {
		ditio.sandbox.injectFaults([{ status: 503, pathIncludes: 'time-registrations', after: 2, count: 100 }]);
		const { items, error } = await run(timeGetAll({ options: { pageSize: 20, retries: 1 } }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toMatch(/503.*The server could not process the request/);
		expect(items).toEqual([]);
		// The first two pages came, the third failed: no page after it was asked for.
		expect(reportingRequests().length).toBe(2 + 2);
	});

	test('with Continue On Fail a lost page is one error item, not a partial list', async () => {
		ditio.sandbox.injectFaults([{ status: 503, pathIncludes: 'time-registrations', after: 2, count: 100 }]);
		const { items, error } = await run(timeGetAll({ options: { pageSize: 20, retries: 0 } }), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items.length).toBe(1);
		expect(items[0].json).toMatchObject({ operation: 'timeRegistration:getAll', httpCode: '503' });
	});

	test('a 429 in the middle of the pages is waited out and the export completes', async () => {
		ditio.sandbox.injectFaults([{ status: 429, retryAfter: 0, pathIncludes: 'time-registrations', after: 1 }]);
		const { items, error } = await run(timeGetAll({ options: { pageSize: 30 } }));
		expect(error).toBeUndefined();
		expect(items.length).toBe(records('time').length);
	});

	test.each(['timeRegistration', 'machineRegistration', 'absenceRegistration'])('%s: without the credential\'s Data Extraction option the run fails before any request, naming the option', async (resource) => {
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(timeGetAll({ resource }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/needs the Data Extraction API/);
		expect(error!.description).toMatch(/Use Data Extraction API/);
		expect(log().filter((r) => r.api || r.reporting)).toEqual([]);
	});

	test.each([
		[{ fromDate: 'next week' }, /From Date "next week" is not a date/],
		[{ toDate: dayOf(today - 50 * DAY) }, /To Date .* is before From Date/],
		[{ window: 'changedSince', modifiedSince: 'yesterday' }, /Modified Since "yesterday" is not a date and time/],
		[{ window: 'changedSince', modifiedSince: '2026-10-02T00:00:00Z', modifiedBefore: '2026-10-01T00:00:00Z' }, /Modified Before must be later/],
		[{ options: { pageSize: 20000 } }, /Page Size must be a whole number from 1 to 10000/],
	])('bad input %j fails before any request, naming the field', async (extra, problem) => {
		ditio.sandbox.clearRequests();
		const { error } = await run(timeGetAll(extra as INodeParameters));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(problem);
		expect(reportingRequests()).toEqual([]);
	});
});

describe('Machine and Absence Registration → Get Many', () => {
	test('machine registrations: the window is on the stop time, both ends sent', async () => {
		const { items, error } = await run({ resource: 'machineRegistration', operation: 'getAll', ...month });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id).sort()).toEqual(records('machine').map((r) => r.id).sort());
		expect(Object.keys(items[0].json)).toEqual(expect.arrayContaining(['machineName', 'driverName', 'qty', 'stopDateTime']));
		const query = queryOf(reportingRequests()[0]);
		expect([query.get('FromDateTime'), query.get('ToDateTime')]).toEqual([`${month.fromDate}T00:00:00Z`, `${month.toDate}T23:59:59Z`]);
	});

	test('machine registrations know no payroll approval: refused by name', async () => {
		const { error } = await run({ resource: 'machineRegistration', operation: 'getAll', ...month, filters: { approval: 'locked' } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/Approval "Locked" is not known for machine registrations/);
		expect(reportingRequests()).toEqual([]);
	});

	test('absence registrations: Payroll Approved is asked of Ditio (ApprovedPayroll) and holds on every record', async () => {
		const { items } = await run({ resource: 'absenceRegistration', operation: 'getAll', ...month, filters: { approval: 'payrollApproved' } });
		expect(queryOf(reportingRequests()[0]).get('ApprovedPayroll')).toBe('true');
		const expected = records('absence').filter((r) => r.payrollApproved === true);
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.map((r) => r.id).sort());
		expect(items[0].json).toMatchObject({ absenceTypeCode: expect.any(String), qty: 7.5 });
	});
});

describe('Payroll → Get Summaries', () => {
	const payroll = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'payroll', operation: 'getSummaries', ...month, ...extra });
	const exportCalls = () => log().filter((r) => r.api && r.segments.join('/').toLowerCase().includes('payroll-export'));

	test('only the read-only export is called; a range over 45 days is split into ≤ 45-day parts, joined in order', async () => {
		const from = dayOf(today - 100 * DAY);
		const { items, error } = await run(payroll({ fromDate: from, toDate: dayOf(today), dataFilter: 'all' }));
		expect(error).toBeUndefined();
		const calls = exportCalls();
		expect(calls.map((c) => c.segments.slice(1).join('/'))).toEqual(Array(3).fill('api/payroll-export/readonly'));
		const parts = calls.map((c) => [queryOf(c).get('fromWorkDate'), queryOf(c).get('toWorkDate')]);
		expect(parts[0][0]).toBe(from);
		expect(parts[2][1]).toBe(dayOf(today));
		for (const [a, b] of parts) expect((Date.parse(b!) - Date.parse(a!)) / DAY + 1).toBeLessThanOrEqual(45);
		for (let i = 1; i < parts.length; i++) expect(Date.parse(parts[i][0]!) - Date.parse(parts[i - 1][1]!)).toBe(DAY);
		const days = items.map((i) => Date.parse(String(i.json.transDateTime)));
		expect(days).toEqual([...days].sort((a, b) => a - b));
		const keys = items.map((i) => `${i.json.userId}|${i.json.transDateTime}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(calls.every((c) => queryOf(c).get('dataFilter') === '10')).toBe(true);
	});

	test.each([
		[45, [[0, 44]]],
		[46, [[0, 44], [45, 45]]],
	])('a range of %i days is read in %j', async (length, expected) => {
		const from = today - 60 * DAY;
		const { error } = await run(payroll({ fromDate: dayOf(from), toDate: dayOf(from + (length - 1) * DAY) }));
		expect(error).toBeUndefined();
		const parts = exportCalls().map((c) => [queryOf(c).get('fromWorkDate'), queryOf(c).get('toWorkDate')]);
		expect(parts).toEqual(expected.map(([a, b]) => [dayOf(from + a * DAY), dayOf(from + b * DAY)]));
	});

	test.each([
		[{ fromDate: 'soon' }, /From Date "soon" is not a date/],
		[{ toDate: dayOf(today - 50 * DAY) }, /To Date .* is before From Date/],
		[{ options: { modifiedSince: 'last run' } }, /Options → Modified Since "last run" is not a date/],
		[{ dataFilter: 'paid' }, /Data Filter "paid" is not known/],
	])('bad input %j fails before any request, naming the field', async (extra, problem) => {
		ditio.sandbox.clearRequests();
		const { error } = await run(payroll(extra as INodeParameters));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(problem);
		expect(exportCalls()).toEqual([]);
	});

	test('Data Filter Approved (default) sends 0 and Locked 5; Modified Since goes as modifiedSinceDate', async () => {
		await run(payroll());
		await run(payroll({ dataFilter: 'locked', options: { modifiedSince: dayOf(today - 3 * DAY) } }));
		const [first, second] = exportCalls();
		expect(queryOf(first).get('dataFilter')).toBe('0');
		expect(queryOf(second).get('dataFilter')).toBe('5');
		expect(queryOf(second).get('modifiedSinceDate')).toBe(dayOf(today - 3 * DAY));
	});

	test('Split Overtime Lines gives one item per overtime line, with the person and day', async () => {
		const whole = await run(payroll({ dataFilter: 'all' }));
		const lines = whole.items.flatMap((i) => i.json.overtimeLines as IDataObject[]);
		expect(lines.length).toBeGreaterThan(0);
		const split = await run(payroll({ dataFilter: 'all', options: { splitOvertimeLines: true } }));
		expect(split.items.length).toBe(lines.length);
		expect(split.items[0].json).toMatchObject({ userName: expect.any(String), transDateTime: expect.any(String), lineType: expect.any(Number), overtimeType: 0 });
	});

	test('a failed part fails the whole export: nothing is output', async () => {
		ditio.sandbox.injectFaults([{ status: 400, pathIncludes: 'payroll-export', after: 1 }]);
		const { items, error } = await run(payroll({ fromDate: dayOf(today - 100 * DAY) }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(items).toEqual([]);
	});

	test('needs no Data Extraction option (its scope is the integration one)', async () => {
		const { error, items } = await ditio.run(payroll({ dataFilter: 'all' }));
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
	});
});
