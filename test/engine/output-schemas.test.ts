/**
 * The output schemas the package ships (dist/nodes/Ditio/__schema__, where n8n reads them)
 * describe what each operation really returns: every operation of each resource runs against
 * the sandbox inside n8n's engine and its output items are validated against its schema.
 */
import { readFileSync } from '../host/fs';
import { join } from '../host/path';
import { ROOT } from '../host/repo';

import Ajv from 'ajv';
import type { INodeParameters } from 'n8n-workflow';

import { byId, byNumber, DEMO_IDS, jsonOf, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const ajv = new Ajv({ allErrors: true });

beforeEach(() => {
	ditio.sandbox.reset('demo');
});

/** The schema as shipped: from the built package, not from the sources. */
const schemaOf = (resource: string, operation: string) =>
	JSON.parse(readFileSync(join(ROOT, 'dist', 'nodes', 'Ditio', '__schema__', 'v1.0.0', resource, `${operation}.json`), 'utf8')) as object;

async function expectValid(resource: string, operation: string, parameters: INodeParameters) {
	const { items, error } = await ditio.run({ resource, operation, ...parameters });
	expect(error).toBeUndefined();
	const out = jsonOf(items);
	expect(out.length).toBeGreaterThan(0);
	const validate = ajv.compile(schemaOf(resource, operation));
	for (const json of out) {
		const ok = validate(json);
		expect({ json, errors: ok ? null : validate.errors }).toEqual({ json, errors: null });
	}
	return out;
}

describe('Project', () => {
	test.each<[string, INodeParameters]>([
		['create', { projectNumber: 'P-SCHEMA-01', additionalFields: { name: 'Skjema', active: true } }],
		['upsert', { projectNumber: 'P-2026-001', additionalFields: { name: 'Prosjekt Fjellhall, trinn 2' } }],
		['get', { project: byId(DEMO_IDS.projectFjellhall) }],
		['get', { project: byId(DEMO_IDS.projectFjellhall), simplify: false }],
		['getAll', { returnAll: true }],
		['getAll', { returnAll: true, simplify: false }],
		['update', { project: byNumber('P-2026-001'), updateFields: { name: 'Fjellhall' } }],
		['replace', { project: byId(DEMO_IDS.projectFjellhall), projectNumber: 'P-2026-001', additionalFields: { name: 'Fjellhall', active: true } }],
	])('%s %j', async (operation, parameters) => {
		await expectValid('project', operation, parameters);
	});

	test('delete', async () => {
		await expectValid('project', 'create', { projectNumber: 'P-SCHEMA-02', additionalFields: { name: 'Kortvarig' } });
		const [gone] = await expectValid('project', 'delete', { project: byNumber('P-SCHEMA-02') });
		expect(gone).toEqual({ deleted: true, id: expect.any(String) });
	});
});

describe('Work Order', () => {
	const fjellhall = byNumber('P-2026-001');
	test.each<[string, INodeParameters]>([
		['create', { project: fjellhall, externalId: 'WO-SCHEMA-1', additionalFields: { name: 'Skjema' } }],
		['upsert', { project: fjellhall, externalId: 'WO-100', additionalFields: { name: 'Grunnarbeid, fase 2' } }],
		['get', { lookupBy: 'id', taskId: DEMO_IDS.taskGrunnarbeid }],
		['get', { lookupBy: 'id', taskId: DEMO_IDS.taskGrunnarbeid, simplify: false }],
		['getAll', { listBy: 'project', project: fjellhall, returnAll: true }],
		['getAll', { listBy: 'project', project: fjellhall, returnAll: true, simplify: false }],
		['update', { taskId: DEMO_IDS.taskGrunnarbeid, updateFields: { estimatedHourQty: 750 } }],
	])('%s %j', async (operation, parameters) => {
		await expectValid('task', operation, parameters);
	});

	test('replace and delete', async () => {
		const [made] = await expectValid('task', 'create', { project: fjellhall, externalId: 'WO-SCHEMA-2', additionalFields: { name: 'Kortvarig' } });
		await expectValid('task', 'replace', { taskId: String(made.id), project: fjellhall, externalId: 'WO-SCHEMA-2', additionalFields: { name: 'Erstattet' } });
		await expectValid('task', 'delete', { taskId: String(made.id) });
	});
});

describe('Employee', () => {
	const newcomer = { employeeNumber: 'SKJEMA/Ø 1', firstName: 'Nora', lastName: 'Berg', phone: '+4791112222', startDate: '2026-01-05', payroll: 1 };
	test.each<[string, INodeParameters]>([
		['create', newcomer],
		['upsert', { ...newcomer, employeeNumber: '1001', firstName: 'Kari', additionalFields: { department: 'Bygg' } }],
		['get', { employeeNumber: '1001', include: ['tags'] }],
		['getAll', { returnAll: true }],
		['search', { query: 'Hansen', returnAll: true }],
		['update', { employeeNumber: '1001', updateFields: { workTitle: 'Prosjektleder' } }],
		['endEmployment', { employeeNumber: 'ØST/17', endDate: '2026-06-30' }],
		['rehire', { employeeNumber: '1003', startDate: '2026-09-01', payroll: 1 }],
	])('%s %j', async (operation, parameters) => {
		await expectValid('employee', operation, parameters);
	});
});

describe('Machine', () => {
	const m101 = { __rl: true, mode: 'machineNumber', value: 'M-101' };
	test.each<[string, INodeParameters]>([
		['create', { machineNumber: 'SKJEMA/Ø 1', additionalFields: { typeId: 'dumper', fuelType: 1 } }],
		['upsert', { machineNumber: 'M-101', additionalFields: { name: 'Hjullaster CAT 950 GC', fuelType: 'Electric' } }],
		['upsert', { machineNumber: 'M-101', additionalFields: {}, options: { previewOnly: true, deactivateMissing: true, maxDeactivateShare: 100 } }],
		['get', { machine: m101 }],
		['get', { machine: m101, simplify: false }],
		['getAll', { returnAll: true }],
		['update', { machine: m101, updateFields: { note: 'Service', fuelConsumptionRate: 15 } }],
		['deactivate', { machine: m101 }],
	])('%s %j', async (operation, parameters) => {
		await expectValid('machine', operation, parameters);
	});
});

describe('Document', () => {
	const fjellhall = byId(DEMO_IDS.projectFjellhall);
	const pdf = Buffer.from('%PDF-1.4\n% schema check\n');
	const withFile = [{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'Schema.pdf', bytes: pdf.length } } }];

	test('upload, getAll, download and delete of one file', async () => {
		const upload = { attachTo: 'project', project: fjellhall, binaryPropertyName: 'data', options: { section: 'Drawings' } };
		const { items, error } = await ditio.run({ resource: 'document', operation: 'upload', ...upload }, withFile);
		expect(error).toBeUndefined();
		const validate = ajv.compile(schemaOf('document', 'upload'));
		for (const json of jsonOf(items)) expect({ json, errors: validate(json) ? null : validate.errors }).toEqual({ json, errors: null });
		const id = String(jsonOf(items)[0].fileReferenceId);

		await expectValid('document', 'getAll', { attachTo: 'project', project: fjellhall, returnAll: true });
		await expectValid('document', 'download', { attachTo: 'project', project: fjellhall, fileReferenceId: id });
		await expectValid('document', 'delete', { attachTo: 'project', project: fjellhall, fileReferenceId: id });
	});

	test('setDescription', async () => {
		await expectValid('document', 'setDescription', { project: fjellhall, description: 'Les dette først.' });
	});
});
