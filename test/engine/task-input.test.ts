/**
 * Bad input on the Work Order operations, inside n8n's engine against the sandbox: a value of
 * the wrong kind fails its item with a NodeOperationError that names the field and the item,
 * before anything of that item reaches Ditio (Create or Update checks the whole batch first, so
 * nothing at all is written). Values come from expressions, as they do from an ERP.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { byId, byNumber, DEMO_COMPANY_ID, DEMO_IDS, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
beforeEach(() => ditio.sandbox.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const { apiRequests, writes, copy } = requestLog(ditio);

/** Item 0 is good, item 1 is bad; each names its own work order (WO-100 / WO-300) and external ID. */
const GOOD = { id: DEMO_IDS.taskGrunnarbeid, externalId: 'OK-1' };
const BAD = { id: DEMO_IDS.taskBetong, externalId: 'BAD-1' };
/** A write that belongs to the bad item: its external ID in the body, or its work order in the path. */
const writesOfBadItem = () => writes().filter((r) => r.body?.externalId === BAD.externalId || r.segments.includes(BAD.id));

const OPERATIONS: Record<string, (fields: INodeParameters) => INodeParameters> = {
	create: (fields) => ({ resource: 'task', operation: 'create', project: byId(P1), externalId: '={{ $json.externalId }}', additionalFields: fields }),
	upsert: (fields) => ({ resource: 'task', operation: 'upsert', project: byNumber('P-2026-001'), externalId: '={{ $json.externalId }}', additionalFields: fields }),
	update: (fields) => ({ resource: 'task', operation: 'update', taskId: '={{ $json.id }}', updateFields: fields }),
	replace: (fields) => ({
		resource: 'task',
		operation: 'replace',
		taskId: '={{ $json.id }}',
		project: byId(P1),
		externalId: '={{ $json.externalId }}',
		additionalFields: fields,
	}),
};

/** [field, a good value, a bad value, what the message says about it] */
const BAD_VALUES: Array<[string, IDataObject[string], IDataObject[string], RegExp]> = [
	['startDate', '2026-03-01', '01.03.2026', /"01\.03\.2026" is not a date/],
	['finishedDatePlanned', '2026-05-01T07:00:00Z', '2026-02-30', /"2026-02-30" is not a date/],
	['finishedDate', '2026-05-01', 'i morgen', /"i morgen" is not a date/],
	['estimatedHourQty', 12.5, '12 timer', /"12 timer" is not a number/],
	['costPrice', '850,50', '1.000,50', /"1\.000,50" is not a number/],
	['active', true, 'ja', /"ja" is not true or false/],
	['safeJobAnalysisApprovalRequired', 'false', 'yes', /"yes" is not true or false/],
	['taskLocationLatitude', 63.4305, 91, /91 is outside -90 to 90/],
	['taskLocationLatitude', 63.4305, 'nord', /"nord" is not a number/],
	['taskLocationLongitude', 10.3951, -180.5, /-180\.5 is outside -180 to 180/],
	['name', 'Grunnarbeid', { tekst: 'Grunnarbeid' }, /is not text/],
];

describe.each(Object.keys(OPERATIONS))('%s: a bad value fails its item, naming the field, before it is sent', (operation) => {
	test.each(BAD_VALUES)('%s = %j is fine, %j is not', async (field, good, bad, problem) => {
		const before = copy(ditio.sandbox.store.getTask(BAD.id));
		const { error } = await ditio.run(OPERATIONS[operation]({ [field]: '={{ $json.value }}' }), [
			{ ...GOOD, value: good },
			{ ...BAD, value: bad },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(new RegExp(`^Invalid .+ \\(${field}\\): `));
		expect(error!.message).toMatch(problem);
		expect(error!.description).toMatch(/must be .*Nothing was sent to Ditio for item 1/);
		expect(error!.context.itemIndex).toBe(1);
		expect(writesOfBadItem()).toEqual([]);
		expect(copy(ditio.sandbox.store.getTask(BAD.id))).toEqual(before);
		// Create or Update reads the whole batch before its first request.
		if (operation === 'upsert') expect(apiRequests()).toEqual([]);
	});
});

test('with Continue On Fail the bad item becomes an error item naming the field; the good one is written', async () => {
	const { items, error } = await ditio.run(
		OPERATIONS.upsert({ startDate: '={{ $json.value }}' }),
		[{ ...GOOD, value: '2026-03-01' }, { ...BAD, value: '31.02.2026' }],
		{ continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ externalId: GOOD.externalId, outcome: 'created', startDate: '2026-03-01T00:00:00Z' });
	expect(items[1].json).toMatchObject({ itemIndex: 1, error: expect.stringMatching(/\(startDate\): "31\.02\.2026" is not a date/) });
	expect(writes().map((r) => r.body?.externalId)).toEqual([GOOD.externalId]);
});

describe('an empty External ID', () => {
	test.each([
		['create', ''],
		['create', '   '],
		['upsert', ''],
		['replace', '  '],
	])('%s with %j: refused naming the field, nothing sent for the item', async (operation, externalId) => {
		const { error } = await ditio.run(OPERATIONS[operation]({ name: 'Uten nummer' }), [GOOD, { ...BAD, externalId }]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Invalid External ID (externalId): it is empty, and Ditio requires it');
		expect(error!.context.itemIndex).toBe(1);
		expect(writesOfBadItem()).toEqual([]);
		expect(writes().filter((r) => r.body?.externalId !== GOOD.externalId)).toEqual([]);
	});

	test.each(['', '  '])('update setting External ID to %j: refused naming the field, nothing sent', async (externalId) => {
		const { error } = await ditio.run(OPERATIONS.update({ externalId: '={{ $json.value }}' }), [{ ...BAD, value: externalId }]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/\(externalId\): it is empty/);
		expect(writes()).toEqual([]);
		expect(ditio.sandbox.store.getTask(BAD.id).externalId).toBe('WO-300');
	});
});

describe('a Work Order ID that is not a Ditio ID', () => {
	const HINT = /If "WO-100" is your own work order number, look the work order up with Get \(by External ID or Task Number\)/;
	const withId = (operation: string): INodeParameters =>
		operation === 'get'
			? { resource: 'task', operation: 'get', lookupBy: 'id', taskId: '={{ $json.id }}' }
			: operation === 'delete'
				? { resource: 'task', operation: 'delete', taskId: '={{ $json.id }}' }
				: OPERATIONS[operation]({ name: 'Ny' });

	test.each(['get', 'update', 'replace', 'delete'])('%s: refused with the hint, before any request', async (operation) => {
		const { error } = await ditio.run(withId(operation), [{ id: 'WO-100', externalId: 'WO-100' }]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Work Order ID "WO-100" is not a Ditio ID');
		expect(error!.description).toMatch(HINT);
		expect(apiRequests()).toEqual([]);
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid).name).toBe('Grunnarbeid');
	});

	test.each([
		['24 characters, not all hex', 'zzzzzzzzzzzzzzzzzzzzzzzz'],
		['23 hex characters', DEMO_IDS.taskGrunnarbeid.slice(1)],
	])('%s: refused, with the index of its item, before item 0 is sent', async (_, id) => {
		const { error, items } = await ditio.run(withId('get'), [{ id: DEMO_IDS.taskGrunnarbeid }, { id }]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(`Work Order ID "${id}" is not a Ditio ID`);
		expect(error!.context.itemIndex).toBe(1);
		expect(items).toEqual([]);
		// Every item is read and checked before the first request, reads included.
		expect(apiRequests()).toEqual([]);
	});
});

describe('Parent Work Order ID and Parent External ID both given', () => {
	test.each(Object.keys(OPERATIONS))('%s: refused before anything of the item is sent', async (operation) => {
		const { error } = await ditio.run(
			OPERATIONS[operation]({ parentActivityId: '={{ $json.parentId }}', parentExternalId: '={{ $json.parent }}' }),
			[
				{ ...GOOD, parentId: '', parent: 'WO-200' },
				{ ...BAD, parentId: DEMO_IDS.taskMasseflytting, parent: 'WO-200' },
			],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Parent given twice');
		expect(error!.description).toMatch(/either Parent Work Order ID or Parent External ID/);
		expect(error!.context.itemIndex).toBe(1);
		expect(writesOfBadItem()).toEqual([]);
		if (operation === 'upsert') expect(apiRequests()).toEqual([]);
	});
});

describe('Company ID', () => {
	const withoutCompany = () => ditio.credential({ companyId: undefined });

	test.each(['create', 'upsert', 'replace'])('%s: missing from both credential and item, it fails before any request', async (operation) => {
		const credentialsId = withoutCompany();
		const { error } = await ditio.run(OPERATIONS[operation]({ name: 'Ny' }), [GOOD, BAD], { credentialsId });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('No Company ID for this item');
		expect(error!.description).toMatch(/Set Company ID in the Ditio credential, or add Company ID under Additional Fields/);
		expect(error!.context.itemIndex).toBe(0);
		// Not even a token: nothing went over the network.
		expect(ditio.sandbox.requests).toEqual([]);
	});

	test('given on the item only, it is the one sent', async () => {
		const credentialsId = withoutCompany();
		const { error } = await ditio.run(OPERATIONS.create({ companyId: DEMO_COMPANY_ID, name: 'Ny' }), [GOOD], { credentialsId });
		expect(error).toBeUndefined();
		expect(writes().map((r) => r.body?.companyId)).toEqual([DEMO_COMPANY_ID]);
		expect(ditio.sandbox.store.findTaskByExternalId(P1, GOOD.externalId)).toBeDefined();
	});

	test('reads do not need it', async () => {
		const credentialsId = withoutCompany();
		const { error, items } = await ditio.run({ resource: 'task', operation: 'get', lookupBy: 'id', taskId: DEMO_IDS.taskGrunnarbeid }, undefined, { credentialsId });
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(DEMO_IDS.taskGrunnarbeid);
	});
});
