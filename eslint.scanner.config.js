// The rule set of n8n's community package scanner (@n8n/eslint-plugin-community-nodes,
// recommended, plus no-console), run on the sources and on the built dist/ as the scanner
// sees the published package. Run with --no-inline-config: the scanner ignores inline disables.
const tsParser = require('@typescript-eslint/parser');
const { configs } = require('@n8n/eslint-plugin-community-nodes');

const scanner = { ...configs.recommended, rules: { ...configs.recommended.rules, 'no-console': 'error' } };

module.exports = [
	{ ignores: ['node_modules/**', 'test/**', 'sandbox/**', 'bench/**', 'scripts/**', 'examples/**', '.n8n-*/**', '*.config.js', 'gulpfile.js', 'jest.config.js'] },
	{ ...scanner, files: ['nodes/**/*.ts', 'credentials/**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } } },
	{ ...scanner, files: ['dist/**/*.js'], languageOptions: { sourceType: 'commonjs' } },
	{ ...scanner, files: ['package.json'], languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } } },
];
