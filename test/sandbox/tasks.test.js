// @ts-check
'use strict';
const { startSandbox, DEMO_COMPANY_ID, OTHER_COMPANY_ID, DEMO_IDS } = require('../../sandbox/server');
const { getToken, client, apiPath } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {ReturnType<typeof client>} */
let api;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	api = client(sb, await getToken(sb));
});
afterAll(() => sb.close());
beforeEach(() => sb.reset('demo'));

const tasks = apiPath('tasks');
const P1 = DEMO_IDS.projectFjellhall;
/** @param {Record<string, unknown>} [fields] */
const wo = (fields) => ({ companyId: DEMO_COMPANY_ID, projectId: P1, externalId: 'WO-500', name: 'Sprengning', active: true, ...fields });
/** @param {any[]} list */
const externalIds = (list) => list.map((t) => t.externalId);

describe('template work orders', () => {
	test('POST fills every inheritable setting the body omits from the template; the body wins where it speaks', async () => {
		const res = await api.post(tasks, wo({ price: 999, safeJobAnalysisApprovalRequired: false }));
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			externalId: 'WO-500', taskNumber: 'WO-500', name: 'Sprengning', isTemplate: false,
			price: 999, safeJobAnalysisApprovalRequired: false, // sent
			safeJobAnalysisUserPromptText: 'Gjennomfør SJA før arbeidet starter.', unitId: 'm3', measureUnitQty: true, costPrice: 850,
			textRequired: true, summationType: 1, unitQtyReportLevel: 2, taskType: 1, externalDim02: 'AVD-20', // inherited
			startDate: null, chapterId: null, estimatedHourQty: 0, parentActivityId: null, // never inherited
		});
	});

	test('PUT does not consult the template: omitted settings are reset to their defaults', async () => {
		const { body: created } = await api.post(tasks, wo());
		expect(created.costPrice).toBe(850);
		const res = await api.put(apiPath('tasks', created.id), wo({ name: 'Sprengning 2' }));
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			name: 'Sprengning 2', costPrice: 0, price: 0, unitId: null, measureUnitQty: false,
			safeJobAnalysisApprovalRequired: false, safeJobAnalysisUserPromptText: null,
		});
		// Backoffice-only settings are not in the request model, so PUT leaves them alone.
		expect(res.body).toMatchObject({ textRequired: true, externalDim02: 'AVD-20', isTemplate: false });
	});

	test('a project without a template gives defaults; the template flag cannot be sent', async () => {
		const res = await api.post(tasks, wo({ projectId: DEMO_IDS.projectBarnehage }));
		expect(res.body).toMatchObject({ costPrice: 0, unitId: null, textRequired: false });
		const flagged = await api.post(tasks, wo({ externalId: 'WO-501', isTemplate: true }));
		expect(flagged.status).toBe(400);
		expect(flagged.body.errors[0]).toMatchObject({ field: 'isTemplate', code: 'ReadOnly' });
	});

	test('setTemplate() moves the template: one per project', async () => {
		sb.store.setTemplate(DEMO_IDS.taskGrunnarbeid);
		expect(sb.store.getTask(DEMO_IDS.taskTemplate)?.isTemplate).toBe(false);
		expect((await api.post(tasks, wo())).body.safeJobAnalysisUserPromptText).toBeNull();
	});
});

describe('externalId is unique within the project', () => {
	test('a second POST with the same externalId answers 409', async () => {
		const res = await api.post(tasks, wo({ externalId: 'WO-100' }));
		expect(res.status).toBe(409);
		expect(res.body).toEqual({ error: 'Conflict', message: 'Arbeidsordre med ekstern id WO-100 finnes allerede i prosjektet' });
		expect((await api.post(tasks, wo({ externalId: 'WO-100', projectId: DEMO_IDS.projectBarnehage }))).status).toBe(201);
	});

	test('PUT and PATCH to an externalId another task has answer 409; taskNumber follows externalId', async () => {
		const path = apiPath('tasks', DEMO_IDS.taskBetong);
		expect((await api.patch(path, { externalId: 'WO-100' })).status).toBe(409);
		expect((await api.put(path, wo({ externalId: 'WO-200' }))).status).toBe(409);
		const renamed = await api.patch(path, { externalId: 'WO-301' });
		expect(renamed.body).toMatchObject({ externalId: 'WO-301', taskNumber: 'WO-301' });
		expect((await api.post(tasks, wo({ externalId: 'WO-300' }))).status).toBe(201);
	});

	test('a task cannot move to another project', async () => {
		const res = await api.patch(apiPath('tasks', DEMO_IDS.taskBetong), { projectId: DEMO_IDS.projectBarnehage });
		expect(res).toMatchObject({ status: 400, body: { error: 'InvalidArgument' } });
	});
});

describe('hierarchy', () => {
	test('a parent must be a task of the same project', async () => {
		const res = await api.post(tasks, wo({ parentActivityId: DEMO_IDS.taskRiving }));
		expect(res).toMatchObject({ status: 400, body: { error: 'InvalidParent' } });
		const child = await api.post(tasks, wo({ parentActivityId: DEMO_IDS.taskMasseflytting }));
		expect(child.body.parentActivityId).toBe(DEMO_IDS.taskMasseflytting);
	});

	test('a task cannot become its own ancestor', async () => {
		const self = await api.patch(apiPath('tasks', DEMO_IDS.taskMasseflytting), { parentActivityId: DEMO_IDS.taskMasseflytting });
		expect(self).toMatchObject({ status: 400, body: { error: 'InvalidParent' } });
		const loop = await api.patch(apiPath('tasks', DEMO_IDS.taskMasseflytting), { parentActivityId: DEMO_IDS.taskGraving });
		expect(loop).toMatchObject({ status: 400, body: { error: 'InvalidParent' } });
	});

	test('the API does not mark the parent isParent by itself', async () => {
		await api.post(tasks, wo({ parentActivityId: DEMO_IDS.taskBetong }));
		expect(sb.store.getTask(DEMO_IDS.taskBetong)?.isParent).toBe(false);
	});
});

describe('DELETE /tasks/{id}', () => {
	test('is refused while the task has children', async () => {
		const res = await api.del(apiPath('tasks', DEMO_IDS.taskMasseflytting));
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: 'TaskHasChildren',
			message: 'Arbeidsordren har underordnede arbeidsordrer og kan ikke slettes. Sett active: false i stedet.',
		});
	});

	test('is refused while the task has time registrations', async () => {
		const res = await api.del(apiPath('tasks', DEMO_IDS.taskBetong));
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: 'TaskHasRegistrations',
			message: 'Arbeidsordren har timeregistreringer og kan ikke slettes. Sett active: false i stedet.',
		});
	});

	test('answers 204 otherwise; then the parent can go too', async () => {
		for (const id of [DEMO_IDS.taskGraving, DEMO_IDS.taskTransport, DEMO_IDS.taskMasseflytting]) {
			const res = await api.del(apiPath('tasks', id));
			expect(res.status).toBe(204);
			expect(res.text).toBe('');
		}
		expect((await api.get(apiPath('tasks', DEMO_IDS.taskGraving))).status).toBe(404);
	});
});

describe('reading work orders', () => {
	test('by project id, by project number, in creation order', async () => {
		const all = ['MAL', 'WO-100', 'WO-200', 'WO-201', 'WO-202', 'WO-300'];
		expect(externalIds((await api.get(apiPath('tasks', 'project', P1))).body)).toEqual(all);
		expect(externalIds((await api.get(apiPath('tasks', 'by-project-number', 'P-2026-001'))).body)).toEqual(all);
		expect((await api.get(apiPath('tasks', 'project', DEMO_IDS.otherProject))).status).toBe(404);
		expect((await api.get(apiPath('tasks', 'by-project-number', 'P-404'))).status).toBe(404);
	});

	test('by project number and task number: one, or all matches as a list', async () => {
		const one = await api.get(apiPath('tasks', 'by-project-number', 'P-2026-001', 'by-task-number', 'WO-201'));
		expect(one.body.id).toBe(DEMO_IDS.taskGraving);
		expect((await api.get(apiPath('tasks', 'by-project-number', 'P-2026-001', 'by-task-number', 'WO-999'))).status).toBe(404);
		const list = await api.get(apiPath('tasks', 'by-project-number', 'P-2026-001', 'by-task-number', 'WO-201', 'list'));
		expect(externalIds(list.body)).toEqual(['WO-201']);
		const none = await api.get(apiPath('tasks', 'by-project-number', 'P-2026-001', 'by-task-number', 'WO-999', 'list'));
		expect(none).toMatchObject({ status: 200, body: [] });
	});

	test('by external project number (several projects may share one) and external id', async () => {
		sb.store.addProject(DEMO_COMPANY_ID, { projectNumber: 'P-2026-002', externalProjectNumber: 'ERP-1001' });
		const second = sb.store.findProjectByNumber(DEMO_COMPANY_ID, 'P-2026-002');
		sb.store.addTask(DEMO_COMPANY_ID, { projectId: second?.id, externalId: 'X-1' });
		const list = await api.get(apiPath('tasks', 'by-external-project-number', 'ERP-1001'));
		expect(externalIds(list.body)).toEqual(['MAL', 'WO-100', 'WO-200', 'WO-201', 'WO-202', 'WO-300', 'X-1']);
		const one = await api.get(apiPath('tasks', 'by-external-project-number', 'ERP-1001', 'by-external-id', 'X-1'));
		expect(one.body.projectId).toBe(second?.id);
		expect((await api.get(apiPath('tasks', 'by-external-project-number', 'ERP-1001', 'by-external-id', 'nope'))).status).toBe(404);
		expect((await api.get(apiPath('tasks', 'by-external-project-number', 'ERP-404'))).status).toBe(404);
	});

	test("by production code, without another company's tasks", async () => {
		const res = await api.get(apiPath('tasks', 'by-production-code', 'PROD-10'));
		expect(res.body.map((/** @type {any} */ t) => t.id)).toEqual([DEMO_IDS.taskGrunnarbeid]);
		expect((await api.get(apiPath('tasks', 'by-production-code', 'NONE'))).body).toEqual([]);
	});

	test("another company's task answers 404 like a missing one", async () => {
		for (const id of [DEMO_IDS.otherTask, 'bbbbbbbbbbbbbbbbbbbbbbbb']) {
			const res = await api.get(apiPath('tasks', id));
			expect(res).toMatchObject({ status: 404, body: { error: 'NotFound', message: `Task ${id} was not found` } });
			expect((await api.patch(apiPath('tasks', id), { name: 'x' })).status).toBe(404);
			expect((await api.del(apiPath('tasks', id))).status).toBe(404);
		}
	});
});

describe('POST /tasks checks', () => {
	test('the project must be one the client sees, in the body company', async () => {
		const missing = await api.post(tasks, wo({ projectId: 'cccccccccccccccccccccccc' }));
		expect(missing).toMatchObject({ status: 404, body: { error: 'NotFound', message: 'Project cccccccccccccccccccccccc was not found' } });
		expect((await api.post(tasks, wo({ projectId: DEMO_IDS.otherProject }))).status).toBe(404);
		expect((await api.post(tasks, wo({ companyId: OTHER_COMPANY_ID, projectId: DEMO_IDS.otherProject }))).status).toBe(403);
	});

	test.each(['companyId', 'projectId', 'externalId'])('%s is required', async (field) => {
		const res = await api.post(tasks, wo({ [field]: ' ' }));
		expect(res.body).toEqual({ error: 'ArgumentIsNull', message: `Value cannot be null. (Parameter '${field}')` });
	});

	test('ids in the body must look like ids; backoffice fields and typos are refused', async () => {
		const res = await api.post(tasks, wo({ parentActivityId: 'WO-200', taskNumber: 'T', textRequired: true, costprice: 1 }));
		expect(res.status).toBe(400);
		expect(res.body.errors.map((/** @type {any} */ e) => [e.field, e.code])).toEqual([
			['parentActivityId', 'InvalidId'], ['taskNumber', 'ReadOnly'], ['textRequired', 'ReadOnly'], ['costprice', 'UnknownField'],
		]);
	});

	test('the record holds every field, with isTemplate false and taskNumber = externalId', async () => {
		const res = await api.post(tasks, wo({ projectId: DEMO_IDS.projectBryggen }));
		expect(Object.keys(res.body)).toHaveLength(37);
		expect(res.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), projectId: DEMO_IDS.projectBryggen, isTemplate: false, taskNumber: 'WO-500' });
	});
});
