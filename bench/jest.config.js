/**
 * `npm run bench` (bench/sync.bench.ts, then bench/trigger.bench.ts): its own jest config so the
 * engine harness (TypeScript) is reused as is. Not part of `npm test`: the root jest.config.js projects match only test/.
 */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testMatch: ['<rootDir>/bench/**/*.bench.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testEnvironment: 'node',
	// The engine tier's environment: a temp N8N_USER_FOLDER, a fixed encryption key, n8n quiet.
	setupFiles: ['<rootDir>/test/engine/setup-env.ts'],
	testTimeout: 30 * 60 * 1000,
	// The table is written with process.stdout.write; jest's own reporter output stays short.
	verbose: false,
};
