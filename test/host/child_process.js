'use strict';
module.exports = require('node:child_process');
