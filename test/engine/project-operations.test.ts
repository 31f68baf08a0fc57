/**
 * Project resource, engine tier: every operation, each mode of the `project` locator, Get Many
 * with its limit and filters, and a project number with `/`, spaces and Norwegian letters end
 * to end. Assertions look at what Ditio (the sandbox) holds and what it was sent.
 */
import type { INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byId, byNumber, DEMO_COMPANY_ID, DEMO_IDS, fromList, jsonOf, OTHER_COMPANY_ID, requestLog, searchProjects, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { apiRequests, writes, copy } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stored = (id: string): Record<string, any> | undefined => ditio.sandbox.store.getProject(id);
const byNumberInStore = (projectNumber: string) => ditio.sandbox.store.findProjectByNumber(DEMO_COMPANY_ID, projectNumber);

/** A project without work orders (Ditio refuses to delete one that has some), with many fields set. */
const FREE_ID = '65f1a2b3c4d5e6f7a8b9c0aa';
const FREE_NUMBER = 'P 2027/Øst-Å 03';
const FREE_PROJECT = {
	id: FREE_ID,
	projectNumber: FREE_NUMBER,
	name: 'Østre kai',
	description: 'Kaifront, trinn 1',
	active: true,
	startDate: '2027-01-04T00:00:00Z',
	estimatedHourQty: 800,
	projectCustomerName: 'Havnevesenet',
	customerNumber: 'K-2002',
	projectAddress: 'Kaiveien 3, Ålesund',
	workBreakLunchStartTime: '11:00',
	workBreakLunchLength: 30,
};

beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.sandbox.store.addProject(DEMO_COMPANY_ID, FREE_PROJECT);
	ditio.sandbox.clearRequests();
});

// Whole records (Simplify off), so they can be compared with the sandbox's; simplify.test.ts covers Simplify.
const project = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'project', operation, simplify: false, ...extra });

/** The three ways to name FREE_PROJECT. */
const MODES: Array<[string, Record<string, unknown>]> = [
	['list', fromList(FREE_ID)],
	['id', byId(FREE_ID)],
	['projectNumber', byNumber(FREE_NUMBER)],
];

describe('From List: the searchable project picker', () => {
	const search = (filter?: string) => searchProjects(ditio, filter);

	test('lists the company\'s projects as "number · name", active first, the value being the id', async () => {
		const { results } = await search();
		expect(results).toEqual([
			{ name: 'P 2027/Øst-Å 03 · Østre kai', value: FREE_ID },
			{ name: 'P-2026-001 · Prosjekt Fjellhall', value: DEMO_IDS.projectFjellhall },
			{ name: 'P/2026/Æ-01 · Ærfuglveien barnehage', value: DEMO_IDS.projectBarnehage },
			{ name: 'P-2025-017 · Bryggen rehabilitering', value: DEMO_IDS.projectBryggen },
		]);
		expect(writes()).toEqual([]);
	});

	test.each([
		['part of a name, in any case', 'FJELL', [DEMO_IDS.projectFjellhall]],
		['part of a number', 'æ-01', [DEMO_IDS.projectBarnehage]],
		['text nothing has', 'finnes ikke', []],
	])('narrows to what the user types: %s', async (_label, filter, ids) => {
		const { results } = await search(filter as string);
		expect(results.map((r) => r.value)).toEqual(ids);
	});
});

describe('Get', () => {
	test.each(MODES)('in %s mode returns the project', async (_mode, ref) => {
		const { items, error } = await ditio.run(project('get', { project: ref }));
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([stored(FREE_ID)]);
		expect(writes()).toEqual([]);
	});

	test('by project number looks the number up as one path segment', async () => {
		const { items, error } = await ditio.run(project('get', { project: byNumber('P/2026/Æ-01') }));
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual([DEMO_IDS.projectBarnehage]);
		const [request] = apiRequests();
		expect(request.segments.slice(-2)).toEqual(['by-project-number', 'P/2026/Æ-01']);
		expect(request.path).toMatch(/\/by-project-number\/P%2F2026%2F%C3%86-01$/);
	});
});

describe('Update', () => {
	test.each(MODES)('in %s mode changes only the fields given', async (_mode, ref) => {
		const before = copy(stored(FREE_ID)!);
		const { items, error } = await ditio.run(
			project('update', { project: ref, updateFields: { name: 'Østre kai, trinn 2', active: false } }),
		);
		expect(error).toBeUndefined();
		expect(stored(FREE_ID)).toEqual({ ...before, name: 'Østre kai, trinn 2', active: false });
		expect(jsonOf(items)).toEqual([stored(FREE_ID)]);
		expect(writes().map((r) => [r.method, r.body])).toEqual([['PATCH', { name: 'Østre kai, trinn 2', active: false }]]);
	});

	test('with no field to update fails before any request', async () => {
		const { error } = await ditio.run(project('update', { project: byId(FREE_ID), updateFields: {} }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Nothing to update');
		expect(apiRequests()).toEqual([]);
	});
});

describe('Replace', () => {
	test.each(MODES)('in %s mode writes the whole record: omitted fields are reset', async (_mode, ref) => {
		const { items, error } = await ditio.run(
			project('replace', { project: ref, projectNumber: FREE_NUMBER, additionalFields: { name: 'Østre kai', active: true } }),
		);
		expect(error).toBeUndefined();
		const after = stored(FREE_ID)!;
		expect(after).toMatchObject({ id: FREE_ID, companyId: DEMO_COMPANY_ID, projectNumber: FREE_NUMBER, name: 'Østre kai', active: true });
		// Left out, so reset to Ditio's defaults.
		expect(after).toMatchObject({
			description: null,
			startDate: null,
			estimatedHourQty: 0,
			projectCustomerName: null,
			projectAddress: null,
			workBreakLunchStartTime: null,
			workBreakLunchLength: 0,
		});
		// An omitted customerNumber leaves the customer link alone, on PUT too (docs/ditio-api.md, Fields).
		expect(after.customerNumber).toBe('K-2002');
		expect(jsonOf(items)).toEqual([after]);
		expect(writes().map((r) => [r.method, r.body])).toEqual([
			['PUT', { companyId: DEMO_COMPANY_ID, projectNumber: FREE_NUMBER, name: 'Østre kai', active: true }],
		]);
	});

	test('the editor warns that omitted fields are reset', async () => {
		const type = ditio.engine.nodeTypes.getByName(ditio.engine.nodeType) as { description: { properties: INodeProperties[] } };
		const notices = type.description.properties.filter(
			(p) =>
				p.type === 'notice' &&
				p.displayOptions?.show?.resource?.includes('project') &&
				p.displayOptions?.show?.operation?.includes('replace'),
		);
		expect(notices).toHaveLength(1);
		expect(notices[0].displayName).toMatch(/every field you leave out is reset/i);
	});
});

describe('Delete', () => {
	test.each(MODES)('in %s mode deletes the project and says so', async (_mode, ref) => {
		const { items, error } = await ditio.run(project('delete', { project: ref }));
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ deleted: true, id: FREE_ID }]);
		expect(stored(FREE_ID)).toBeUndefined();
		expect(byNumberInStore(FREE_NUMBER)).toBeUndefined();
		expect(writes().map((r) => [r.method, r.segments.at(-1)])).toEqual([['DELETE', FREE_ID]]);
	});
});

describe('a project number another project has', () => {
	test.each([
		['update', { updateFields: { projectNumber: 'P-2026-001' } }],
		['replace', { projectNumber: 'P-2026-001' }],
	])('%s fails with Ditio\'s words and says the number is taken; nothing changes', async (operation, extra) => {
		const before = copy(stored(FREE_ID));
		const { error } = await ditio.run(project(operation, { project: byId(FREE_ID), ...extra }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('409');
		expect(error!.message).toMatch(/^Ditio answered 409: Prosjektnummer P-2026-001 er allerede i bruk/);
		expect(error!.description).toMatch(/^Another project of the company already has this Project Number/);
		expect(stored(FREE_ID)).toEqual(before);
	});
});

describe('a number renamed earlier in the same batch', () => {
	// Every number is looked up before the first write, so numbers name the projects as they were
	// when the run started: a chain of renames never lands on the project an earlier item renamed.
	const renames = project('update', { project: byNumber('={{ $json.n }}'), updateFields: { projectNumber: '={{ $json.to }}' } });
	const chain = [
		{ n: FREE_NUMBER, to: 'P-2027-100' },
		{ n: 'P-2027-100', to: 'P-2027-200' },
	];

	test('with Continue On Fail: the later item, naming the new number, fails; the renamed project is left alone', async () => {
		const { items, error } = await ditio.run(renames, chain, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(stored(FREE_ID)!.projectNumber).toBe('P-2027-100');
		expect(items[1].json).toMatchObject({ itemIndex: 1, httpCode: '404' });
	});

	test('without it: the run fails before the first item is written', async () => {
		const { error } = await ditio.run(renames, chain);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.context.itemIndex).toBe(1);
		expect(stored(FREE_ID)!.projectNumber).toBe(FREE_NUMBER);
	});
});

describe('Delete of a project that has work orders', () => {
	test('fails with Ditio\'s own words and the advice to deactivate it; the project stays', async () => {
		const { error } = await ditio.run(project('delete', { project: byNumber('P-2026-001') }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error!.message).toBe('Ditio answered 400: Prosjektet har arbeidsordrer og kan ikke slettes. Sett prosjektet inaktivt (active: false) i stedet. (ProjectHasTasks)');
		expect(error!.description).toMatch(/^Ditio refuses to delete a project that has work orders\. Set Active to false with Update instead/);
		expect(stored(DEMO_IDS.projectFjellhall)).toBeDefined();
	});
});

describe('a project number with "/", spaces and Norwegian letters, end to end', () => {
	const NUMBER = 'P/2027/Ærø Øst Å-02 #1?50%';

	test('create, get, update and delete by that number', async () => {
		const created = await ditio.run(
			project('create', { projectNumber: NUMBER, additionalFields: { name: 'Ærøveien', active: true } }),
		);
		expect(created.error).toBeUndefined();
		const record = byNumberInStore(NUMBER);
		expect(record).toMatchObject({ projectNumber: NUMBER, name: 'Ærøveien', active: true });
		expect(created.items[0].json).toMatchObject({ id: record.id, projectNumber: NUMBER, outcome: 'created' });

		const got = await ditio.run(project('get', { project: byNumber(NUMBER) }));
		expect(got.error).toBeUndefined();
		expect(got.items[0].json).toEqual(record);

		const updated = await ditio.run(project('update', { project: byNumber(NUMBER), updateFields: { name: 'Ærøveien 2' } }));
		expect(updated.error).toBeUndefined();
		expect(byNumberInStore(NUMBER).name).toBe('Ærøveien 2');

		const deleted = await ditio.run(project('delete', { project: byNumber(NUMBER) }));
		expect(deleted.error).toBeUndefined();
		expect(deleted.items[0].json).toEqual({ deleted: true, id: record.id });
		expect(byNumberInStore(NUMBER)).toBeUndefined();

		// Every look-up sent the number as one segment, encoded.
		const lookups = apiRequests().filter((r) => r.segments.includes('by-project-number'));
		expect(lookups.length).toBeGreaterThanOrEqual(4);
		for (const r of lookups) {
			expect(r.segments.at(-1)).toBe(NUMBER);
			expect(r.path.endsWith(`/by-project-number/${encodeURIComponent(NUMBER)}`)).toBe(true);
		}
	});
});

describe('Get Many', () => {
	const demoNumbers = () =>
		[...ditio.sandbox.store.projects.values()]
			.filter((p: { companyId: string }) => p.companyId === DEMO_COMPANY_ID)
			.map((p: { projectNumber: string }) => p.projectNumber)
			.sort();
	const numbersOf = (items: { json: { projectNumber?: unknown } }[]) => items.map((i) => String(i.json.projectNumber)).sort();

	test('Return All gives every project of the company, none of another company', async () => {
		const { items, error } = await ditio.run(project('getAll', { returnAll: true }));
		expect(error).toBeUndefined();
		expect(numbersOf(items)).toEqual(demoNumbers());
		expect(numbersOf(items)).toEqual(['P 2027/Øst-Å 03', 'P-2025-017', 'P-2026-001', 'P/2026/Æ-01']);
		expect(items.some((i) => i.json.companyId === OTHER_COMPANY_ID)).toBe(false);
	});

	test('without Return All, Limit caps the output', async () => {
		const { items } = await ditio.run(project('getAll', { returnAll: false, limit: 2 }));
		expect(items).toHaveLength(2);
	});

	test('without Return All and without Limit, 50 are returned; with Return All, all 64', async () => {
		for (let n = 1; n <= 60; n++) ditio.sandbox.store.addProject(DEMO_COMPANY_ID, { projectNumber: `BULK-${n}` });
		const limited = await ditio.run(project('getAll'));
		expect(limited.items).toHaveLength(50);
		const all = await ditio.run(project('getAll', { returnAll: true }));
		expect(all.items).toHaveLength(64);
		expect(numbersOf(all.items)).toEqual(demoNumbers());
	});

	test.each([
		['active state "active"', { active: 'active' }, ['P 2027/Øst-Å 03', 'P-2026-001', 'P/2026/Æ-01']],
		['active state "inactive"', { active: 'inactive' }, ['P-2025-017']],
		['active state "all"', { active: 'all' }, ['P 2027/Øst-Å 03', 'P-2025-017', 'P-2026-001', 'P/2026/Æ-01']],
		['name contains, ignoring case', { nameContains: 'BARNEHAGE' }, ['P/2026/Æ-01']],
		['name contains Norwegian letters', { nameContains: 'østre' }, ['P 2027/Øst-Å 03']],
		['project number contains, ignoring case', { projectNumberContains: 'æ-01' }, ['P/2026/Æ-01']],
		['project number contains "2026"', { projectNumberContains: '2026' }, ['P-2026-001', 'P/2026/Æ-01']],
		['filters combined', { active: 'active', projectNumberContains: '-20' }, ['P-2026-001']],
	])('filter: %s', async (_label, filters, expected) => {
		const { items, error } = await ditio.run(project('getAll', { returnAll: true, filters }));
		expect(error).toBeUndefined();
		expect(numbersOf(items)).toEqual(expected);
	});

	test('the limit applies after the filter', async () => {
		const { items } = await ditio.run(project('getAll', { returnAll: false, limit: 1, filters: { projectNumberContains: '2026' } }));
		expect(items).toHaveLength(1);
		expect(String(items[0].json.projectNumber)).toMatch(/2026/);
	});
});
