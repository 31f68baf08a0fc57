/** scripts/check-builds.js: the comparison that tells whether the two builds made the same dist/. */
import { differences } from '../../scripts/check-builds';

test('same files with the same content: no difference', () => {
	expect(differences(new Map([['a.js', '1']]), new Map([['a.js', '1']]))).toEqual([]);
});

test('a file one build lacks, or whose content differs, is named', () => {
	const n8nBuild = new Map([
		['nodes/Ditio/Ditio.node.js', 'h1'],
		['docs/images/01.png', 'h2'],
	]);
	const npmBuild = new Map([
		['nodes/Ditio/Ditio.node.js', 'h9'],
		['nodes/Ditio/__schema__/v1.0.0/task/get.json', 'h3'],
	]);
	expect(differences(n8nBuild, npmBuild)).toEqual([
		'differs: nodes/Ditio/Ditio.node.js',
		'only from n8n-node build: docs/images/01.png',
		'only from npm run build: nodes/Ditio/__schema__/v1.0.0/task/get.json',
	]);
});
