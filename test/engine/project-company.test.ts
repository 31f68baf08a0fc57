/**
 * Project resource, engine tier: which company a project is written to. The credential's Company
 * ID, unless the item overrides it under Additional Fields; with neither, the item fails before
 * any request.
 */
import { NodeOperationError } from 'n8n-workflow';

import { DEMO_COMPANY_ID, DEMO_IDS, OTHER_COMPANY_ID, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { writes } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Project = Record<string, any>;
const inCompany = (companyId: string, projectNumber: string): Project | undefined =>
	ditio.sandbox.store.findProjectByNumber(companyId, projectNumber);
const demo = (projectNumber: string) => inCompany(DEMO_COMPANY_ID, projectNumber);
const allProjects = (): Project[] => JSON.parse(JSON.stringify([...ditio.sandbox.store.projects.values()]));

beforeEach(() => ditio.sandbox.reset('demo'));

const create = (extra: Record<string, unknown>) => ({ resource: 'project', operation: 'create', ...extra });

describe('Company ID: from the credential, overridden per item, or missing', () => {
	const credential = (overrides: Record<string, unknown>) => ditio.credential(overrides);
	const TWO_COMPANIES = { clientId: 'two-companies', clientSecret: 's3cret', companyIds: [DEMO_COMPANY_ID, OTHER_COMPANY_ID], scopes: ['ditioapiv3'] };
	let twoCompanies: string;
	let noCompany: string;
	beforeAll(() => {
		ditio.sandbox.addClient(TWO_COMPANIES);
		twoCompanies = credential({ clientId: TWO_COMPANIES.clientId, clientSecret: TWO_COMPANIES.clientSecret });
		noCompany = credential({ companyId: '' });
	});

	test('without an override, the credential\'s company is used', async () => {
		const { error } = await ditio.run(create({ projectNumber: 'P-C-1' }), undefined, { credentialsId: twoCompanies });
		expect(error).toBeUndefined();
		expect(demo('P-C-1')).toBeDefined();
		expect(inCompany(OTHER_COMPANY_ID, 'P-C-1')).toBeUndefined();
		expect(writes().map((r) => r.body?.companyId)).toEqual([DEMO_COMPANY_ID]);
	});

	test.each(['create', 'upsert'])('%s: Additional Fields → Company ID wins over the credential', async (operation) => {
		const { items, error } = await ditio.run(
			{ resource: 'project', operation, projectNumber: 'P-C-2', additionalFields: { companyId: OTHER_COMPANY_ID, name: 'Annet firma' } },
			undefined,
			{ credentialsId: twoCompanies },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ companyId: OTHER_COMPANY_ID, outcome: 'created' });
		expect(inCompany(OTHER_COMPANY_ID, 'P-C-2')).toMatchObject({ name: 'Annet firma' });
		expect(demo('P-C-2')).toBeUndefined();
	});

	// The credential's company (listed first for this client) has P-2025-017; the other company does not.
	// Ditio's POST with the other company creates it there; the node must not answer with the wrong company's project.
	test.each(['create', 'upsert'])(
		'%s: with an override, a number that exists only in the credential\'s company is created in the chosen one',
		async (operation) => {
			const { items, error } = await ditio.run(
				{ resource: 'project', operation, projectNumber: 'P-2025-017', additionalFields: { companyId: OTHER_COMPANY_ID, name: 'Bryggen, annet firma' } },
				undefined,
				{ credentialsId: twoCompanies },
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ companyId: OTHER_COMPANY_ID, outcome: 'created', name: 'Bryggen, annet firma' });
			expect(inCompany(OTHER_COMPANY_ID, 'P-2025-017')).toMatchObject({ name: 'Bryggen, annet firma' });
			expect(demo('P-2025-017')!.name).toBe('Bryggen rehabilitering');
		},
	);

	test('create: with an override, a number both companies have answers with the chosen company\'s project', async () => {
		const { items, error } = await ditio.run(
			create({ projectNumber: 'P-2026-001', additionalFields: { companyId: OTHER_COMPANY_ID, name: 'Nytt navn' } }),
			undefined,
			{ credentialsId: twoCompanies },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.otherProject, companyId: OTHER_COMPANY_ID, outcome: 'unchanged' });
		expect(writes()).toEqual([]);
	});

	test.each([
		['create', { projectNumber: 'P-C-3' }],
		['upsert', { projectNumber: 'P-C-3' }],
		['replace', { project: { __rl: true, mode: 'id', value: DEMO_IDS.projectFjellhall }, projectNumber: 'P-2026-001' }],
	])('%s: with neither, the item fails before any request', async (operation, extra) => {
		const before = allProjects();
		const { error } = await ditio.run({ resource: 'project', operation, ...extra }, undefined, { credentialsId: noCompany });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('No Company ID for this item');
		expect(error!.description).toMatch(/Company ID in the Ditio credential.*Additional Fields/);
		expect(error!.context.itemIndex).toBe(0);
		expect(ditio.sandbox.apiRequestCount()).toBe(0);
		expect(allProjects()).toEqual(before);
	});

	// Dropping such an override would land the project in a company the user did not choose.
	test('an override that is not text fails the item before any request', async () => {
		const before = allProjects();
		const { error } = await ditio.run(
			create({ projectNumber: 'P-C-5', additionalFields: { companyId: '={{ $json.company }}' } }),
			[{ company: { id: OTHER_COMPANY_ID } }],
			{ credentialsId: twoCompanies },
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/companyId/);
		expect(allProjects()).toEqual(before);
	});

	test('a credential without Company ID works with an override', async () => {
		const { items, error } = await ditio.run(
			create({ projectNumber: 'P-C-4', additionalFields: { companyId: DEMO_COMPANY_ID } }),
			undefined,
			{ credentialsId: noCompany },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.outcome).toBe('created');
		expect(demo('P-C-4')).toBeDefined();
	});
});
