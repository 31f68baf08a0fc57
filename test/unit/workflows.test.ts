/**
 * The GitHub Actions workflows cannot run here; what can be checked is that GitHub would read
 * them as meant: valid YAML, the triggers, the permissions provenance needs, and the steps.
 */
import { spawnSync } from '../host/child_process';
import { readFileSync } from '../host/fs';
import { join } from '../host/path';
import { process } from '../host/globals';
import { ROOT } from '../host/repo';

import { parse } from 'yaml';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	env?: Record<string, string>;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const workflow = (file: string) => parse(readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8'), { strict: true }) as Workflow;
const stepsOf = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps);
const runs = (wf: Workflow) => stepsOf(wf).map((s) => s.run ?? '');

describe('.github/workflows/ci.yml', () => {
	const ci = workflow('ci.yml');

	test('runs on pushes to main and on pull requests', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push).toEqual({ branches: ['main'] });
	});

	test('checks out, sets up Node.js and runs .ci/run, read-only', () => {
		const steps = stepsOf(ci);
		expect(steps[0].uses).toMatch(/^actions\/checkout@/);
		expect(steps.some((s) => s.uses?.startsWith('actions/setup-node@'))).toBe(true);
		expect(runs(ci)).toContain('bash .ci/run');
		expect(ci.permissions).toEqual({ contents: 'read' });
	});
});

describe('.github/workflows/publish.yml', () => {
	const publish = workflow('publish.yml');
	const job = Object.values(publish.jobs)[0];

	test('runs on a v* tag only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
	});

	test('may mint the OIDC token provenance needs, and nothing else but reading', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	test('tests, builds, then publishes with provenance, trusted publishing first and NPM_TOKEN as fallback', () => {
		const commands = runs(publish);
		const at = (pattern: RegExp) => commands.findIndex((c) => pattern.test(c));
		expect(at(/bash \.ci\/run/)).toBeGreaterThanOrEqual(0);
		expect(at(/npm run build/)).toBeGreaterThan(at(/bash \.ci\/run/));
		const publishing = stepsOf(publish)[at(/npm publish/)];
		expect(at(/npm publish/)).toBeGreaterThan(at(/npm run build/));
		expect(publishing.run).toMatch(/npm publish --provenance --access public/);
		// prepublishOnly (n8n-node prerelease) must run, and let this publish through.
		expect(publishing.run).toMatch(/--ignore-scripts=false/);
		expect(publishing.env?.RELEASE_MODE).toBe('true');
		// The token is used only when the secret is set; otherwise npm's OIDC exchange.
		expect(publishing.env?.NPM_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
		expect(publishing.run).toMatch(/if \[ -n "\$NPM_TOKEN" \]/);
	});
});

describe('a plain local npm publish is refused', () => {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

	test('prepublishOnly is n8n-node prerelease, which stops unless RELEASE_MODE is set', () => {
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		const bin = join(ROOT, 'node_modules', '.bin', 'n8n-node');
		const env = { ...process.env };
		delete env.RELEASE_MODE;
		const refused = spawnSync(bin, ['prerelease'], { cwd: ROOT, env, encoding: 'utf8' });
		expect(refused.status).toBe(1);
		expect(refused.stdout).toMatch(/npm run release/);
		const released = spawnSync(bin, ['prerelease'], { cwd: ROOT, env: { ...env, RELEASE_MODE: 'true' }, encoding: 'utf8' });
		expect(released.status).toBe(0);
	});

	test('npm publishes with provenance, which it cannot sign outside a CI', () => {
		expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
	});
});
