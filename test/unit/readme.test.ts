/**
 * README.md has the sections of n8n's community node template (n8n-nodes-starter's
 * README_TEMPLATE.md), in its order, and names what the repository really has.
 */
import { readFileSync } from '../host/fs';
import { join } from '../host/path';
import { ROOT } from '../host/repo';

import { LINES } from '../../scripts/n8n-install';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

test("the template's sections, in its order", () => {
	const template = ['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources', 'Version history'];
	expect(headings.filter((h) => template.includes(h))).toEqual(template);
});

test('the two commands come first', () => {
	const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1];
	expect(firstBlock.split('\n')[0]).toMatch(/^npm install && npm start/);
	expect(firstBlock.split('\n')[1]).toMatch(/^npm test/);
	expect(readme.indexOf('```bash')).toBeLessThan(readme.indexOf('## '));
});

test('Compatibility names the n8n versions the e2e tier installs', () => {
	const section = readme.slice(readme.indexOf('## Compatibility'), readme.indexOf('## Usage'));
	for (const line of Object.values(LINES)) expect(section).toContain(line.n8n);
	expect(section).toMatch(/minimum supported: 1\.123\.x/);
});

test('the example it tells a newcomer to open is named as n8n shows it', () => {
	const example = JSON.parse(readFileSync(join(ROOT, 'examples', '01-erp-rows-to-projects-and-work-orders.json'), 'utf8')) as { name: string };
	expect(readme).toContain(`*${example.name}*`);
});

test('the screenshots it shows exist', () => {
	const images = [...readme.matchAll(/\]\((docs\/images\/[^)]+)\)/g)].map((m) => m[1]);
	expect(images.length).toBeGreaterThanOrEqual(4);
	for (const image of images) expect(() => readFileSync(join(ROOT, image))).not.toThrow();
});
