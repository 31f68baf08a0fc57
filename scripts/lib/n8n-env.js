// @ts-check
'use strict';
/**
 * One n8n instance's user folder and environment: a fresh N8N_USER_FOLDER with the package in
 * it, and the variables every n8n command of that folder runs with (ports, owner, quiet).
 */
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const { installPackage } = require('./package');

/** The login of the instance owner that n8n takes from the environment (no setup screen). */
const DEMO_LOGIN = Object.freeze({
	email: 'demo@ditio-sandbox.example',
	password: 'Ditio-demo-2026',
	firstName: 'Demo',
	lastName: 'Consultant',
});

/** Fixed, so a kept user folder can always decrypt its credentials. Local demo only. */
const ENCRYPTION_KEY = 'n8n-nodes-ditio-local-demo-only';

/** True for an install of the n8n 1.x line (scripts/n8n-install.js --line=1.x). */
/** @param {{ line?: string }} inst */
function isLine1x(inst) {
	return inst.line === '1.x';
}

/**
 * A fresh N8N_USER_FOLDER (emptied if it exists) with the package installed in it.
 * @param {string} userFolder
 */
function prepareUserFolder(userFolder) {
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	installPackage(userFolder);
	return userFolder;
}

/** @param {import('../n8n-install').InstallPaths} inst @param {string} password @returns {string} */
function passwordHash(inst, password) {
	const req = createRequire(path.join(inst.n8nDir, 'package.json'));
	const bcrypt = req('bcryptjs');
	return bcrypt.hashSync(password, 10);
}

/**
 * The environment of every n8n command for one user folder.
 * @param {{ inst: import('../n8n-install').InstallPaths, userFolder: string, port?: number, brokerPort?: number,
 *   login?: typeof DEMO_LOGIN, extra?: Record<string, string> }} options
 */
function n8nEnv({ inst, userFolder, port = 5678, brokerPort = 5679, login = DEMO_LOGIN, extra = {} }) {
	/** @type {Record<string, string>} */
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		// Nothing of the project's npm run, of jest or of a queue-mode setting of this shell should reach n8n.
		if (v === undefined || /^(npm_|N8N_|DB_|QUEUE_|EXECUTIONS_|OFFLOAD_|JEST_|NODE_OPTIONS$|NODE_ENV$)/.test(k)) continue;
		env[k] = v;
	}
	Object.assign(env, {
		PATH: `${inst.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	});
	if (isLine1x(inst)) {
		// n8n 1.x: its default expression engine runs in isolated-vm, which has no build for
		// Node 20 here (installed with --ignore-scripts); the legacy engine is n8n 1.x's own.
		// No N8N_DISABLED_MODULES: 1.x refuses module names it does not know (instance-ai), and
		// no owner from the environment: 1.x has not that setting (setUpOwner sets it up instead).
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	} else {
		Object.assign(env, {
			// n8n 2.41 lands a new login on its AI assistant, which needs the internet; land on Overview.
			N8N_DISABLED_MODULES: 'instance-ai',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: login.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: login.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: login.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: passwordHash(inst, login.password),
		});
	}
	return Object.assign(env, extra);
}

module.exports = { DEMO_LOGIN, ENCRYPTION_KEY, isLine1x, prepareUserFolder, n8nEnv };
