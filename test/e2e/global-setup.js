// @ts-check
'use strict';
/**
 * Before the e2e tier: the package built (npm test builds first; a lone `jest --selectProjects e2e`
 * builds here when dist/ is stale) and both local n8n lines installed (scripts/n8n-install.js:
 * 2.x about 4–8 minutes, 1.x about 3 minutes the first time on a clean machine, nothing after),
 * and what the editor and queue files need beyond Node.js (scripts/lib/needs.js). A file whose
 * need is missing is skipped, with one line here naming it and the command that enables it; with
 * CI=true a missing need fails the run instead, so CI never passes on a skipped file. The verdict
 * reaches the test files through the environment (jest starts its workers after this).
 */
module.exports = async function globalSetup() {
	const { ensureN8n } = require('../../scripts/n8n-install');
	const { buildIfNeeded } = require('../../scripts/lib/n8n-instance');
	process.stdout.write('\n');
	buildIfNeeded((msg) => process.stdout.write(`[e2e] ${msg}\n`));
	await ensureN8n({ line: '2.x' });
	await ensureN8n({ line: '1.x' });

	const { e2eNeeds } = require('../../scripts/lib/needs');
	const needs = e2eNeeds((msg) => process.stdout.write(`[e2e] ${msg}\n`));
	if (needs.chromium) {
		process.env.DITIO_E2E_CHROMIUM = needs.chromium;
		process.stdout.write(`[e2e] Chromium: ${needs.chromium} (${needs.chromiumSource})\n`);
	}
	const skips = [needs.editor, needs.queue].filter(Boolean);
	if (skips.length && process.env.CI === 'true') {
		throw new Error(`CI=true and the e2e tier would skip files:\n  ${skips.join('\n  ')}`);
	}
	for (const line of skips) process.stdout.write(`[e2e] ${line}\n`);
	if (needs.editor) process.env.DITIO_E2E_SKIP_EDITOR = needs.editor;
	if (needs.queue) process.env.DITIO_E2E_SKIP_QUEUE = needs.queue;
};
