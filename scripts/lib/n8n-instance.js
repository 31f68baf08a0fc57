// @ts-check
'use strict';
/**
 * One real n8n user folder with this package installed the way a user's n8n has it: shared by
 * `npm start` (scripts/start.js) and the end-to-end tests (test/e2e), so both run the same setup.
 * This file only gathers the pieces, each in its own file:
 *
 *   package.js      build, `npm pack`, install into a user folder
 *   n8n-env.js      fresh user folder, the environment of an instance, the demo owner
 *   n8n-cli.js      CLI runs: import, execute, activate; reading a run's output
 *   n8n-process.js  ports, `n8n start` or `n8n worker`, readiness, stopping, kill -9
 *   n8n-rest.js     REST: owner setup (1.x), login
 *   n8n-queue.js    queue mode: the variables of main and workers, a worker log read
 *   (n8n-queue-set.js starts a whole queue-mode set: Postgres, Redis, main, workers)
 *
 *   const inst = await ensureN8n();                       // scripts/n8n-install.js
 *   const folder = prepareUserFolder(dir);                // fresh folder, package copied in
 *   const env = n8nEnv({ userFolder: dir, port, brokerPort });
 *   await importCredentials(inst, env, [sandboxCredential(sb)]);
 *   await importWorkflows(inst, env, EXAMPLES_DIR);
 *   const run = await executeWorkflow(inst, env, 'ditioExErpSync01');
 *   const server = startN8n(inst, env); await waitForReady(url);
 *
 * Plain Node; only built-ins and, for the password hash, the bcryptjs inside the n8n install.
 */
module.exports = {
	...require('./package'),
	...require('./n8n-env'),
	...require('./n8n-cli'),
	...require('./n8n-process'),
	...require('./n8n-rest'),
	...require('./n8n-queue'),
};
