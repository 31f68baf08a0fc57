/**
 * Employee resource (v5), engine tier: every operation against the sandbox, what Ditio is sent
 * (PATCH with only the differences, null only when asked for, dates as yyyy-MM-dd, numbers with
 * `/` and Ø as one path segment), and a 409 that fails the item once, with a hint to reload.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEMO_COMPANY_ID, jsonOf, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const { apiRequests, writes } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const held = (employeeNumber: string): Record<string, any> | undefined => ditio.sandbox.store.employees.get(employeeNumber);
/** "PATCH employees ØST/17": the path after /core/api/v5/integration, decoded. */
const routeOf = (r: { method: string; segments: string[] }) => [r.method, ...r.segments.slice(4)].join(' ');

beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.sandbox.clearRequests();
});

const employee = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'employee', operation, ...extra });
const newcomer = {
	employeeNumber: '={{ $json.nr }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	phone: '={{ $json.phone }}',
	startDate: '={{ $json.start }}',
	payroll: 1,
};

describe('Create', () => {
	test('sends the profile with its first employment, dates as yyyy-MM-dd whatever the input wrote', async () => {
		const { items, error } = await ditio.run(
			employee('create', { ...newcomer, additionalFields: { birthDate: '15.05.1990', department: 'Anlegg' } }),
			[{ nr: 'NY/Ø 1', first: 'Nora', last: 'Berg', phone: '+4791112222', start: '05.01.2026' }],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'created', employeeNumber: 'NY/Ø 1' });
		expect(apiRequests().map(routeOf)).toEqual(['POST employees']);
		expect(apiRequests()[0].body).toEqual({
			employeeNumber: 'NY/Ø 1',
			firstName: 'Nora',
			lastName: 'Berg',
			phone: '+4791112222',
			birthDate: '1990-05-15',
			employment: { startDate: '2026-01-05', payroll: 1, department: 'Anlegg' },
		});
		expect(held('NY/Ø 1')).toMatchObject({ employment: { startDate: '2026-01-05', department: 'Anlegg' } });
	});

	test('a bad date or a missing phone on the second item fails the run before anything is sent', async () => {
		const { error } = await ditio.run(employee('create', newcomer), [
			{ nr: '2001', first: 'A', last: 'B', phone: '+4791112222', start: '2026-01-05' },
			{ nr: '2002', first: 'C', last: 'D', phone: '+4791112223', start: '31.02.2026' },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/Employment Start Date \(startDate\).*"31.02.2026" is not a date/);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(apiRequests()).toHaveLength(0);
	});

	test('a 409 (the number is taken) fails the item once with Ditio\'s message and a hint to reload; it is not resent', async () => {
		const { items, error } = await ditio.run(employee('create', newcomer), [{ nr: '1001', first: 'Kari', last: 'N', phone: '+4791234567', start: '2026-01-05' }], {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const [failed] = jsonOf(items);
		expect(failed).toMatchObject({ httpCode: '409', itemIndex: 0 });
		expect(String(failed.error)).toMatch(/allerede i bruk/);
		expect(String(failed.description)).toMatch(/Reload the employee/);
		expect(apiRequests().map(routeOf)).toEqual(['POST employees']);
	});
});

describe('Create or Update', () => {
	const row = (nr: string, first: string, extra: Record<string, unknown> = {}) => ({ nr, first, last: 'X', phone: '+4790000000', start: '2026-01-05', email: 'ny@example.no', ...extra });
	const upsert = employee('upsert', { ...newcomer, additionalFields: { email: '={{ $json.email }}' } });

	test('one list read, then only what differs: unchanged costs nothing, a change is one PATCH of the changed fields', async () => {
		const kari = { nr: '1001', first: 'Kari', last: 'Nordmann', phone: '+4791234567', start: '2019-08-01', email: 'kari@ny.no' };
		const ola = { nr: 'ØST/17', first: 'Ola', last: 'Hansen', phone: '+4798765432', start: '2021-03-01', email: 'ola@example.no' };
		// Ola has no email in Ditio: unchanged only once the first run has written it.
		await ditio.run(upsert, [ola]);
		ditio.sandbox.clearRequests();

		const { items, error } = await ditio.run(upsert, [kari, ola, row('3001', 'Ny', { email: 'ny@example.no' })]);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((j) => [j.employeeNumber, j.outcome, j.changedFields])).toEqual([
			['1001', 'updated', ['email']],
			['ØST/17', 'unchanged', undefined],
			['3001', 'created', undefined],
		]);
		expect(apiRequests().map(routeOf)).toEqual(['GET employees', 'PATCH employees 1001', 'POST employees']);
		expect(writes()[0].body).toEqual({ email: 'kari@ny.no' });
		expect(held('1001')).toMatchObject({ email: 'kari@ny.no', firstName: 'Kari' });
	});

	test('a changed department goes through the current employment, and is named in changedFields', async () => {
		const kari = { nr: '1001', first: 'Kari', last: 'Nordmann', phone: '+4791234567', start: '2019-08-01' };
		const { items } = await ditio.run(employee('upsert', { ...newcomer, additionalFields: { department: 'Bygg' } }), [kari]);
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'updated', changedFields: ['department'] });
		expect(apiRequests().map(routeOf)).toEqual(['GET employees', 'PATCH employees 1001 update-employment']);
		expect(held('1001')!.employment.department).toBe('Bygg');
	});

	test('2,000 employees with 1 % changed cost the lower bound: one list read and one PATCH per change', async () => {
		// The sandbox is plain JS (sandbox/README.md), loaded as test/engine/support/ditio.ts loads it.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { addEmployee } = require('../../sandbox/employees') as { addEmployee: (store: unknown, companyId: string, fields: object) => void };
		const person = (i: number) => ({ nr: `H-${i}`, first: `Fornavn ${i}`, last: 'Etternavn', phone: `+47900${String(i).padStart(5, '0')}`, start: '2024-01-02', email: `p${i}@example.no` });
		for (let i = 0; i < 2000; i++) {
			const p = person(i);
			addEmployee(ditio.sandbox.store, DEMO_COMPANY_ID, { employeeNumber: p.nr, firstName: p.first, lastName: p.last, phone: p.phone, email: p.email });
		}
		const rows = Array.from({ length: 2000 }, (_, i) => (i % 100 === 7 ? { ...person(i), last: 'Endret' } : person(i)));
		const { items, error } = await ditio.run(upsert, rows);
		expect(error).toBeUndefined();
		expect(jsonOf(items).filter((j) => j.outcome === 'updated')).toHaveLength(20);
		expect(apiRequests()).toHaveLength(1 + 20);
		expect(writes().every((r) => JSON.stringify(r.body) === '{"lastName":"Endret"}')).toBe(true);
	});

	test('a failed list read fails the run before any write', async () => {
		ditio.sandbox.injectFaults([{ status: 403, method: 'GET', pathIncludes: 'employees' }]);
		const { error } = await ditio.run(upsert, [row('3001', 'Ny')]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect(writes()).toHaveLength(0);
	});
});

describe('Get, Get Many, Search', () => {
	test('Get by an employee number with / and Ø reaches that employee; include asks for the opt-in parts', async () => {
		const { items } = await ditio.run(employee('get', { employeeNumber: 'ØST/17', include: ['tags', 'employment-history'] }));
		expect(jsonOf(items)[0]).toMatchObject({ employeeNumber: 'ØST/17', firstName: 'Ola', tags: [], employmentHistory: [expect.any(Object)] });
		expect(apiRequests()[0].path).toBe('/core/api/v5/integration/employees/%C3%98ST%2F17?include=tags%2Cemployment-history');
	});

	test('an unknown employee number fails with Ditio\'s 404', async () => {
		const { error } = await ditio.run(employee('get', { employeeNumber: '9001' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
	});

	test('Get Many lists the company\'s employees up to the limit; Search finds by name', async () => {
		const all = await ditio.run(employee('getAll', { returnAll: true }));
		expect(jsonOf(all.items).map((j) => j.employeeNumber)).toEqual(['1001', 'ØST/17', '1003']);
		const two = await ditio.run(employee('getAll', { limit: 2 }));
		expect(jsonOf(two.items)).toHaveLength(2);
		const found = await ditio.run(employee('search', { query: 'hansen', returnAll: true }));
		expect(jsonOf(found.items).map((j) => j.employeeNumber)).toEqual(['ØST/17']);
	});
});

describe('Update', () => {
	test('an empty field is left out unless Clear Empty Fields is on; then it is sent as null', async () => {
		await ditio.run(employee('update', { employeeNumber: '1001', updateFields: { email: '', workTitle: 'Prosjektleder' } }));
		expect(writes()[0].body).toEqual({ workTitle: 'Prosjektleder' });
		expect(held('1001')!.email).toBe('kari.nordmann@example.no');

		ditio.sandbox.clearRequests();
		await ditio.run(employee('update', { employeeNumber: '1001', updateFields: { email: '' }, clearEmptyFields: true }));
		expect(writes()[0].body).toEqual({ email: null });
		expect(held('1001')!.email).toBeNull();
	});

	test('clearing a name or phone, or an update with nothing in it, is refused before anything is sent', async () => {
		const cleared = await ditio.run(employee('update', { employeeNumber: '1001', updateFields: { phone: '' }, clearEmptyFields: true }));
		expect(cleared.error!.message).toMatch(/Phone \(phone\)/);
		const nothing = await ditio.run(employee('update', { employeeNumber: '1001', updateFields: { email: '' } }));
		expect(nothing.error!.message).toBe('Nothing to update');
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('End Employment and Rehire', () => {
	test('ends the employment on the date given, then a rehire starts a new one', async () => {
		const ended = await ditio.run(employee('endEmployment', { employeeNumber: '1001', endDate: '2026-06-30T00:00:00' }));
		expect(jsonOf(ended.items)[0]).toMatchObject({ employment: { endDate: '2026-06-30' } });
		const rehired = await ditio.run(employee('rehire', { employeeNumber: '1001', startDate: '01.09.2026', payroll: 2 }));
		expect(jsonOf(rehired.items)[0]).toMatchObject({ employment: { startDate: '2026-09-01', endDate: null, payroll: 2 } });
		expect(apiRequests().map(routeOf)).toEqual(['PATCH employees 1001 end-employment', 'POST employees 1001 create-employment']);
		expect(held('1001')!.employmentHistory).toHaveLength(2);
	});

	test('a rehire of someone still employed fails with the 409 once, never resent', async () => {
		const { error } = await ditio.run(employee('rehire', { employeeNumber: 'ØST/17', startDate: '2026-09-01', payroll: 1 }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('409');
		expect((error as NodeApiError).description).toMatch(/Reload the employee/);
		expect(writes()).toHaveLength(1);
	});
});
