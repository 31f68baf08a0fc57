#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run sandbox`: starts the Ditio sandbox with demo data and prints what a
 * Ditio credential in n8n needs. Ctrl-C stops it.
 *
 *   node sandbox/main.js [--port 4500] [--latency 0] [--token-lifetime 1800] [--seed demo|empty]
 */
const { startSandbox, DEMO_CLIENT } = require('./server');

const USAGE = 'usage: node sandbox/main.js [--port 4500] [--latency 0] [--token-lifetime 1800] [--seed demo|empty]';

/** @param {string[]} argv @returns {{ port: number, latency: number, tokenLifetime: number, seed: 'demo' | 'empty' }} */
function parseArgs(argv) {
	const options = { port: 4500, latency: 0, tokenLifetime: 1800, seed: /** @type {'demo' | 'empty'} */ ('demo') };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = inline ?? argv[++i];
		const number = Number(value);
		if (flag === '--seed' && (value === 'demo' || value === 'empty')) options.seed = value;
		else if (flag === '--port' && Number.isInteger(number) && number >= 0 && number < 65536) options.port = number;
		else if (flag === '--latency' && Number.isFinite(number) && number >= 0) options.latency = number;
		else if (flag === '--token-lifetime' && Number.isInteger(number) && number >= 0) options.tokenLifetime = number;
		else {
			console.error(flag === '--help' || flag === '-h' ? USAGE : `bad argument ${argv[i - 1] ?? ''} ${value ?? ''}\n${USAGE}`);
			process.exit(flag === '--help' || flag === '-h' ? 0 : 2);
		}
	}
	return options;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox({
		port: options.port,
		seed: options.seed,
		latencyMs: options.latency,
		tokenLifetimeSeconds: options.tokenLifetime,
	});
	console.log(`Ditio sandbox listening on ${sandbox.url} (seed: ${options.seed}, latency: ${options.latency} ms, tokens live ${options.tokenLifetime} s)

In n8n, create a "Ditio OAuth2 API" credential with environment "Custom":
  API base URL   ${sandbox.baseUrl}
  Token URL      ${sandbox.tokenUrl}
  Client ID      ${DEMO_CLIENT.clientId}
  Client Secret  ${DEMO_CLIENT.clientSecret}
  Company ID     ${DEMO_CLIENT.companyIds[0]}

Controls (no auth): GET ${sandbox.url}/__sandbox/state, GET ${sandbox.url}/__sandbox/requests,
  POST ${sandbox.url}/__sandbox/reset {"seed":"demo"}, POST ${sandbox.url}/__sandbox/faults [{"status":429,"count":1}], ...
Ctrl-C stops it.`);

	const stop = () => {
		sandbox.close().then(() => process.exit(0), () => process.exit(1));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
