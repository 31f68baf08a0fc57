/**
 * Every operation of every resource, engine tier, from one table: five items, of which two or
 * three have bad input and (where the operation looks anything up) one names a project (or an
 * employee) that does not exist. With Continue On Fail: exactly five output items, paired 0…4 in order, each
 * bad one an error item naming its field or the missing number, the good ones done. Without it:
 * the run fails on the first bad item before any request; and with only the missing number left
 * among good items, it fails naming that number before anything is written.
 *
 * A new operation is one row in ROWS; an operation of the node with no row fails the first test.
 */
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { byNumber, DEMO_COMPANY_ID, DEMO_IDS, requestLog, useDitio } from './support/ditio';

// The operations as the built node has them (the engine tier loads dist/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OPERATIONS } = require('../../dist/nodes/Ditio/actions/operations') as { OPERATIONS: Record<string, Record<string, unknown>> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FEED_CLIENT } = require('../../sandbox/server');

const ditio = useDitio('demo');
const log = requestLog(ditio);
const store = () => ditio.sandbox.store;

beforeEach(() => ditio.sandbox.reset('demo'));

/** The credential with the Data Extraction option on, which the registration resources need. */
let feedCredential: string;
beforeAll(() => {
	feedCredential = ditio.credential({
		clientId: FEED_CLIENT.clientId,
		clientSecret: FEED_CLIENT.clientSecret,
		reportingApi: true,
		reportingBaseUrl: ditio.sandbox.reportingBaseUrl,
	});
});

const MISSING = 'P-9999-404';
const P1 = 'P-2026-001';
const P2 = 'P/2026/Æ-01';
const fromItem = (field: string) => `={{ $json.${field} }}`;
const projectFromItem = byNumber(fromItem('p'));

function file(fileName: string, mimeType = 'application/pdf'): IBinaryData {
	const data = Buffer.from(`contents of ${fileName}`);
	return { data: data.toString('base64'), mimeType, fileName, bytes: data.length };
}
const withFile = (json: IDataObject, field: string, fileName: string): INodeExecutionData => ({ json, binary: { [field]: file(fileName) } });

interface Row {
	parameters: INodeParameters;
	/** Five items; `before` is what setup() made. */
	items(before: IDataObject): Array<IDataObject | INodeExecutionData>;
	/** Bad input: item index → what its error item says (naming the field). At least two. */
	bad: Record<number, RegExp>;
	/** The item whose project (or other looked-up record) does not exist; absent where nothing is looked up. */
	missing?: number;
	/** The number that item names, where not MISSING (a project number). */
	missingNumber?: string;
	/** Whether the operation writes (then "nothing written" is asserted). */
	writes: boolean;
	/** The good items go in one request together (certificates' array), not one write each. */
	batched?: boolean;
	/** Records the good items work on, made in the sandbox before the run. */
	setup?(): Promise<IDataObject> | IDataObject;
	/** The credential the row runs with, where not the demo one. */
	credential?(): string;
}

const freshProjects = () => ({
	a: store().addProject(DEMO_COMPANY_ID, { projectNumber: 'P-2027-501', name: 'A' }).projectNumber,
	b: store().addProject(DEMO_COMPANY_ID, { projectNumber: 'P-2027-502', name: 'B' }).projectNumber,
});
const freshTasks = () => ({
	a: store().addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-951', name: 'A' }).id,
	b: store().addTask(DEMO_COMPANY_ID, { projectId: DEMO_IDS.projectFjellhall, externalId: 'WO-952', name: 'B' }).id,
});
/** Two files on P-2026-001, uploaded through the node itself. */
async function freshFiles(): Promise<IDataObject> {
	const { items, error } = await ditio.run(
		{ resource: 'document', operation: 'upload', attachTo: 'project', project: byNumber(P1), binaryPropertyName: 'data', options: {} },
		[withFile({}, 'data', 'a.pdf'), withFile({}, 'data', 'b.pdf')],
	);
	if (error) throw error;
	return { a: items[0].json.fileReferenceId, b: items[1].json.fileReferenceId };
}

const NOT_A_DATE = /^Invalid Start Date \(startDate\): "2027-13-01" is not a date/;
const LUNCH = /Lunch Break Start \(workBreakLunchStartTime\).*25:00/;
const LATITUDE = /Latitude \(projectLocationLatitude\).*200/;
const NO_NUMBER = /Project Number \(projectNumber\)/;
const NO_PROJECT = /^Project is empty$/;
const NOT_AN_ID = /"nope" is not a Ditio ID/;
const COST = /Cost Price \(costPrice\).*dyr/;
const NO_EXTERNAL_ID = /External ID \(externalId\)/;
const LIMIT = (value: string) => new RegExp(`^Invalid Limit \\(limit\\): "${value}" is not a whole number of 1 or more$`);

const projectCreateLike = (operation: string): Row => ({
	parameters: {
		resource: 'project',
		operation,
		projectNumber: fromItem('n'),
		additionalFields: { startDate: fromItem('start'), workBreakLunchStartTime: fromItem('lunch'), projectLocationLatitude: fromItem('lat') },
	},
	items: () => [
		{ n: 'P-2027-001', start: '2027-01-01', lunch: '11:00', lat: 60 },
		{ n: 'P-2027-002', start: '2027-13-01', lunch: '11:00', lat: 60 },
		{ n: 'P-2027-003', start: '2027-01-01', lunch: '25:00', lat: 60 },
		{ n: 'P-2027-004', start: '2027-01-01', lunch: '11:00', lat: 200 },
		{ n: '', start: '2027-01-01', lunch: '11:00', lat: 60 },
	],
	bad: { 1: NOT_A_DATE, 2: LUNCH, 3: LATITUDE, 4: NO_NUMBER },
	writes: true,
});

const taskCreateLike = (operation: string, extra: INodeParameters = {}): Row => ({
	parameters: { resource: 'task', operation, project: projectFromItem, externalId: fromItem('ext'), additionalFields: { costPrice: fromItem('cost') }, ...extra },
	items: () => [
		{ id: DEMO_IDS.taskGrunnarbeid, p: P1, ext: 'WO-801', cost: 10 },
		{ id: DEMO_IDS.taskGrunnarbeid, p: P1, ext: 'WO-802', cost: 'dyr' },
		{ id: DEMO_IDS.taskGrunnarbeid, p: P1, ext: '', cost: 10 },
		{ id: DEMO_IDS.taskGrunnarbeid, p: MISSING, ext: 'WO-804', cost: 10 },
		{ id: DEMO_IDS.taskRiving, p: P2, ext: 'WO-805', cost: 10 },
	],
	bad: { 1: COST, 2: NO_EXTERNAL_ID },
	missing: 3,
	writes: true,
});

/** Document operations on a project by number; `extra` per item. */
const documentRow = (operation: string, parameters: INodeParameters, row: Omit<Row, 'parameters'>): Row => ({
	...row,
	parameters: { resource: 'document', operation, attachTo: 'project', project: projectFromItem, options: {}, ...parameters },
});

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY = dayOf(Date.now());
const MONTH_AGO = dayOf(Date.now() - 30 * DAY);
const FROM_NOT_A_DATE = /^From Date "next week" is not a date$/;
const TO_BEFORE_FROM = new RegExp(`^To Date ${MONTH_AGO} is before From Date ${TODAY}$`);
const PAGE_SIZE = /^Options → Page Size must be a whole number from 1 to 10000, not 20000$/;

/** Get Many of a registration resource on the Data Extraction API (one record per item): window, project, approval and page size per item. */
const registrationRow = (resource: string, row: Pick<Row, 'items' | 'bad'>): Row => ({
	...row,
	parameters: {
		resource,
		operation: 'getAll',
		window: 'workDate',
		fromDate: fromItem('from'),
		toDate: fromItem('to'),
		filters: { project: projectFromItem, approval: fromItem('approval') },
		returnAll: false,
		limit: fromItem('limit'),
		options: { pageSize: fromItem('size') },
	},
	missing: 3,
	writes: false,
	credential: () => feedCredential,
});
/** One item of a registration row: the last month, any project and approval, Ditio's default page size, one record. */
const window = (extra: IDataObject = {}): IDataObject => ({ from: MONTH_AGO, to: TODAY, p: '', approval: 'any', size: 2500, limit: 1, ...extra });

/** An employee number no company of the sandbox has. */
const NO_EMPLOYEE = 'E-9999-404';
const NO_EMPLOYEE_NUMBER = /^Invalid Employee Number \(employeeNumber\): it is empty, and Ditio requires it$/;
const START_NOT_A_DATE = /^Invalid Employment Start Date \(startDate\): "31\.02\.2026" is not a date$/;
const required = (displayName: string, name: string) => new RegExp(`^Invalid ${displayName} \\(${name}\\): it is empty, and Ditio requires it$`);
// The sandbox is plain JS (sandbox/README.md), loaded as test/engine/support/ditio.ts loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addEmployee } = require('../../sandbox/employees') as { addEmployee: (store: unknown, companyId: string, fields: object) => { employeeNumber: string } };
/** Two people whose employment has ended, so a rehire has someone to take back. */
const leavers = () => ({
	a: addEmployee(store(), DEMO_COMPANY_ID, { employeeNumber: 'R-1', firstName: 'A', lastName: 'R', phone: '+4790000011', employment: { startDate: '2020-01-01', endDate: '2025-12-31' } }).employeeNumber,
	b: addEmployee(store(), DEMO_COMPANY_ID, { employeeNumber: 'R-2', firstName: 'B', lastName: 'R', phone: '+4790000012', employment: { startDate: '2020-01-01', endDate: '2025-12-31' } }).employeeNumber,
});

/** Create and Create or Update: the profile, the first employment's start date and payroll per item. */
const employeeCreateLike = (operation: string): Row => ({
	parameters: {
		resource: 'employee',
		operation,
		employeeNumber: fromItem('nr'),
		firstName: fromItem('first'),
		lastName: fromItem('last'),
		phone: fromItem('phone'),
		startDate: fromItem('start'),
		payroll: 1,
		additionalFields: {},
	},
	items: () => [
		// Create gets a new number (1001 exists: Ditio answers 409); Create or Update changes 1001's last name.
		{ nr: operation === 'upsert' ? '1001' : '3000', first: 'Kari', last: 'Endret', phone: '+4791234567', start: '2026-01-05' },
		{ nr: '3002', first: 'Nora', last: 'Berg', phone: '+4791112222', start: '31.02.2026' },
		{ nr: '3003', first: '', last: 'Berg', phone: '+4791112223', start: '2026-01-05' },
		{ nr: '3004', first: 'Nils', last: 'Berg', phone: '', start: '2026-01-05' },
		{ nr: 'NY/Ø 5', first: 'Siri', last: 'Berg', phone: '+4791112225', start: '05.01.2026' },
	],
	bad: { 1: START_NOT_A_DATE, 2: required('First Name', 'firstName'), 3: required('Phone', 'phone') },
	writes: true,
});

/** Certificates and absences: three absences pushed through the node, for Get and Delete to find. */
const EXT_REQUIRED = /^Invalid External ID \(externalId\): it is empty, and Ditio requires it$/;
const absenceFields = { employeeNumber: '1001', absenceTypeBy: 'code', absenceTypeCode: '710', startDate: '2026-03-02', endDate: '2026-03-06', additionalFields: {}, options: {} };
async function freshAbsences(): Promise<IDataObject> {
	const { error } = await ditio.run({ resource: 'absence', operation: 'upsert', ...absenceFields, externalId: fromItem('ext') }, [{ ext: 'A-1' }, { ext: 'A/2' }, { ext: 'A-3' }]);
	if (error) throw error;
	return { a: 'A-1', b: 'A/2', c: 'A-3' };
}
const absenceByExternalId = (operation: string, writes: boolean): Row => ({
	parameters: { resource: 'absence', operation, externalId: fromItem('ext'), options: {} },
	setup: freshAbsences,
	items: ({ a, b, c }) => [{ ext: a }, { ext: '' }, { ext: ' ' }, { ext: b }, { ext: c }],
	bad: { 1: EXT_REQUIRED, 2: EXT_REQUIRED },
	writes,
});
/** Machines: by fleet number, with `/`, a space and Ø in one; M-404 is no machine of the sandbox's. */
const byMachineNumber = (value: string) => ({ __rl: true, mode: 'machineNumber', value });
const NO_MACHINE_NUMBER = /^Invalid Machine Number \(machineNumber\): it is empty, and Ditio requires it$/;
const NO_MACHINE = /^Machine is empty$/;
const machineCreateLike = (operation: string): Row => ({
	parameters: { resource: 'machine', operation, machineNumber: fromItem('nr'), additionalFields: { typeId: 'dumper', fuelType: fromItem('fuel'), serviceDate: fromItem('service') } },
	items: () => [
		{ nr: operation === 'upsert' ? 'M-101' : 'MX-1', fuel: 'Diesel', service: '2026-03-01' },
		{ nr: 'MX-2', fuel: 'Kull', service: '2026-03-01' },
		{ nr: '', fuel: 'Diesel', service: '2026-03-01' },
		{ nr: 'MX-4', fuel: 'Diesel', service: '31.02.2026' },
		{ nr: 'MX/Ø 5', fuel: 'electric', service: '01.03.2026' },
	],
	bad: { 1: /^Invalid Fuel Type \(fuelType\): "Kull" is not one of None \(0\)/, 2: NO_MACHINE_NUMBER, 3: /^Invalid Service Date \(serviceDate\): "31\.02\.2026" is not a date$/ },
	writes: true,
});
const machineByNumberRow = (operation: string, extra: INodeParameters, items: IDataObject[], bad: Row['bad'], writes: boolean): Row => ({
	parameters: { resource: 'machine', operation, machine: byMachineNumber(fromItem('nr')), ...extra },
	items: () => items,
	bad,
	missing: 3,
	missingNumber: 'M-404',
	writes,
});
const machineItems = [{ nr: 'M-101' }, { nr: '' }, { nr: ' ' }, { nr: 'M-404' }, { nr: 'GM/12 Ø' }];

/** resource → operation → row. Add a row with every new operation. */
const ROWS: Record<string, Record<string, Row>> = {
	project: {
		create: projectCreateLike('create'),
		upsert: projectCreateLike('upsert'),
		update: {
			parameters: { resource: 'project', operation: 'update', project: projectFromItem, updateFields: { projectLocationLatitude: fromItem('lat') } },
			items: () => [
				{ p: P1, lat: 59 },
				{ p: P1, lat: 200 },
				{ p: '', lat: 59 },
				{ p: MISSING, lat: 59 },
				{ p: P2, lat: 60 },
			],
			bad: { 1: LATITUDE, 2: NO_PROJECT },
			missing: 3,
			writes: true,
		},
		replace: {
			parameters: { resource: 'project', operation: 'replace', project: projectFromItem, projectNumber: fromItem('p'), additionalFields: { startDate: fromItem('start') } },
			items: () => [
				{ p: P1, start: '2027-01-01' },
				{ p: P1, start: '2027-13-01' },
				{ p: '', start: '2027-01-01' },
				{ p: MISSING, start: '2027-01-01' },
				{ p: P2, start: '2027-01-01' },
			],
			bad: { 1: NOT_A_DATE, 2: NO_NUMBER },
			missing: 3,
			writes: true,
		},
		delete: {
			parameters: { resource: 'project', operation: 'delete', project: projectFromItem },
			setup: freshProjects,
			items: ({ a, b }) => [{ p: a }, { p: '' }, { p: ' ' }, { p: MISSING }, { p: b }],
			bad: { 1: NO_PROJECT, 2: NO_PROJECT },
			missing: 3,
			writes: true,
		},
		get: {
			parameters: { resource: 'project', operation: 'get', project: projectFromItem },
			items: () => [{ p: P1 }, { p: '' }, { p: ' ' }, { p: MISSING }, { p: P2 }],
			bad: { 1: NO_PROJECT, 2: NO_PROJECT },
			missing: 3,
			writes: false,
		},
		getAll: {
			parameters: { resource: 'project', operation: 'getAll', returnAll: false, limit: fromItem('limit') },
			items: () => [{ limit: 1 }, { limit: 0 }, { limit: 'alle' }, { limit: 1.5 }, { limit: 1 }],
			bad: { 1: LIMIT('0'), 2: LIMIT('alle'), 3: LIMIT('1.5') },
			writes: false,
		},
	},
	task: {
		create: taskCreateLike('create'),
		upsert: taskCreateLike('upsert'),
		replace: taskCreateLike('replace', { taskId: fromItem('id') }),
		update: {
			parameters: { resource: 'task', operation: 'update', taskId: fromItem('id'), updateFields: { costPrice: fromItem('cost') } },
			items: () => [
				{ id: DEMO_IDS.taskGrunnarbeid, cost: 10 },
				{ id: 'nope', cost: 10 },
				{ id: DEMO_IDS.taskGrunnarbeid, cost: 'dyr' },
				{ id: '', cost: 10 },
				{ id: DEMO_IDS.taskRiving, cost: 20 },
			],
			bad: { 1: NOT_AN_ID, 2: COST, 3: /Work Order ID/ },
			writes: true,
		},
		delete: {
			parameters: { resource: 'task', operation: 'delete', taskId: fromItem('id') },
			setup: freshTasks,
			items: ({ a, b }) => [{ id: a }, { id: 'nope' }, { id: '' }, { id: 'zzz' }, { id: b }],
			bad: { 1: NOT_AN_ID, 2: /Work Order ID/, 3: /"zzz" is not a Ditio ID/ },
			writes: true,
		},
		get: {
			parameters: { resource: 'task', operation: 'get', lookupBy: 'taskNumber', projectNumber: fromItem('p'), taskNumber: fromItem('t') },
			items: () => [
				{ p: P1, t: 'WO-100' },
				{ p: '', t: 'WO-100' },
				{ p: P1, t: '' },
				{ p: MISSING, t: 'WO-100' },
				{ p: P2, t: 'A-01' },
			],
			bad: { 1: NO_NUMBER, 2: /Task Number \(taskNumber\)/ },
			missing: 3,
			writes: false,
		},
		getAll: {
			parameters: { resource: 'task', operation: 'getAll', listBy: 'project', project: projectFromItem, returnAll: false, limit: fromItem('limit') },
			items: () => [
				{ p: P1, limit: 1 },
				{ p: P1, limit: 0 },
				{ p: '', limit: 1 },
				{ p: MISSING, limit: 1 },
				{ p: P2, limit: 1 },
			],
			bad: { 1: LIMIT('0'), 2: NO_PROJECT },
			missing: 3,
			writes: false,
		},
	},
	document: {
		upload: documentRow('upload', { binaryPropertyName: 'data' }, {
			items: () => [
				withFile({ p: P1 }, 'data', 'ok-1.pdf'),
				withFile({ p: P1 }, 'other', 'ok.pdf'),
				withFile({ p: P1 }, 'data', 'skript.js'),
				withFile({ p: MISSING }, 'data', 'ok-3.pdf'),
				withFile({ p: P2 }, 'data', 'ok-4.pdf'),
			],
			bad: { 1: /no binary field "data"/, 2: /skript\.js/ },
			missing: 3,
			writes: true,
		}),
		getAll: documentRow('getAll', { returnAll: false, limit: fromItem('limit') }, {
			items: () => [{ p: P1, limit: 1 }, { p: P1, limit: 0 }, { p: '', limit: 1 }, { p: MISSING, limit: 1 }, { p: P1, limit: 1 }],
			bad: { 1: LIMIT('0'), 2: NO_PROJECT },
			missing: 3,
			writes: false,
		}),
		download: documentRow('download', { fileReferenceId: fromItem('f') }, {
			items: () => [
				{ p: P1, f: DEMO_IDS.fileDrawingA1 },
				{ p: P1, f: '' },
				{ p: P1, f: 'Drawing-A1.pdf' },
				{ p: MISSING, f: DEMO_IDS.fileDrawingA1 },
				{ p: P1, f: DEMO_IDS.fileDrawingA1 },
			],
			bad: { 1: /File Reference ID is empty/, 2: /"Drawing-A1\.pdf" is not a Ditio ID/ },
			missing: 3,
			writes: false,
		}),
		delete: documentRow('delete', { fileReferenceId: fromItem('f') }, {
			setup: freshFiles,
			items: ({ a, b }) => [{ p: P1, f: a }, { p: P1, f: '' }, { p: '', f: a }, { p: MISSING, f: b }, { p: P1, f: b }],
			bad: { 1: /File Reference ID is empty/, 2: NO_PROJECT },
			missing: 3,
			writes: true,
		}),
		setDescription: documentRow('setDescription', { description: fromItem('text') }, {
			items: () => [
				{ p: P1, text: 'Les tegningene først.' },
				{ p: P1, text: 'x'.repeat(10_001) },
				{ p: P1, text: 42 },
				{ p: MISSING, text: 'Les tegningene.' },
				{ p: P1, text: 'Les alt.' },
			],
			bad: { 1: /Description is 10001 characters/, 2: /Description must be text/ },
			missing: 3,
			writes: true,
		}),
	},
	timeRegistration: {
		getAll: registrationRow('timeRegistration', {
			items: () => [window(), window({ limit: 'alle' }), window({ from: TODAY, to: MONTH_AGO }), window({ p: MISSING }), window({ p: P1 })],
			bad: { 1: LIMIT('alle'), 2: TO_BEFORE_FROM },
		}),
	},
	machineRegistration: {
		getAll: registrationRow('machineRegistration', {
			items: () => [window(), window({ approval: 'locked' }), window({ size: 20000 }), window({ p: MISSING }), window({ approval: 'approved' })],
			bad: { 1: /^Filters → Approval "Locked" is not known for machine registrations$/, 2: PAGE_SIZE },
		}),
	},
	absenceRegistration: {
		getAll: registrationRow('absenceRegistration', {
			items: () => [
				window({ approval: 'payrollApproved' }),
				window({ size: 20000 }),
				window({ from: 'next week' }),
				window({ p: MISSING }),
				// Absence days name no project: the good items read every project's.
				window({ approval: 'locked' }),
			],
			bad: { 1: PAGE_SIZE, 2: FROM_NOT_A_DATE },
		}),
	},
	employee: {
		// Create POSTs without a look-up; Create or Update's one list read finds no number missing (a new one is created).
		create: employeeCreateLike('create'),
		upsert: employeeCreateLike('upsert'),
		get: {
			parameters: { resource: 'employee', operation: 'get', employeeNumber: fromItem('nr'), include: [] },
			items: () => [{ nr: '1001' }, { nr: '' }, { nr: ' ' }, { nr: NO_EMPLOYEE }, { nr: 'ØST/17' }],
			bad: { 1: NO_EMPLOYEE_NUMBER, 2: NO_EMPLOYEE_NUMBER },
			missing: 3,
			missingNumber: NO_EMPLOYEE,
			writes: false,
		},
		getAll: {
			parameters: { resource: 'employee', operation: 'getAll', returnAll: false, limit: fromItem('limit'), includeEmployeesFromSubsidiaries: false },
			items: () => [{ limit: 1 }, { limit: 0 }, { limit: 'alle' }, { limit: 1.5 }, { limit: 1 }],
			bad: { 1: LIMIT('0'), 2: LIMIT('alle'), 3: LIMIT('1.5') },
			writes: false,
		},
		search: {
			parameters: { resource: 'employee', operation: 'search', query: fromItem('q'), returnAll: false, limit: fromItem('limit') },
			items: () => [{ q: 'hansen', limit: 1 }, { q: '', limit: 1 }, { q: 'Kari', limit: 0 }, { q: 'Per', limit: 'alle' }, { q: '1001', limit: 1 }],
			bad: { 1: /^Missing Query \(query\)$/, 2: LIMIT('0'), 3: LIMIT('alle') },
			writes: false,
		},
		// Update, End Employment and Rehire write to the number's own route with no look-up first:
		// an unknown number is Ditio's 404 on that write, not a failed look-up, so these rows have none.
		update: {
			parameters: { resource: 'employee', operation: 'update', employeeNumber: fromItem('nr'), updateFields: { workTitle: fromItem('title'), birthDate: fromItem('birth') } },
			items: () => [
				{ nr: '1001', title: 'Prosjektleder', birth: '' },
				{ nr: 'ØST/17', title: '', birth: '' },
				{ nr: '', title: 'Tømrer', birth: '' },
				{ nr: '1003', title: 'Tømrer', birth: '31.02.1978' },
				{ nr: 'ØST/17', title: 'Maskinfører', birth: '15.05.1990' },
			],
			bad: { 1: /^Nothing to update$/, 2: NO_EMPLOYEE_NUMBER, 3: /^Invalid Birth Date \(birthDate\): "31\.02\.1978" is not a date$/ },
			writes: true,
		},
		endEmployment: {
			parameters: { resource: 'employee', operation: 'endEmployment', employeeNumber: fromItem('nr'), endDate: fromItem('end') },
			items: () => [
				{ nr: '1001', end: '2026-06-30' },
				{ nr: 'ØST/17', end: '31.02.2026' },
				{ nr: '', end: '2026-06-30' },
				{ nr: 'ØST/17', end: '' },
				{ nr: 'ØST/17', end: '30.06.2026' },
			],
			bad: { 1: /^Invalid End Date \(endDate\): "31\.02\.2026" is not a date$/, 2: NO_EMPLOYEE_NUMBER, 3: /^Missing End Date \(endDate\)$/ },
			writes: true,
		},
		rehire: {
			parameters: { resource: 'employee', operation: 'rehire', employeeNumber: fromItem('nr'), startDate: fromItem('start'), payroll: fromItem('pay'), additionalFields: {} },
			setup: leavers,
			items: ({ a, b }) => [
				{ nr: '1003', start: '2026-09-01', pay: 1 },
				{ nr: a, start: '31.02.2026', pay: 1 },
				{ nr: a, start: '2026-09-01', pay: 'x' },
				{ nr: a, start: '01.09.2026', pay: 2 },
				{ nr: b, start: '2026-09-01', pay: 0 },
			],
			bad: { 1: START_NOT_A_DATE, 2: /^Invalid Payroll \(payroll\): "x" is not one of Enabled \(1\), Disabled \(0\), Variable \(2\)$/ },
			writes: true,
		},
	},
	// Certificates look up the employee numbers (one list read) before the array request.
	certificate: {
		upsert: {
			parameters: { resource: 'certificate', operation: 'upsert', employeeNumber: fromItem('nr'), certificateType: 'Byggekort', issuedDateTime: fromItem('from'), validUntilDateTime: fromItem('to'), additionalFields: {}, options: {} },
			items: () => [
				{ nr: '1001', from: '2026-01-05', to: '2031-01-05' },
				{ nr: '', from: '2026-01-05', to: '2031-01-05' },
				{ nr: '1001', from: '2031-01-05', to: '2026-01-05' },
				{ nr: NO_EMPLOYEE, from: '2026-01-05', to: '2031-01-05' },
				{ nr: 'ØST/17', from: '05.01.2026', to: '2031-01-05' },
			],
			bad: { 1: NO_EMPLOYEE_NUMBER, 2: /^Invalid Valid Until \(validUntilDateTime\): 2026-01-05T00:00:00Z is not after Issued/, 4: /^Invalid Issued \(issuedDateTime\): "05\.01\.2026" is not a date$/ },
			missing: 3,
			missingNumber: NO_EMPLOYEE,
			writes: true,
			batched: true,
		},
	},
	// Absences name their employee, type and project to Ditio, which resolves them: nothing is looked up first.
	absence: {
		upsert: {
			parameters: { resource: 'absence', operation: 'upsert', ...absenceFields, externalId: fromItem('ext'), startDate: fromItem('from'), endDate: fromItem('to') },
			items: () => [
				{ ext: 'N-1', from: '2026-03-02', to: '2026-03-06' },
				{ ext: 'N-2', from: '2026-03-06', to: '2026-03-02' },
				{ ext: '', from: '2026-03-02', to: '2026-03-06' },
				{ ext: 'N-4', from: '2026-03-02T08:00:00', to: 'fredag' },
				{ ext: 'N/5', from: '02.03.2026', to: '06.03.2026' },
			],
			bad: { 1: /^Invalid End Date \(endDate\): 2026-03-02 is before Start Date 2026-03-06$/, 2: EXT_REQUIRED, 3: /^Invalid End Date \(endDate\): "fredag" is not a date$/ },
			writes: true,
		},
		get: absenceByExternalId('get', false),
		delete: absenceByExternalId('delete', true),
	},
	machine: {
		create: machineCreateLike('create'),
		upsert: machineCreateLike('upsert'),
		get: machineByNumberRow('get', {}, machineItems, { 1: NO_MACHINE, 2: NO_MACHINE }, false),
		getAll: {
			parameters: { resource: 'machine', operation: 'getAll', returnAll: false, limit: fromItem('limit') },
			items: () => [{ limit: 1 }, { limit: 0 }, { limit: 'alle' }, { limit: 1.5 }, { limit: 1 }],
			bad: { 1: LIMIT('0'), 2: LIMIT('alle'), 3: LIMIT('1.5') },
			writes: false,
		},
		update: machineByNumberRow(
			'update',
			{ updateFields: { hourMeter: fromItem('h') } },
			[{ nr: 'M-101', h: 100 }, { nr: 'M-101', h: 'mye' }, { nr: '', h: 1 }, { nr: 'M-404', h: 1 }, { nr: 'GM/12 Ø', h: '12,5' }],
			{ 1: /^Invalid Hour Meter \(hourMeter\): "mye" is not a number$/, 2: NO_MACHINE },
			true,
		),
		deactivate: machineByNumberRow('deactivate', {}, machineItems, { 1: NO_MACHINE, 2: NO_MACHINE }, true),
	},
	payroll: {
		// Nothing is looked up; a range over Ditio's 45 days per call is no error (the node splits it).
		// One person-day is left in the sandbox, so a good item's export is one summary.
		getSummaries: {
			setup: () => {
				const registrations = ditio.sandbox.registrations;
				const live = registrations.live('time') as IDataObject[];
				const kept = live.find((r) => r.resourceTypeName === 'Human' && r.payrollApproved === true)!;
				for (const r of live) if (r.id !== kept.id) registrations.remove('time', r.id);
				return { day: String(kept.workDate).slice(0, 10) };
			},
			parameters: {
				resource: 'payroll',
				operation: 'getSummaries',
				fromDate: fromItem('from'),
				toDate: fromItem('to'),
				dataFilter: fromItem('filter'),
				options: { modifiedSince: fromItem('since') },
			},
			items: ({ day }) => [
				{ from: MONTH_AGO, to: TODAY, filter: 'approved', since: '' },
				{ from: MONTH_AGO, to: 'bad', filter: 'approved', since: '' },
				{ from: TODAY, to: MONTH_AGO, filter: 'all', since: '' },
				{ from: MONTH_AGO, to: TODAY, filter: 'x', since: '' },
				{ from: dayOf(Date.now() - 100 * DAY), to: TODAY, filter: 'all', since: day },
			],
			bad: { 1: /^To Date "bad" is not a date$/, 2: TO_BEFORE_FROM, 3: /^Data Filter "x" is not known$/ },
			writes: false,
		},
	},
};

const CASES = Object.entries(ROWS).flatMap(([resource, rows]) => Object.entries(rows).map(([operation, row]) => ({ name: `${resource}:${operation}`, row })));

test('every operation of the node has a row in this table, and every row an operation', () => {
	const ofNode = Object.entries(OPERATIONS).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}:${op}`));
	expect(CASES.map((c) => c.name).sort()).toEqual(ofNode.sort());
});

const indexes = (row: Row) => [...Object.keys(row.bad).map(Number), ...(row.missing === undefined ? [] : [row.missing])];

describe.each(CASES)('$name', ({ row }) => {
	test('the table row has two bad items or more, and good ones', () => {
		expect(Object.keys(row.bad).length).toBeGreaterThanOrEqual(2);
		expect(indexes(row).length).toBeLessThan(5);
	});

	test('with Continue On Fail: one output item per input item, in order; each bad one an error item naming its field or the number', async () => {
		const before = (await row.setup?.()) ?? {};
		ditio.sandbox.clearRequests();
		const { items, error } = await ditio.run(row.parameters, row.items(before), { continueOnFail: true, credentialsId: row.credential?.() });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		items.forEach(({ json }, itemIndex) => {
			const expected = row.bad[itemIndex] ?? (itemIndex === row.missing ? new RegExp(row.missingNumber ?? MISSING) : undefined);
			if (expected) {
				expect({ itemIndex, error: json.error }).toEqual({ itemIndex, error: expect.stringMatching(expected) });
				expect(json.itemIndex).toBe(itemIndex);
			} else {
				expect({ itemIndex, error: json.error }).toEqual({ itemIndex, error: undefined });
			}
		});
		if (row.missing !== undefined) expect(`${String(items[row.missing].json.error)} ${String(items[row.missing].json.description)}`).toContain(row.missingNumber ?? MISSING);
		const writes = log.writes().length;
		if (row.writes) expect(writes).toBeGreaterThanOrEqual(row.batched ? 1 : 5 - indexes(row).length);
	});

	test('without it: the first bad item fails the run before any request', async () => {
		const before = (await row.setup?.()) ?? {};
		ditio.sandbox.clearRequests();
		const { error } = await ditio.run(row.parameters, row.items(before), { credentialsId: row.credential?.() });
		const first = Math.min(...Object.keys(row.bad).map(Number));
		expect(error?.message).toMatch(row.bad[first]);
		expect(error?.context.itemIndex).toBe(first);
		expect(log.apiRequests().map(log.route)).toEqual([]);
	});

	if (row.missing !== undefined && row.writes) {
		test('without it: good items and one missing number: the run fails naming it, and nothing is written', async () => {
			const before = (await row.setup?.()) ?? {};
			ditio.sandbox.clearRequests();
			const items = row.items(before).filter((_, itemIndex) => !(itemIndex in row.bad));
			const { error } = await ditio.run(row.parameters, items, { credentialsId: row.credential?.() });
			expect(`${error?.message} ${error?.description}`).toContain(row.missingNumber ?? MISSING);
			expect(log.writes().map(log.route)).toEqual([]);
		});
	}
});
