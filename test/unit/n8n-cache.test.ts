/**
 * The n8n install cache outside the clone: which folder a line uses, and that a damaged install
 * is noticed (and so installed again) rather than handed to the e2e tier half there.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from '../host/fs';
import { tmpdir } from '../host/os';
import { join } from '../host/path';
import { process } from '../host/globals';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const install = require('../../scripts/n8n-install') as {
	intactProblem(dir: string): string | undefined;
	installDirOf(line: string): string;
	LINES: Record<string, { n8n: string }>;
};

const writeJson = (file: string, value: unknown) => {
	mkdirSync(join(file, '..'), { recursive: true });
	writeFileSync(file, JSON.stringify(value));
};

/** A folder shaped like a finished install: the hidden lockfile, its packages, n8n's bin, sqlite3's build. */
function fakeInstall(root: string, marker?: Record<string, string>) {
	writeJson(join(root, 'node_modules', '.package-lock.json'), {
		packages: {
			'': {},
			'node_modules/n8n': { version: '2.41.1' },
			'node_modules/sqlite3': { version: '5.1.7' },
			'node_modules/n8n/node_modules/@scope/inner': { version: '1.0.0' },
			'node_modules/linked': { link: true },
		},
	});
	writeJson(join(root, 'node_modules', 'n8n', 'package.json'), { version: '2.41.1' });
	writeJson(join(root, 'node_modules', 'sqlite3', 'package.json'), { version: '5.1.7' });
	writeJson(join(root, 'node_modules', 'n8n', 'node_modules', '@scope', 'inner', 'package.json'), { version: '1.0.0' });
	writeJson(join(root, 'node_modules', 'n8n', 'bin', 'n8n'), '');
	writeJson(join(root, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'), '');
	if (marker) writeJson(join(root, '.install-complete.json'), marker);
	return root;
}

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'ditio-cache-test-'));
	delete process.env.DITIO_N8N_INSTALL_DIR;
	delete process.env.DITIO_N8N_1X_INSTALL_DIR;
	process.env.DITIO_CACHE_DIR = join(dir, 'cache');
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
	process.env = { ...saved };
});

describe('an install folder is checked before it is reused', () => {
	test('a complete folder is intact', () => {
		expect(install.intactProblem(fakeInstall(join(dir, 'ok')))).toBeUndefined();
	});

	test('a package npm installed that is gone is named', () => {
		const root = fakeInstall(join(dir, 'gone'));
		rmSync(join(root, 'node_modules', 'n8n', 'node_modules', '@scope'), { recursive: true });
		expect(install.intactProblem(root)).toBe('node_modules/n8n/node_modules/@scope/inner is missing');
	});

	test('a package in another version than npm installed is named', () => {
		const root = fakeInstall(join(dir, 'other'));
		writeJson(join(root, 'node_modules', 'sqlite3', 'package.json'), { version: '5.0.0' });
		expect(install.intactProblem(root)).toBe('node_modules/sqlite3 is 5.0.0, npm installed 5.1.7');
	});

	test("sqlite3's native build missing (the rebuild step did not finish) is named", () => {
		const root = fakeInstall(join(dir, 'unbuilt'));
		rmSync(join(root, 'node_modules', 'sqlite3', 'build'), { recursive: true });
		expect(install.intactProblem(root)).toBe('node_modules/sqlite3/build/Release/node_sqlite3.node is missing');
	});

	test('a folder npm never finished (no hidden lockfile) is not intact', () => {
		expect(install.intactProblem(join(dir, 'empty'))).toBe('node_modules/.package-lock.json is missing');
	});
});

describe('where a line is installed', () => {
	test('in the cache, named after the n8n version and the Node.js major', () => {
		expect(install.installDirOf('1.x')).toBe(join(dir, 'cache', `n8n-${install.LINES['1.x'].n8n}-node${process.versions.node.split('.')[0]}`));
	});

	test('DITIO_N8N_1X_INSTALL_DIR names the folder instead', () => {
		process.env.DITIO_N8N_1X_INSTALL_DIR = join(dir, 'mine');
		expect(install.installDirOf('1.x')).toBe(join(dir, 'mine'));
	});

	test('an intact install in the older layout (no Node.js major in the name) is adopted where it is', () => {
		const major = process.versions.node.split('.')[0];
		const old = fakeInstall(join(dir, 'cache', `n8n-${install.LINES['1.x'].n8n}`), { n8n: install.LINES['1.x'].n8n, nodeUsed: process.versions.node });
		expect(install.installDirOf('1.x')).toBe(old);
		expect(old).not.toContain(`node${major}`);
	});

	test('a damaged install in the older layout is not adopted: the keyed folder is installed', () => {
		const old = fakeInstall(join(dir, 'cache', `n8n-${install.LINES['1.x'].n8n}`), { n8n: install.LINES['1.x'].n8n, nodeUsed: process.versions.node });
		rmSync(join(old, 'node_modules', 'n8n', 'bin'), { recursive: true });
		expect(install.installDirOf('1.x')).not.toBe(old);
	});
});
