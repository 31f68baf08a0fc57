// The rule set of n8n's community package scanner (@n8n/eslint-plugin-community-nodes,
// recommended, plus no-console) on the built dist/, as the scanner sees the published package.
// Run with --no-inline-config: the scanner ignores inline disables. The sources and package.json
// get the same rules from `n8n-node lint` (its strict config extends the same recommended set
// with no-console), so they are not linted here again (docs/development.md, Lint and build).
const { configs } = require('@n8n/eslint-plugin-community-nodes');

const scanner = { ...configs.recommended, rules: { ...configs.recommended.rules, 'no-console': 'error' } };

module.exports = [{ ...scanner, files: ['dist/**/*.js'], languageOptions: { sourceType: 'commonjs' } }];
