/** The tiers (docs/development.md). The engine tier loads the built package from dist/, so `npm test` builds first. */
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

/** @type {import('jest').Config} */
module.exports = {
	testTimeout: 60000,
	projects: [
		{
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			transform: tsJest,
			testEnvironment: 'node',
		},
		{
			displayName: 'sandbox',
			testMatch: ['<rootDir>/test/sandbox/**/*.test.{ts,js}'],
			transform: tsJest,
			testEnvironment: 'node',
		},
		{
			displayName: 'engine',
			testMatch: ['<rootDir>/test/engine/**/*.test.ts'],
			transform: tsJest,
			testEnvironment: 'node',
			setupFiles: ['<rootDir>/test/engine/setup-env.ts'],
		},
		{
			// A real n8n 2.x (Node 24, installed into the cache outside the clone by the global setup) and its editor
			// in headless Chromium. Slow by nature: long timeouts (setup-timeout.ts).
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			transform: tsJest,
			testEnvironment: 'node',
			globalSetup: '<rootDir>/test/e2e/global-setup.js',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setup-timeout.ts'],
		},
	],
};
