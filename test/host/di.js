'use strict';
/** n8n's dependency container, for the test that puts n8n-core's binary data service in filesystem mode. */
module.exports = require('@n8n/di');
