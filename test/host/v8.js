'use strict';
module.exports = require('node:v8');
