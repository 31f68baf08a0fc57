'use strict';
module.exports = require('node:fs');
