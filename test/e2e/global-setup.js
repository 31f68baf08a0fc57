// @ts-check
'use strict';
/**
 * Before the e2e tier: the package built (npm test builds first; a lone `jest --selectProjects e2e`
 * builds here when dist/ is stale) and both local n8n lines installed (scripts/n8n-install.js:
 * 2.x about 4–8 minutes, 1.x about 3 minutes the first time on a clean machine, nothing after).
 */
module.exports = async function globalSetup() {
	const { ensureN8n } = require('../../scripts/n8n-install');
	const { buildIfNeeded } = require('../../scripts/lib/n8n-instance');
	process.stdout.write('\n');
	buildIfNeeded((msg) => process.stdout.write(`[e2e] ${msg}\n`));
	await ensureN8n({ line: '2.x' });
	await ensureN8n({ line: '1.x' });
};
