// @ts-check
'use strict';
const { startSandbox, DEMO_IDS } = require('../../sandbox/server');
const { SAMPLES } = require('../../sandbox/samples');
const { getToken, call, apiPath } = require('./helpers');

/** @type {import('../../sandbox/server').Sandbox} */
let sb;
/** @type {string} */
let token;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	token = await getToken(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const WO100 = DEMO_IDS.taskGrunnarbeid;
const docs = (/** @type {'projects' | 'tasks'} */ kind, /** @type {string} */ id, /** @type {string[]} */ ...rest) => apiPath(kind, id, 'documents', ...rest);

/**
 * An upload made with Node's own FormData (an encoder the sandbox's parser did not write).
 * @param {string} path @param {Array<[string, Buffer | string]>} files name → content @param {string} [query]
 */
async function upload(path, files, query = '') {
	const form = new FormData();
	for (const [name, data] of files) form.append('file', new Blob([data]), name);
	const res = await fetch(sb.url + path + query, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
	return { status: res.status, body: await res.json() };
}

/** @param {string} path */
const get = (path) => call(sb, 'GET', path, { token });

describe('upload', () => {
	test('puts every file part on the section page and answers as Ditio does', async () => {
		const res = await upload(docs('projects', P1), [['Plan.pdf', 'plan bytes'], ['Snitt B.dwg', Buffer.from([0, 1, 2, 255])]], '?section=Tegninger');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			successful: true,
			section: 'Tegninger',
			pageExternalId: `int-projdocs:${P1}:tegninger`,
			files: [
				{ name: 'Plan.pdf', size: 10, fileReference: { fileNameOrig: 'Plan.pdf', fileType: 'pdf', fileSize: 10 } },
				{ name: 'Snitt B.dwg', size: 4, fileReference: { fileType: 'dwg' } },
			],
		});
		expect(res.body.infoPageFiles.map((/** @type {any} */ f) => f.name)).toEqual(['Plan.pdf', 'Snitt B.dwg']);
		const { body: pages } = await get(docs('projects', P1));
		expect(pages.map((/** @type {any} */ p) => p.section)).toEqual(['Drawings', 'Tegninger']);
	});

	test('no section: the project page "Documents"; a work order its own page named by its number', async () => {
		expect((await upload(docs('projects', P1), [['a.pdf', 'a']])).body.section).toBe('Documents');
		const onTask = await upload(docs('tasks', WO100), [['b.pdf', 'b']]);
		expect(onTask.body.section).toBe('WO-100');
		const { body: taskPages } = await get(docs('tasks', WO100));
		expect(taskPages).toEqual([{ section: 'WO-100', pageExternalId: onTask.body.pageExternalId, description: null, files: [{ fileReferenceId: onTask.body.files[0].fileReference.id, name: 'b.pdf' }] }]);
		// Work-order documents live in the project's folder.
		const { body: projectPages } = await get(docs('projects', P1));
		expect(projectPages.map((/** @type {any} */ p) => p.section)).toEqual(['Drawings', 'Documents', 'WO-100']);
	});

	test('the same name twice keeps two copies; replaceExistingFilesWithSameName=true replaces it', async () => {
		await upload(docs('projects', P1), [['Rev.pdf', 'v1']], '?section=Drawings');
		await upload(docs('projects', P1), [['Rev.pdf', 'v2']], '?section=Drawings');
		const replaced = await upload(docs('projects', P1), [['Rev.pdf', 'v3']], '?section=Drawings&replaceExistingFilesWithSameName=true');
		expect(replaced.body.infoPageFiles.map((/** @type {any} */ f) => f.name)).toEqual(['Drawing-A1.pdf', 'Rev.pdf']);
		const download = await fetch(sb.url + docs('projects', P1, replaced.body.files[0].fileReference.id), { headers: { Authorization: `Bearer ${token}` } });
		expect(await download.text()).toBe('v3');
	});

	test('a body that is not multipart is refused (415), a multipart body without a file part too (400)', async () => {
		const json = await call(sb, 'POST', docs('projects', P1), { token, json: { file: 'x' } });
		expect(json.status).toBe(415);
		const form = new FormData();
		form.append('document', new Blob(['x']), 'x.pdf');
		const res = await fetch(sb.url + docs('projects', P1), { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
		expect(res.status).toBe(400);
		expect((await res.json()).message).toMatch(/no part named 'file'/);
		const broken = await call(sb, 'POST', docs('projects', P1), {
			token, body: '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--', headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
		});
		expect(broken.status).toBe(400);
	});

	test('a request over 30,000,000 bytes answers 413 before any file is looked at; one just under lands', async () => {
		const over = await upload(docs('projects', P1), [['big.bin', Buffer.alloc(30_000_000)]]);
		expect(over.status).toBe(413);
		const under = await upload(docs('projects', P1), [['big.bin', Buffer.alloc(30_000_000 - 300)]]);
		expect(under.status).toBe(200);
	});

	test.each([
		['page.html', 'html'],
		['tool.EXE. . ', 'exe'],
		['run.ps1', 'ps1'],
		['pack.svgz', 'svgz'],
	])('refuses %s by its extension after trailing dots and spaces (400, nothing stored)', async (name, extension) => {
		const res = await upload(docs('projects', P1), [['ok.pdf', 'fine'], [name, 'x']]);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'FileNotAllowed', message: expect.stringContaining(`'.${extension}'`) });
		const { body: pages } = await get(docs('projects', P1));
		expect(pages.flatMap((/** @type {any} */ p) => p.files).map((/** @type {any} */ f) => f.name)).toEqual(['Drawing-A1.pdf']);
	});

	test('SVG: at most 5 MiB, well-formed and without script; a PDF named .png is refused', async () => {
		const svg = (/** @type {string} */ inner) => `<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>`;
		expect((await upload(docs('projects', P1), [['ok.svg', svg('<rect width="1" height="1"/>')]])).status).toBe(200);
		expect((await upload(docs('projects', P1), [['big.svg', svg(' '.repeat(5 * 1024 * 1024))]])).body.message).toMatch(/larger than 5 MB/);
		expect((await upload(docs('projects', P1), [['s.svg', svg('<script>alert(1)</script>')]])).body.message).toMatch(/script/);
		expect((await upload(docs('projects', P1), [['s.svg', 'not svg']])).body.message).toMatch(/well-formed/);
		expect((await upload(docs('projects', P1), [['photo.png', SAMPLES['Drawing-A1.pdf'].data]])).status).toBe(400);
	});
});

describe('download and delete', () => {
	test('the demo drawing comes back byte for byte, with its name in Content-Disposition', async () => {
		const res = await fetch(sb.url + docs('projects', P1, DEMO_IDS.fileDrawingA1), { headers: { Authorization: `Bearer ${token}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/octet-stream');
		expect(res.headers.get('content-disposition')).toContain('filename="Drawing-A1.pdf"');
		expect(Buffer.from(await res.arrayBuffer()).equals(SAMPLES['Drawing-A1.pdf'].data)).toBe(true);
	});

	test('a non-ASCII name travels as filename*', async () => {
		const { body } = await upload(docs('projects', P1), [['Tegning Æ ø.pdf', 'x']]);
		const res = await fetch(sb.url + docs('projects', P1, body.files[0].fileReference.id), { headers: { Authorization: `Bearer ${token}` } });
		expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Tegning%20%C3%86%20%C3%B8.pdf");
	});

	test('a file of another project, work order or company is 404 there', async () => {
		expect((await get(docs('tasks', WO100, DEMO_IDS.fileDrawingA1))).status).toBe(404);
		expect((await get(docs('projects', DEMO_IDS.projectBarnehage, DEMO_IDS.fileDrawingA1))).status).toBe(404);
		expect((await get(docs('projects', P1, DEMO_IDS.fileOtherDrawing))).body.message).toMatch(/not found on project/);
		expect((await get(docs('projects', DEMO_IDS.otherProject))).status).toBe(404);
		expect((await upload(docs('tasks', DEMO_IDS.otherTask), [['x.pdf', 'x']])).status).toBe(404);
		expect((await get(docs('projects', P1, 'not-an-id'))).status).toBe(400);
	});

	test('delete answers 204 and the file is gone from the page and for download', async () => {
		const path = docs('projects', P1, DEMO_IDS.fileDrawingA1);
		const res = await call(sb, 'DELETE', path, { token });
		expect(res.status).toBe(204);
		expect((await get(path)).status).toBe(404);
		expect((await get(docs('projects', P1))).body[0].files).toEqual([]);
		expect((await call(sb, 'DELETE', path, { token })).status).toBe(404);
	});
});

describe('description', () => {
	const describePath = (/** @type {string} */ id) => docs('projects', id, 'description');

	test('sets the folder text and a section text; null and "" clear', async () => {
		expect((await call(sb, 'PUT', describePath(P1), { token, json: { description: 'Folder text' } })).status).toBe(200);
		expect((await call(sb, 'PUT', describePath(P1) + '?section=drawings', { token, json: { description: 'Section text' } })).status).toBe(200);
		expect((await get(docs('projects', P1))).body[0].description).toBe('Section text');
		await call(sb, 'PUT', describePath(P1) + '?section=Drawings', { token, json: { description: '' } });
		expect((await get(docs('projects', P1))).body[0].description).toBeNull();
	});

	test('404 for a folder or section that does not exist yet; 400 over 10,000 characters or a 64 KB body', async () => {
		expect((await call(sb, 'PUT', describePath(DEMO_IDS.projectBarnehage), { token, json: { description: 'x' } })).status).toBe(404);
		expect((await call(sb, 'PUT', describePath(P1) + '?section=Kontrakter', { token, json: { description: 'x' } })).status).toBe(404);
		const long = await call(sb, 'PUT', describePath(P1), { token, json: { description: 'x'.repeat(10_001) } });
		expect(long.status).toBe(400);
		expect(long.body.errors[0]).toMatchObject({ field: 'description', code: 'MaxLength' });
		expect((await call(sb, 'PUT', describePath(P1), { token, json: { description: 'x'.repeat(10_000) } })).status).toBe(200);
		const padded = JSON.stringify({ description: 'ok' }).replace('{', '{' + ' '.repeat(64 * 1024));
		expect((await call(sb, 'PUT', describePath(P1), { token, body: padded, headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
		expect((await call(sb, 'PUT', describePath(DEMO_IDS.otherProject), { token, json: { description: 'x' } })).status).toBe(404);
	});
});

describe('faults and the log', () => {
	test('a lost answer after processing: the upload landed though the client saw 503', async () => {
		sb.injectFaults([{ status: 503, afterProcessing: true, method: 'POST', pathIncludes: '/documents' }]);
		expect((await upload(docs('projects', P1), [['late.pdf', 'x']])).status).toBe(503);
		const { body: pages } = await get(docs('projects', P1));
		expect(pages[1].files.map((/** @type {any} */ f) => f.name)).toEqual(['late.pdf']);
	});

	test('the request log keeps the parts of an upload, not its bytes', async () => {
		await upload(docs('projects', P1), [['a.pdf', 'abc']]);
		const logged = sb.requests.find((r) => r.method === 'POST');
		expect(logged?.body).toMatchObject({ parts: [{ name: 'file', filename: 'a.pdf', size: 3 }] });
	});

	test('serves the sample PDFs without a token', async () => {
		const res = await fetch(`${sb.url}/samples/Drawing-A1.pdf`);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
		expect((await fetch(`${sb.url}/samples/nothing.pdf`)).status).toBe(404);
	});
});
