/**
 * Work Order Create, Update, Replace and Delete inside n8n's engine against the sandbox:
 * the project's template fills what Create leaves out (and the node sends no defaults that
 * would defeat it), Replace resets what it leaves out, Update touches only what it names, and a
 * refused delete tells the user Ditio's reason and what to do instead.
 */
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { byId, byNumber, DEMO_COMPANY_ID, DEMO_IDS, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
beforeEach(() => ditio.sandbox.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const { apiRequests, writes, route, task, copy } = requestLog(ditio);

/** The settings a new work order takes from the template MAL of P-2026-001 (sandbox/demo.js). */
const TEMPLATE_SETTINGS = {
	safeJobAnalysisApprovalRequired: true,
	safeJobAnalysisUserPromptText: 'Gjennomfør SJA før arbeidet starter.',
	unitId: 'm3',
	measureUnitQty: true,
	costPrice: 850,
	price: 1150,
};
const TEMPLATE_FIELDS = ['fixedResourcePrice', ...Object.keys(TEMPLATE_SETTINGS)];

const create = (fields: Record<string, unknown>) => ({
	resource: 'task',
	operation: 'create',
	project: byNumber('P-2026-001'),
	externalId: 'WO-500',
	...fields,
});

describe('Create', () => {
	test('creates the work order in the project, says "created", and sends only what the user gave', async () => {
		const { items, error } = await ditio.run(
			create({ additionalFields: { name: 'Sprengning', active: true, startDate: '2026-03-15', estimatedHourQty: 120 } }),
		);
		expect(error).toBeUndefined();
		const created = task(P1, 'WO-500');
		expect(created).toMatchObject({ name: 'Sprengning', active: true, startDate: '2026-03-15T00:00:00Z', estimatedHourQty: 120 });
		expect(jsonOf(items)).toEqual([{ ...copy(created), outcome: 'created' }]);
		const posts = writes();
		expect(posts.map(route)).toEqual(['POST tasks']);
		expect(posts[0].body).toEqual({
			companyId: DEMO_COMPANY_ID,
			projectId: P1,
			externalId: 'WO-500',
			name: 'Sprengning',
			active: true,
			startDate: '2026-03-15T00:00:00Z',
			estimatedHourQty: 120,
		});
	});

	test('an external ID that exists in the project: Ditio\'s 409 reaches the user, nothing new is stored', async () => {
		const before = ditio.sandbox.store.tasks.size;
		const { error } = await ditio.run(create({ externalId: 'WO-100', additionalFields: { name: 'Dobbel' } }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('409');
		expect(error!.message).toMatch(/WO-100 finnes allerede/);
		expect(ditio.sandbox.store.tasks.size).toBe(before);
		expect(task(P1, 'WO-100').name).toBe('Grunnarbeid');
	});
});

describe('the project\'s template on Create', () => {
	test('a work order created without prices, unit or SJA gets the template\'s, and the node sent none of them', async () => {
		const { items, error } = await ditio.run(create({ additionalFields: { name: 'Sprengning' } }));
		expect(error).toBeUndefined();
		expect(task(P1, 'WO-500')).toMatchObject({ ...TEMPLATE_SETTINGS, isTemplate: false });
		expect(items[0].json).toMatchObject(TEMPLATE_SETTINGS);
		const body = writes()[0].body!;
		for (const field of TEMPLATE_FIELDS) expect(body).not.toHaveProperty(field);
	});

	test('what the user sets wins over the template, false and 0 included', async () => {
		const given = { costPrice: 0, price: 990, unitId: 'stk', measureUnitQty: false, safeJobAnalysisApprovalRequired: false };
		const { error } = await ditio.run(create({ additionalFields: given }));
		expect(error).toBeUndefined();
		expect(writes()[0].body).toMatchObject(given);
		expect(task(P1, 'WO-500')).toMatchObject({ ...given, safeJobAnalysisUserPromptText: TEMPLATE_SETTINGS.safeJobAnalysisUserPromptText });
	});

	test('a project without a template: what is left out keeps Ditio\'s defaults', async () => {
		const { error } = await ditio.run(create({ project: byNumber('P/2026/Æ-01'), additionalFields: { name: 'Grunnmur' } }));
		expect(error).toBeUndefined();
		expect(task(DEMO_IDS.projectBarnehage, 'WO-500')).toMatchObject({ costPrice: 0, unitId: null, safeJobAnalysisApprovalRequired: false });
	});
});

describe('what the editor tells the user', () => {
	const properties = () => (ditio.engine.nodeTypes.getByName(ditio.engine.nodeType) as INodeType).description.properties;
	const shownFor = (operation: string, name: string) =>
		properties().find(
			(p) => p.name === name && p.displayOptions?.show?.resource?.includes('task') && p.displayOptions?.show?.operation?.includes(operation),
		);

	test('Create: the fields the template fills say so, the others do not', () => {
		const options = (shownFor('create', 'additionalFields')!.options ?? []) as INodeProperties[];
		const says = (name: string) => /template/i.test(options.find((o) => o.name === name)?.description ?? '');
		for (const field of TEMPLATE_FIELDS) expect([field, says(field)]).toEqual([field, true]);
		for (const field of ['name', 'startDate', 'chapterId', 'estimatedHourQty']) expect([field, says(field)]).toEqual([field, false]);
	});

	test('Replace warns that omitted fields are reset and the template is not consulted', () => {
		const notice = properties().find(
			(p) => p.type === 'notice' && p.displayOptions?.show?.resource?.includes('task') && p.displayOptions?.show?.operation?.includes('replace'),
		);
		expect(notice?.displayName).toMatch(/reset/);
		expect(notice?.displayName).toMatch(/template is not consulted/);
	});
});

describe('Update', () => {
	test('changes only the fields given: the body holds them alone, every other stored value stays', async () => {
		const before = copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid));
		const { items, error } = await ditio.run({
			resource: 'task',
			operation: 'update',
			taskId: DEMO_IDS.taskGrunnarbeid,
			updateFields: { name: 'Grunnarbeid - fase 2', estimatedHourQty: 750 },
		});
		expect(error).toBeUndefined();
		expect(writes().map((r) => [route(r), r.body])).toEqual([
			[`PATCH tasks ${DEMO_IDS.taskGrunnarbeid}`, { name: 'Grunnarbeid - fase 2', estimatedHourQty: 750 }],
		]);
		const after = copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid));
		expect(after).toEqual({ ...before, name: 'Grunnarbeid - fase 2', estimatedHourQty: 750 });
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.taskGrunnarbeid, name: 'Grunnarbeid - fase 2', costPrice: 850 });
	});

	test('false, 0 and a new external ID are written as given', async () => {
		const { error } = await ditio.run({
			resource: 'task',
			operation: 'update',
			taskId: DEMO_IDS.taskGrunnarbeid,
			updateFields: { active: false, costPrice: 0, externalId: 'WO-100-A' },
		});
		expect(error).toBeUndefined();
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)).toMatchObject({ active: false, costPrice: 0, externalId: 'WO-100-A', price: 1150 });
	});

	test('no Update Fields: refused before any request', async () => {
		const { error } = await ditio.run({ resource: 'task', operation: 'update', taskId: DEMO_IDS.taskGrunnarbeid, updateFields: {} });
		expect(error!.message).toBe('Nothing to update');
		expect(error!.context.itemIndex).toBe(0);
		expect(apiRequests()).toEqual([]);
	});

	test('an unknown work order: 404, nothing stored', async () => {
		const { error } = await ditio.run({ resource: 'task', operation: 'update', taskId: 'abcdefabcdefabcdefabcdef', updateFields: { name: 'X' } });
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(ditio.sandbox.store.getTask('abcdefabcdefabcdefabcdef')).toBeUndefined();
	});
});

describe('Replace', () => {
	const replace = (fields: Record<string, unknown> = {}) => ({
		resource: 'task',
		operation: 'replace',
		taskId: DEMO_IDS.taskGrunnarbeid,
		project: byId(P1),
		externalId: 'WO-100',
		additionalFields: { name: 'Grunnarbeid', active: true },
		...fields,
	});

	test('fields left out are reset to their defaults, and the template is not consulted', async () => {
		const { items, error } = await ditio.run(replace());
		expect(error).toBeUndefined();
		const put = writes();
		expect(put.map(route)).toEqual([`PUT tasks ${DEMO_IDS.taskGrunnarbeid}`]);
		expect(put[0].body).toEqual({ companyId: DEMO_COMPANY_ID, projectId: P1, externalId: 'WO-100', name: 'Grunnarbeid', active: true });
		const reset = {
			costPrice: 0,
			price: 0,
			unitId: null,
			measureUnitQty: false,
			safeJobAnalysisApprovalRequired: false,
			safeJobAnalysisUserPromptText: null,
			estimatedHourQty: 0,
			startDate: null,
			externalDim01: null,
		};
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)).toMatchObject({ name: 'Grunnarbeid', active: true, ...reset });
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.taskGrunnarbeid, ...reset });
	});

	test('what is given is written; the project may be named by its number', async () => {
		const { error } = await ditio.run(
			replace({ project: byNumber('P-2026-001'), additionalFields: { name: 'Ny', costPrice: 900, unitId: 'tonn' } }),
		);
		expect(error).toBeUndefined();
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)).toMatchObject({ name: 'Ny', costPrice: 900, unitId: 'tonn', price: 0, active: false });
	});

	test('a work order cannot be moved to another project: Ditio refuses, nothing changes', async () => {
		const before = copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid));
		const { error } = await ditio.run(replace({ project: byId(DEMO_IDS.projectBarnehage) }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(copy(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid))).toEqual(before);
	});
});

describe('Delete', () => {
	const del = (taskId: string) => ({ resource: 'task', operation: 'delete', taskId });

	test('deletes the work order and answers { deleted: true, id }', async () => {
		const { items, error } = await ditio.run(del(DEMO_IDS.taskGrunnarbeid));
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ deleted: true, id: DEMO_IDS.taskGrunnarbeid }]);
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskGrunnarbeid)).toBeUndefined();
		expect(writes().map(route)).toEqual([`DELETE tasks ${DEMO_IDS.taskGrunnarbeid}`]);
	});

	test.each([
		['a parent with children', DEMO_IDS.taskMasseflytting, /Arbeidsordren har underordnede arbeidsordrer og kan ikke slettes/],
		['a work order with time registrations', DEMO_IDS.taskBetong, /Arbeidsordren har timeregistreringer og kan ikke slettes/],
	])('refused for %s: Ditio\'s Norwegian message with the advice to set Active to false; nothing deleted', async (_, id, said) => {
		const tasksBefore = ditio.sandbox.store.tasks.size;
		const { error } = await ditio.run(del(id));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error!.message).toMatch(/^Ditio answered 400: /);
		expect(error!.message).toMatch(said);
		expect(error!.description).toMatch(/Set Active to false/);
		expect(error!.context.itemIndex).toBe(0);
		expect(ditio.sandbox.store.getTask(id)).toBeDefined();
		expect(ditio.sandbox.store.tasks.size).toBe(tasksBefore);
	});

	test('with Continue On Fail the refused item carries message and advice; the next item is deleted', async () => {
		const { items, error } = await ditio.run(
			{ resource: 'task', operation: 'delete', taskId: '={{ $json.id }}' },
			[{ id: DEMO_IDS.taskBetong }, { id: DEMO_IDS.taskTransport }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			itemIndex: 0,
			httpCode: '400',
			error: expect.stringMatching(/timeregistreringer/),
			description: expect.stringMatching(/Set Active to false/),
		});
		expect(items[1].json).toEqual({ deleted: true, id: DEMO_IDS.taskTransport });
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskBetong)).toBeDefined();
		expect(ditio.sandbox.store.getTask(DEMO_IDS.taskTransport)).toBeUndefined();
	});

	test('a work order that does not exist: the 404 hint, not the advice about Active', async () => {
		const { error } = await ditio.run(del('abcdefabcdefabcdefabcdef'));
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error!.description).toMatch(/No such record/);
		expect(error!.description).not.toMatch(/Active/);
	});
});
