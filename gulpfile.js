const path = require('path');
const { task, src, dest } = require('gulp');

/** tsc compiles the code; icons and codex files travel beside the compiled files they belong to. */
function copyAssets() {
	// The credential points at the node's icons (../nodes/Ditio/), so one copy serves both.
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

task('build:icons', copyAssets);
