// @ts-check
'use strict';
/** The sandbox's v5 employee endpoints keep the rules Ditio documents (docs/ditio-api.md, Employees v5). */
const { startSandbox } = require('../../sandbox/server');
const { getToken, client } = require('./helpers');

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

/** @param {...string} segments */
const v5 = (...segments) => `/core/api/v5/integration/employees${segments.map((s) => `/${encodeURIComponent(s)}`).join('')}`;
const newcomer = {
	employeeNumber: '2001', firstName: 'Nora', lastName: 'Berg', phone: '+4791112222', birthDate: '1995-02-03',
	employment: { startDate: '2026-01-05', payroll: 1, department: 'Anlegg' },
};

test('a profile is created with its first employment, and never without one', async () => {
	const { employment, ...profileOnly } = newcomer;
	const refused = await api.post(v5(), profileOnly);
	expect(refused.status).toBe(400);
	expect(refused.body.errors.map((/** @type {{ field: string }} */ e) => e.field)).toEqual(['Employment']);

	const made = await api.post(v5(), newcomer);
	expect(made.status).toBe(201);
	expect(made.body).toMatchObject({ employeeNumber: '2001', employment: { startDate: '2026-01-05', endDate: null, payroll: 1 } });
	expect((await api.post(v5(), newcomer)).status).toBe(409);
});

test('validation errors name the field as Ditio does (Phone), and dates must be yyyy-MM-dd', async () => {
	const { body, status } = await api.post(v5(), { ...newcomer, phone: undefined, birthDate: '03.02.1995' });
	expect(status).toBe(400);
	expect(body).toMatchObject({ message: 'Validation failed' });
	expect(body.errors).toEqual([
		expect.objectContaining({ field: 'Phone', message: 'The Phone field is required.' }),
		expect.objectContaining({ field: 'BirthDate' }),
	]);
});

test('PATCH is a true PATCH: omitted stays, null clears, a required field cannot be cleared', async () => {
	const patched = await api.patch(v5('1001'), { email: null, workTitle: 'Prosjektleder' });
	expect(patched.status).toBe(200);
	expect(patched.body).toMatchObject({ email: null, workTitle: 'Prosjektleder', firstName: 'Kari', phone: '+4791234567' });
	expect((await api.patch(v5('1001'), { phone: null })).status).toBe(400);
});

test('include is opt-in; an employee number with / and Ø is one segment; another company is 404', async () => {
	const plain = await api.get(v5('ØST/17'));
	expect(plain.status).toBe(200);
	expect(plain.body.tags).toBeUndefined();
	const full = await api.get(`${v5('1001')}?include=tags,employment-history`);
	expect(full.body).toMatchObject({ tags: ['Anlegg'], employmentHistory: [expect.objectContaining({ startDate: '2019-08-01' })] });
	expect(full.body.workTimeArrangements).toBeUndefined();
	expect((await api.get(v5('9001'))).status).toBe(404);
	expect((await api.get(v5())).body.map((/** @type {{ employeeNumber: string }} */ e) => e.employeeNumber)).toEqual(['1001', 'ØST/17', '1003']);
});

test('search, end of employment, and a rehire only after it ended', async () => {
	expect((await api.get(`${v5('search')}?query=hansen`)).body.map((/** @type {{ employeeNumber: string }} */ e) => e.employeeNumber)).toEqual(['ØST/17']);
	expect((await api.post(v5('1001', 'create-employment'), { startDate: '2026-01-01', payroll: 1 })).status).toBe(409);
	const ended = await api.patch(v5('1001', 'end-employment'), { endDate: '2026-06-30' });
	expect(ended.body.employment.endDate).toBe('2026-06-30');
	const rehired = await api.post(v5('1001', 'create-employment'), { startDate: '2026-09-01', payroll: 2 });
	expect(rehired.status).toBe(201);
	expect(rehired.body.employment).toEqual({ startDate: '2026-09-01', endDate: null, department: null, payroll: 2 });
});
