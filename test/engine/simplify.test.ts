import { byNumber, DEMO_IDS, jsonOf, useDitio } from './support/ditio';

const ditio = useDitio('demo');

describe('Simplify on Get and Get Many', () => {
	test('is on by default: a project keeps its identity and the fields read first', async () => {
		const { items } = await ditio.run({ resource: 'project', operation: 'get', project: byNumber('P-2026-001') });
		expect(Object.keys(items[0].json).sort()).toEqual(
			['id', 'companyId', 'projectNumber', 'name', 'externalProjectNumber', 'active', 'startDate', 'finishedDatePlanned', 'projectLeaderId', 'projectCustomerName'].sort(),
		);
		expect(items[0].json).toMatchObject({ id: DEMO_IDS.projectFjellhall, name: 'Prosjekt Fjellhall' });
	});

	test('off, a work order list returns whole records', async () => {
		const params = { resource: 'task', operation: 'getAll', listBy: 'project', project: byNumber('P-2026-001'), returnAll: true };
		const short = jsonOf((await ditio.run(params)).items);
		const whole = jsonOf((await ditio.run({ ...params, simplify: false })).items);
		expect(short.map((t) => t.id)).toEqual(whole.map((t) => t.id));
		expect(Object.keys(short[0])).toEqual(expect.arrayContaining(['id', 'projectId', 'externalId', 'name', 'active', 'parentActivityId', 'isParent']));
		expect(short[0]).not.toHaveProperty('costPrice');
		expect(whole[0]).toHaveProperty('costPrice');
		expect(Object.keys(whole[0]).length).toBeGreaterThan(Object.keys(short[0]).length + 10);
	});
});
