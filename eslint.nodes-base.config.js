// Flat-config wrapper around eslint-plugin-n8n-nodes-base, whose rule sets are written for the
// old config format: each set is re-used as-is, only its plugin and parser are wired here.
const tsParser = require('@typescript-eslint/parser');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');

const rulesOf = (name) => n8nNodesBase.configs[name].rules;
const plugins = { 'n8n-nodes-base': n8nNodesBase };

module.exports = [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'sandbox/**', '.n8n-*/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins,
		rules: {
			...rulesOf('community'),
			// The package does not exist on npm yet; the rule would fetch npm to check.
			'n8n-nodes-base/community-package-json-name-still-default': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...rulesOf('credentials'),
			// Applies to n8n's own repository (documentation slugs); a community credential links a URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...rulesOf('nodes'),
			// n8n-workflow 2 types inputs/outputs as NodeConnectionTypes; the rule predates it.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
