'use strict';
/** The repository's root folder, for .ts files that would otherwise need `__dirname`. */
module.exports = { ROOT: require('node:path').resolve(__dirname, '..', '..') };
