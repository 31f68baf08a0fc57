const { task, src, dest } = require('gulp');

/**
 * tsc compiles the code (and copies the codex *.node.json files it includes); this copies what
 * `n8n-node build` copies beside it, with the same patterns: every icon or picture of the
 * repository (the nodes' icons, which the credential shares through ../nodes/Ditio/, and
 * README's screenshots in docs/images), and the per-operation output schemas in
 * nodes/<Node>/__schema__/.
 */
function copyAssets() {
	return src(['**/*.{png,svg}', '**/__schema__/**/*.json'], {
		ignore: ['dist/**', 'node_modules/**'],
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyAssets);
