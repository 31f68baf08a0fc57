// @ts-check
'use strict';
/** The sandbox's absence push keeps the rules Ditio documents (docs/ditio-api.md, Absences push). */
const { startSandbox, FEED_CLIENT } = require('../../sandbox/server');
const { call, getToken, client } = require('./helpers');

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
const v5 = (...segments) => `/core/api/v5/integration/absences${segments.map((s) => `/${encodeURIComponent(s)}`).join('')}`;
// Monday 2 March to Sunday 8 March 2026.
const week = { externalId: '884213/1/7', employeeNumber: '1001', absenceTypeCode: '710', startDate: '2026-03-02', endDate: '2026-03-08' };

test('upsert by externalId: 201 the first time, 200 after; Monday to Sunday is five work days', async () => {
	const made = await api.post(v5(), { ...week, hoursPerDay: 7.5, approved: true });
	expect(made.status).toBe(201);
	expect(made.body).toMatchObject({ externalId: '884213/1/7', daysQty: 5, userName: 'Kari Nordmann', absenceTypeName: 'Sykemelding', approved: true });
	expect(made.body.days.map((/** @type {{ date: string }} */ d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
	// approved applies only on create.
	const updated = await api.post(v5(), { ...week, externalId: '  884213/1/7 ', comment: 'Forlenget', approved: false });
	expect(updated.status).toBe(200);
	expect(updated.body).toMatchObject({ comment: 'Forlenget', approved: true });
	expect(sb.store.absences.size).toBe(1);
});

test('externalId is case-sensitive, and one with / is read and cancelled as one encoded segment', async () => {
	await api.post(v5(), { ...week, externalId: 'ABC-1' });
	expect((await api.post(v5(), { ...week, externalId: 'abc-1' })).status).toBe(201);
	expect((await api.post(v5(), week)).status).toBe(201);
	expect((await api.get(v5('884213/1/7'))).body).toMatchObject({ externalId: '884213/1/7' });
	expect((await api.del(v5('884213/1/7'))).status).toBe(204);
	expect((await api.del(v5('884213/1/7'))).status).toBe(404);
	expect((await api.get(v5('ABC-1'))).status).toBe(200);
});

test('days set hours, add a weekend day inside the period, remove a day with 0; days outside are ignored', async () => {
	const { body } = await api.post(v5(), {
		...week,
		days: [{ date: '2026-03-03', qty: 4 }, { date: '2026-03-07', qty: 3 }, { date: '2026-03-06', qty: 0 }, { date: '2026-03-20', qty: 8 }],
	});
	expect(body.days.map((/** @type {{ date: string, qty: number }} */ d) => [d.date, d.qty])).toEqual([
		['2026-03-02', 7.5], ['2026-03-03', 4], ['2026-03-04', 7.5], ['2026-03-05', 7.5], ['2026-03-07', 3],
	]);
	expect(body.daysQty).toBe(5);
});

test('a type code must match exactly one active type, with the candidates listed; the id wins', async () => {
	const ambiguous = await api.post(v5(), { ...week, absenceTypeCode: '750' });
	expect(ambiguous.status).toBe(400);
	expect(ambiguous.body.errors[0].message).toMatch(/matches 2 active types: 750 Permisjon med lønn \(id \w+\), 750 Permisjon uten lønn/);
	const none = await api.post(v5(), { ...week, absenceTypeCode: '999' });
	expect(none.body.errors[0].message).toMatch(/No active absence type has code 999. Candidates: 700 Egenmelding/);
	// An inactive type of the same code does not count.
	expect((await api.post(v5(), { ...week, absenceTypeCode: '700' })).body.absenceTypeName).toBe('Egenmelding');
	const [, , ferie] = sb.store.absenceTypes;
	expect((await api.post(v5(), { ...week, absenceTypeCode: '750', absenceTypeId: ferie.id })).body.absenceTypeName).toBe('Ferie');
});

test('plain dates only, the employee must exist, a project number that fits several projects is refused', async () => {
	expect((await api.post(v5(), { ...week, startDate: '2026-03-02T00:00:00Z' })).body.errors[0].field).toBe('StartDate');
	expect((await api.post(v5(), { ...week, employeeNumber: '9001' })).body.errors[0].message).toMatch(/9001 finnes ikke/);
	sb.store.addProject(sb.store.employees.get('1001')?.companyId ?? '', { projectNumber: 'ERP-1001', name: 'Dobbel' });
	const ambiguous = await api.post(v5(), { ...week, projectNumber: 'ERP-1001' });
	expect(ambiguous.body.errors[0]).toMatchObject({ field: 'ProjectNumber', message: expect.stringMatching(/ambiguous/) });
	expect((await api.post(v5(), { ...week, projectNumber: 'P-2026-001' })).body).toMatchObject({ projectNumber: 'P-2026-001', projectName: expect.any(String) });
});

test('a settled day must come back unchanged or the push is refused (409); an absence with one cannot be deleted', async () => {
	await api.post(v5(), week);
	const settled = await call(sb, 'POST', '/__sandbox/absence-day', { json: { externalId: week.externalId, date: '2026-03-03', state: 'locked' } });
	expect(settled.body.days[1]).toMatchObject({ date: '2026-03-03', locked: true });
	const changed = await api.post(v5(), { ...week, days: [{ date: '2026-03-03', qty: 2 }] });
	expect(changed.status).toBe(409);
	expect(changed.body.message).toMatch(/2026-03-03 er låst/);
	const shortened = await api.post(v5(), { ...week, startDate: '2026-03-04' });
	expect(shortened.status).toBe(409);
	// The rest stays editable: comment, unsettled days, extending.
	const extended = await api.post(v5(), { ...week, endDate: '2026-03-10', comment: 'Forlenget', days: [{ date: '2026-03-02', qty: 0 }] });
	expect(extended.status).toBe(200);
	expect(extended.body.days.find((/** @type {{ date: string }} */ d) => d.date === '2026-03-03')).toMatchObject({ qty: 7.5, locked: true });
	const refused = await api.del(v5(week.externalId));
	expect(refused.status).toBe(409);
	expect(sb.store.absences.size).toBe(1);
});

test('both paths of the samples answer; a token without ditioapiv3 gets 401, not 403', async () => {
	expect((await api.post('/core/api/integration/absences', week)).status).toBe(201);
	expect((await api.get(v5(week.externalId))).status).toBe(200);
	const reportingOnly = await getToken(sb, FEED_CLIENT, 'reportingapiv1');
	const refused = await call(sb, 'GET', v5(week.externalId), { token: reportingOnly });
	expect(refused.status).toBe(401);
	expect(refused.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
	expect((await call(sb, 'GET', '/core/api/v4/integration/projects', { token: reportingOnly })).status).toBe(403);
});
