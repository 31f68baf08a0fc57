// @ts-check
'use strict';
const { startSandbox, DEMO_CLIENT } = require('../../sandbox/server');
const { getToken, call, apiPath, tokenRequest } = require('./helpers');

const REPORTING = { clientId: 'reporting-only', clientSecret: 'r', companyIds: [DEMO_CLIENT.companyIds[0]], scopes: ['ditioapiv3', 'reportingapiv1'] };
const DOOMED = { clientId: 'doomed', clientSecret: 'd', companyIds: [DEMO_CLIENT.companyIds[0]], scopes: ['ditioapiv3'] };

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo', clients: [DEMO_CLIENT, REPORTING, DOOMED] });
});
afterAll(() => sb.close());
beforeEach(() => sb.setTokenLifetime(1800));

const projects = apiPath('projects');

describe('bearer tokens on the API', () => {
	test('no token, an unknown token and a malformed header answer 401 with an empty body', async () => {
		for (const headers of /** @type {Record<string, string>[]} */ ([{}, { Authorization: 'Bearer not-a-token' }, { Authorization: 'Token abc' }])) {
			const res = await call(sb, 'GET', projects, { headers });
			expect(res.status).toBe(401);
			expect(res.text).toBe('');
			expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
		}
	});

	test('a token issued before expireAllTokens() answers 401 saying when it expired; a new one works', async () => {
		const token = await getToken(sb);
		expect((await call(sb, 'GET', projects, { token })).status).toBe(200);
		sb.expireAllTokens();
		const res = await call(sb, 'GET', projects, { token });
		expect(res.status).toBe(401);
		expect(res.text).toBe('');
		expect(res.headers.get('www-authenticate')).toMatch(
			/^Bearer error="invalid_token", error_description="The token expired at '\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d'"$/,
		);
		expect(sb.requests.at(-1)?.auth).toBe('expired');
		expect((await call(sb, 'GET', projects, { token: await getToken(sb) })).status).toBe(200);
	});

	test('a token is refused once its lifetime is over', async () => {
		sb.setTokenLifetime(0);
		const token = await getToken(sb);
		expect((await call(sb, 'GET', projects, { token })).status).toBe(401);
	});

	test('a revoked client gets invalid_client from the token endpoint and 401 with its tokens; restoring undoes it', async () => {
		const token = await getToken(sb, DOOMED);
		sb.revokeClient(DOOMED.clientId);
		expect((await call(sb, 'GET', projects, { token })).status).toBe(401);
		expect(sb.requests.at(-1)?.auth).toBe('invalid');
		const refused = await tokenRequest(sb, { grant_type: 'client_credentials', client_id: DOOMED.clientId, client_secret: DOOMED.clientSecret });
		expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
		sb.restoreClient(DOOMED.clientId);
		expect((await call(sb, 'GET', projects, { token })).status).toBe(200);
	});

	test('a valid token without scope ditioapiv3 answers 403 with an empty body', async () => {
		const token = await getToken(sb, REPORTING, 'reportingapiv1');
		const res = await call(sb, 'GET', projects, { token });
		expect(res.status).toBe(403);
		expect(res.text).toBe('');
		expect(sb.requests.at(-1)?.auth).toBe('ok');
	});

	test('routing comes first: an unknown path is 404 and a wrong method 405 even without a token', async () => {
		expect((await call(sb, 'GET', apiPath('nothing-here'))).status).toBe(404);
		expect((await call(sb, 'POST', apiPath('projects', 'by-project-number', 'P-1'))).status).toBe(405);
	});
});
