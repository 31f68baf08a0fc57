/**
 * ERP numbers with `/`, `#`, `?`, `%`, spaces and Norwegian letters, inside n8n's engine
 * against the sandbox: every lookup value (project number, external project number, task
 * number, external ID, production code) reaches Ditio as exactly one path segment, and the
 * user gets the record with that number.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byNumber, DEMO_COMPANY_ID, DEMO_IDS, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');

const PROJECT_NUMBER = 'P/2026 #7?50% Ærø';
const EXTERNAL_PROJECT_NUMBER = 'ERP/1 #2?%Å ø';
const TASK_NUMBER = 'WO/10 #3? 25% Øst';
const PRODUCTION_CODE = 'PROD/9 #?% æ';

const { apiRequests, calls: paths } = requestLog(ditio);

let projectId: string;
let taskId: string;
beforeEach(() => {
	ditio.sandbox.reset('demo');
	const store = ditio.sandbox.store;
	projectId = store.addProject(DEMO_COMPANY_ID, {
		projectNumber: PROJECT_NUMBER,
		externalProjectNumber: EXTERNAL_PROJECT_NUMBER,
		name: 'Spesialtegn',
		active: true,
	}).id;
	taskId = store.addTask(DEMO_COMPANY_ID, { projectId, externalId: TASK_NUMBER, name: 'Østre del', externalDim01: PRODUCTION_CODE, isParent: true }).id;
	// Look-alikes: what a value cut at `#`, `?` or `/` would find.
	store.addTask(DEMO_COMPANY_ID, { projectId, externalId: 'WO', name: 'Avkuttet', externalDim01: 'PROD' });
	ditio.sandbox.clearRequests();
});

afterEach(() => {
	// Whatever went over the wire: no raw `#`, `?`, space or non-ASCII letter in any path.
	for (const request of apiRequests()) expect(request.path).toMatch(/^[!$&'()*+,\-./0-9:;=@A-Z_a-z~%]+$/);
});

const run = (parameters: INodeParameters) => ditio.run(parameters);

describe('lookups', () => {
	test('Get by project number and task number', async () => {
		const { items, error } = await run({ resource: 'task', operation: 'get', lookupBy: 'taskNumber', projectNumber: PROJECT_NUMBER, taskNumber: TASK_NUMBER });
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.id)).toEqual([taskId]);
		expect(paths()).toEqual([['GET', 'tasks', 'by-project-number', PROJECT_NUMBER, 'by-task-number', TASK_NUMBER]]);
	});

	test('Get by external project number and external ID', async () => {
		const { items, error } = await run({
			resource: 'task',
			operation: 'get',
			lookupBy: 'externalId',
			externalProjectNumber: EXTERNAL_PROJECT_NUMBER,
			externalId: TASK_NUMBER,
		});
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.id)).toEqual([taskId]);
		expect(paths()).toEqual([['GET', 'tasks', 'by-external-project-number', EXTERNAL_PROJECT_NUMBER, 'by-external-id', TASK_NUMBER]]);
	});

	test('Get by the demo\'s own numbers (P/2026/Æ-01, UT/01 #2? 50% Æ)', async () => {
		const { items, error } = await run({ resource: 'task', operation: 'get', lookupBy: 'taskNumber', projectNumber: 'P/2026/Æ-01', taskNumber: 'UT/01 #2? 50% Æ' });
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.id)).toEqual([DEMO_IDS.taskUtomhus]);
	});

	test.each([
		['projectNumber', PROJECT_NUMBER, 'by-project-number'],
		['externalProjectNumber', EXTERNAL_PROJECT_NUMBER, 'by-external-project-number'],
	])('Get Many by project, mode %s', async (mode, value, endpoint) => {
		const { items, error } = await run({ resource: 'task', operation: 'getAll', returnAll: true, listBy: 'project', project: { __rl: true, mode, value } });
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.externalId).sort()).toEqual(['WO', TASK_NUMBER].sort());
		expect(paths()).toEqual([['GET', 'tasks', endpoint, value]]);
	});

	test('Get Many by production code', async () => {
		const { items, error } = await run({ resource: 'task', operation: 'getAll', returnAll: true, listBy: 'productionCode', productionCode: PRODUCTION_CODE });
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.id)).toEqual([taskId]);
		expect(paths()).toEqual([['GET', 'tasks', 'by-production-code', PRODUCTION_CODE]]);
	});

	test('Get Many by project number and task number', async () => {
		const { items, error } = await run({
			resource: 'task',
			operation: 'getAll',
			returnAll: true,
			listBy: 'taskNumber',
			projectNumber: PROJECT_NUMBER,
			taskNumber: TASK_NUMBER,
		});
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((t) => t.id)).toEqual([taskId]);
		expect(paths()).toEqual([['GET', 'tasks', 'by-project-number', PROJECT_NUMBER, 'by-task-number', TASK_NUMBER, 'list']]);
	});
});

describe('writes into a project named by such a number', () => {
	const NEW_NUMBER = 'WO/11 #4? 100% Å';

	test('Create: the project is found by its number, the child by its parent\'s external ID', async () => {
		const { items, error } = await run({
			resource: 'task',
			operation: 'create',
			project: byNumber(PROJECT_NUMBER),
			externalId: NEW_NUMBER,
			additionalFields: { name: 'Ny', parentExternalId: TASK_NUMBER },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ projectId, externalId: NEW_NUMBER, taskNumber: NEW_NUMBER, parentActivityId: taskId, outcome: 'created' });
		expect(paths()[0]).toEqual(['GET', 'projects', 'by-project-number', PROJECT_NUMBER]);

		const found = await run({ resource: 'task', operation: 'get', lookupBy: 'taskNumber', projectNumber: PROJECT_NUMBER, taskNumber: NEW_NUMBER });
		expect(found.items[0].json.id).toBe(items[0].json.id);
	});

	test('Create or Update: the existing work order is matched by its number, nothing is written', async () => {
		const { items, error } = await run({
			resource: 'task',
			operation: 'upsert',
			project: byNumber(PROJECT_NUMBER),
			externalId: TASK_NUMBER,
			additionalFields: { name: 'Østre del', externalDim01: PRODUCTION_CODE },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: taskId, outcome: 'unchanged' });
		expect(paths()).toEqual([
			['GET', 'projects', 'by-project-number', PROJECT_NUMBER],
			['GET', 'tasks', 'project', projectId],
		]);
	});

	test('Replace: the project is found by its number', async () => {
		const { items, error } = await run({
			resource: 'task',
			operation: 'replace',
			taskId,
			project: byNumber(PROJECT_NUMBER),
			externalId: TASK_NUMBER,
			additionalFields: { name: 'Østre del, ny' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: taskId, name: 'Østre del, ny', externalDim01: null });
	});
});

describe('numbers that are dot segments', () => {
	// `.` and `..` are valid ERP numbers, but a URL path resolves them away; the user must get
	// the work order with that number or an error, never another record.
	test.each([
		['by task number', { lookupBy: 'taskNumber', projectNumber: 'P-2026-001' }, 'taskNumber'],
		['by external ID', { lookupBy: 'externalId', externalProjectNumber: 'ERP-1001' }, 'externalId'],
	])('Get %s "..": never another work order', async (_, lookup, key) => {
		ditio.sandbox.store.addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: '..', name: 'To punktum' });
		const { items, error } = await run({ resource: 'task', operation: 'get', ...lookup, [key]: '..' });
		const got = jsonOf(items);
		expect(got.filter((t) => t.externalId !== '..')).toEqual([]);
		expect(error !== undefined || got.length === 1).toBe(true);
	});
});
