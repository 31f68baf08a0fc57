// @ts-check
'use strict';
/** The sandbox's certificates endpoint keeps the rules Ditio documents (docs/ditio-api.md, Certificates). */
const { startSandbox, DEMO_COMPANY_ID } = require('../../sandbox/server');
const { apiPath, getToken, client } = require('./helpers');

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

const held = () => [...sb.store.certificates.values()];
const card = { employeeNumber: '1001', certificateType: 'Byggekort', issuedDateTime: '2026-01-05T00:00:00Z', validUntilDateTime: '2031-01-05T00:00:00Z' };

test('an array of certificates is saved, and sending the same employee and type again updates it (one per type)', async () => {
	const first = await api.post(apiPath('certificates'), [card, { ...card, employeeNumber: 'ØST/17', certificateNumber: 'BK-17' }]);
	expect(first.status).toBe(200);
	expect(held()).toHaveLength(2);
	const again = await api.post(apiPath('certificates'), [{ ...card, validUntilDateTime: '2032-01-05', notes: 'Fornyet' }, { ...card, certificateType: 'Kranførerbevis' }]);
	expect(again.status).toBe(200);
	expect(held()).toHaveLength(3);
	expect(held().find((c) => c.employeeNumber === '1001' && c.certificateType === 'Byggekort')).toMatchObject({
		companyId: DEMO_COMPANY_ID,
		validUntilDateTime: '2032-01-05T00:00:00Z',
		notes: 'Fornyet',
	});
});

test('one bad certificate refuses the whole array, naming each bad one by its index; none is saved', async () => {
	const { status, body } = await api.post(apiPath('certificates'), [
		card,
		{ ...card, employeeNumber: '9001' },
		{ ...card, certificateType: 'Varme arbeider', issuedDateTime: '2031-01-05', validUntilDateTime: '2026-01-05' },
		{ ...card, certificateType: '' },
	]);
	expect(status).toBe(400);
	expect(body.errors.map((/** @type {{ field: string }} */ e) => e.field)).toEqual(['[1].EmployeeNumber', '[2].ValidUntilDateTime', '[3].CertificateType']);
	expect(body.errors[0].message).toMatch(/9001 finnes ikke/);
	expect(held()).toEqual([]);
});

test('the body must be an array, and a certificate a known set of fields', async () => {
	expect((await api.post(apiPath('certificates'), card)).status).toBe(400);
	expect((await api.post(apiPath('certificates'), [])).status).toBe(400);
	const unknown = await api.post(apiPath('certificates'), [{ ...card, expires: 'soon' }]);
	expect(unknown.body.errors).toEqual([expect.objectContaining({ field: '[0].Expires', code: 'UnknownField' })]);
});
