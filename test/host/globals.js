'use strict';
module.exports = { process, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate };
