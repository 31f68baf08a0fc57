const path = require('path');
const { task, src, dest } = require('gulp');

/** tsc compiles the code; icons and codex files travel beside the compiled files they belong to. */
function copyAssets() {
	const nodeAssets = src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { encoding: false });
	nodeAssets.pipe(dest(path.resolve('dist', 'nodes')));
	// Credentials show the node's icon, so the same files are copied next to them.
	return src(['nodes/Ditio/*.svg'], { encoding: false }).pipe(dest(path.resolve('dist', 'credentials')));
}

task('build:icons', copyAssets);
