// @ts-check
'use strict';
/**
 * n8n's REST API as the editor uses it: claiming a fresh 1.x instance for the demo owner, and
 * logging in for a session cookie.
 */
const { DEMO_LOGIN, isLine1x } = require('./n8n-env');

/**
 * n8n 1.x: claims the fresh instance for the demo login (POST /rest/owner/setup), as its setup
 * screen does; 2.x takes the owner from the environment (n8nEnv) and needs nothing.
 * @param {{ line?: string }} inst
 * @param {string} baseUrl
 */
async function setUpOwner(inst, baseUrl, { email, password, firstName, lastName } = DEMO_LOGIN) {
	if (!isLine1x(inst)) return;
	// 1.x answers /healthz/readiness before its REST routes are mounted: retry while 404.
	const deadline = Date.now() + 120000;
	for (;;) {
		const res = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password, firstName, lastName }),
		});
		const text = await res.text();
		if (res.status === 200 || text.includes('already setup')) return;
		if (res.status !== 404 || Date.now() > deadline) throw new Error(`owner setup failed: ${res.status} ${text}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

/**
 * Logs in as the editor does; answers the session cookie.
 * @param {string} baseUrl
 */
async function login(baseUrl, { email, password } = DEMO_LOGIN) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	return cookies.join('; ');
}

module.exports = { setUpOwner, login };
