// A real n8n boots in seconds to tens of seconds per CLI call on a 2-core machine; a test file
// makes a handful of them, and the editor test drives a browser.
jest.setTimeout(10 * 60 * 1000);
