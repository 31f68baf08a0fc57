// @ts-check
'use strict';
const { startSandbox, DEMO_CLIENT } = require('../../sandbox/server');
const { tokenRequest, call, apiPath } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
beforeAll(async () => {
	sb = await startSandbox({
		clients: [DEMO_CLIENT, { clientId: 'two-scopes', clientSecret: 's', companyIds: [DEMO_CLIENT.companyIds[0]], scopes: ['ditioapiv3', 'reportingapiv1'] }],
	});
});
afterAll(() => sb.close());
beforeEach(() => sb.setTokenLifetime(1800));

const good = { grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret, scope: 'ditioapiv3' };
/** Basic auth as IdentityServer reads it: each half form-encoded. @param {string} id @param {string} secret */
const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('token endpoint', () => {
	test('issues an opaque bearer token for the client credentials in the form body', async () => {
		const { status, body, headers } = await tokenRequest(sb, good);
		expect(status).toBe(200);
		expect(body).toEqual({ access_token: expect.stringMatching(/^\S{20,}$/), expires_in: 1800, token_type: 'Bearer', scope: 'ditioapiv3' });
		expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(headers.get('cache-control')).toBe('no-store');
		const api = await call(sb, 'GET', apiPath('projects'), { token: body.access_token });
		expect(api.status).toBe(200);
	});

	test('expires_in follows the configured lifetime', async () => {
		sb.setTokenLifetime(60);
		expect((await tokenRequest(sb, good)).body.expires_in).toBe(60);
	});

	test('accepts the credentials in a Basic header when each half is form-encoded', async () => {
		const encoded = basic(encodeURIComponent(DEMO_CLIENT.clientId), encodeURIComponent(DEMO_CLIENT.clientSecret));
		const { status } = await tokenRequest(sb, { grant_type: 'client_credentials', scope: 'ditioapiv3' }, { Authorization: encoded });
		expect(status).toBe(200);
	});

	test('refuses a Basic header whose secret is not form-encoded (+ and % in the secret)', async () => {
		const raw = basic(DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
		const { status, body } = await tokenRequest(sb, { grant_type: 'client_credentials' }, { Authorization: raw });
		expect(status).toBe(400);
		expect(body).toEqual({ error: 'invalid_client' });
	});

	test('refuses a form body whose secret was not percent-encoded (+ turns into a space)', async () => {
		const res = await fetch(sb.tokenUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=sandbox-secret-+%25/=`,
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: 'invalid_client' });
	});

	test.each([
		['a wrong secret', { client_secret: 'nope' }],
		['an unknown client', { client_id: 'who-is-this' }],
		['no secret', { client_secret: undefined }],
	])('answers invalid_client for %s', async (_, change) => {
		const fields = /** @type {Record<string, string>} */ (JSON.parse(JSON.stringify({ ...good, ...change })));
		const { status, body } = await tokenRequest(sb, fields);
		expect(status).toBe(400);
		expect(body).toEqual({ error: 'invalid_client' });
	});

	test.each(['password', 'authorization_code', ''])('answers unsupported_grant_type for grant_type %j', async (grant) => {
		const { status, body } = await tokenRequest(sb, { ...good, grant_type: grant });
		expect(status).toBe(400);
		expect(body).toEqual({ error: 'unsupported_grant_type' });
	});

	test('answers invalid_scope for a scope the client may not have', async () => {
		const { status, body } = await tokenRequest(sb, { ...good, scope: 'ditioapiv3 reportingapiv1' });
		expect(status).toBe(400);
		expect(body).toEqual({ error: 'invalid_scope' });
	});

	test('grants every allowed scope when none is asked for, and several when asked space-separated', async () => {
		const { scope, ...withoutScope } = good;
		expect((await tokenRequest(sb, withoutScope)).body.scope).toBe('ditioapiv3');
		const both = await tokenRequest(sb, { grant_type: 'client_credentials', client_id: 'two-scopes', client_secret: 's', scope: 'reportingapiv1 ditioapiv3' });
		expect(both.body.scope).toBe('reportingapiv1 ditioapiv3');
	});

	test('answers invalid_request to a body that is not form-encoded', async () => {
		const res = await fetch(sb.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(good) });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: 'invalid_request' });
	});

	test('answers 405 to anything but POST', async () => {
		const res = await fetch(sb.tokenUrl);
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('POST');
	});
});
