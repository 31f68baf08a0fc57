/**
 * Document inside n8n's engine against the sandbox, with binary data in memory (n8n's default
 * mode): Upload (one file, several of one item, several items, re-sync with Replace, more than one
 * request's worth), Get Many, Download, Delete, Set Description; every bad input fails its item
 * with nothing sent; a lost upload answer leaves one copy. documents-filesystem.test.ts repeats
 * the uploads and downloads with binary data on disk.
 */
import { createHash } from 'node:crypto';

import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byId, byNumber, DEMO_IDS, jsonOf, requestLog, useDitio } from './support/ditio';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { documentsState } = require('../../sandbox/documents');

const ditio = useDitio('demo');
const log = requestLog(ditio);
beforeEach(() => ditio.sandbox.reset('demo'));

const P1 = DEMO_IDS.projectFjellhall;
const WO100 = DEMO_IDS.taskGrunnarbeid;

/** Binary data as a node before would hand it over in memory mode; `bytes` as n8n ≥ 1.x stores it. */
function binary(fileName: string, data: Buffer | string, mimeType = 'application/pdf', withBytes = true): IBinaryData {
	const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
	return { data: buffer.toString('base64'), mimeType, fileName, ...(withBytes ? { bytes: buffer.length } : {}) };
}
const item = (files: Record<string, IBinaryData>, json: IDataObject = {}): INodeExecutionData => ({ json, binary: files });

const run = (parameters: INodeParameters, items: INodeExecutionData[], continueOnFail = false) =>
	ditio.engine.runNode({ parameters: { resource: 'document', ...parameters }, items, continueOnFail, credentialsId: ditio.credentialsId });

const uploadTo = (project: unknown, options: IDataObject = {}, extra: INodeParameters = {}) => ({
	operation: 'upload',
	attachTo: 'project',
	project,
	binaryPropertyName: 'data',
	options,
	...extra,
} as INodeParameters);

interface StoredFile {
	fileReferenceId: string;
	name: string;
	size: number;
	sha256: string;
}
/** What the sandbox holds on a project's pages, bytes as sha256. */
function storedFiles(projectId: string, section?: string): StoredFile[] {
	const state = documentsState(ditio.sandbox.store);
	const folder = state.find((f: { projectId: string }) => f.projectId === projectId);
	return (folder?.pages ?? [])
		.filter((p: { section: string }) => section === undefined || p.section === section)
		.flatMap((p: { files: StoredFile[] }) => p.files);
}
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const routes = () => log.apiRequests().map(log.route);
const posts = () => log.apiRequests().filter((r) => r.method === 'POST');

describe('Upload', () => {
	test('one file to a project by number, into a section: one output with the file reference, the bytes in Ditio', async () => {
		const pdf = Buffer.from('%PDF-1.4 plan A1');
		const { items, error, pairedItemsFromNode } = await run(uploadTo(byNumber('P-2026-001'), { section: 'Tegninger' }), [
			item({ data: binary('Plan A1.pdf', pdf) }),
		]);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				fileReferenceId: expect.stringMatching(/^[0-9a-f]{24}$/),
				name: 'Plan A1.pdf',
				size: pdf.length,
				section: 'Tegninger',
				pageExternalId: `int-projdocs:${P1}:tegninger`,
				binaryPropertyName: 'data',
				projectId: P1,
			},
		]);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }]);
		expect(storedFiles(P1, 'Tegninger')).toEqual([{ fileReferenceId: items[0].json.fileReferenceId, name: 'Plan A1.pdf', size: pdf.length, sha256: sha(pdf) }]);
		expect(routes()).toEqual([
			'GET projects by-project-number P-2026-001',
			`GET projects ${P1} documents`, // what is there already, so a retry can tell a lost answer's files
			`POST projects ${P1} documents`,
		]);
		expect(posts()[0].body).toMatchObject({ parts: [{ name: 'file', filename: 'Plan A1.pdf', contentType: 'application/pdf', size: pdf.length }] });
		expect(ditio.sandbox.requests.find((r: { method: string; api: boolean }) => r.api && r.method === 'POST').path).toMatch(/\/documents\?section=Tegninger$/);
	});

	test('several binary fields of one item (an email\'s attachment_0, attachment_1) go in one request; one output per file', async () => {
		const { items, error, pairedItemsFromNode } = await run(
			uploadTo(byId(P1), { section: 'Drawings', replaceExisting: true }, { binaryPropertyName: 'attachment_0, attachment_1' }),
			[item({ attachment_0: binary('A.pdf', 'a'), attachment_1: binary('B æ.dwg', 'bb', 'application/acad', false) }, { subject: 'Drawings' })],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((j) => [j.name, j.size, j.binaryPropertyName])).toEqual([['A.pdf', 1, 'attachment_0'], ['B æ.dwg', 2, 'attachment_1']]);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 0 }]);
		expect(posts()).toHaveLength(1);
		expect(storedFiles(P1, 'Drawings').map((f) => f.name)).toEqual(['Drawing-A1.pdf', 'A.pdf', 'B æ.dwg']);
	});

	test('several items into one section of a work order found by the ERP\'s numbers: the work order is looked up once', async () => {
		const { items, error, pairedItemsFromNode } = await run(
			{
				operation: 'upload',
				attachTo: 'task',
				lookupBy: 'externalId',
				externalProjectNumber: 'ERP-1001',
				externalId: 'WO-100',
				binaryPropertyName: 'data',
				options: { section: 'Method statements', replaceExisting: true },
			},
			[item({ data: binary('MS-1.pdf', 'one') }), item({ data: binary('MS-2.pdf', 'two') }), item({ data: binary('MS-3.pdf', 'three') })],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((j) => [j.name, j.taskId, j.section])).toEqual([
			['MS-1.pdf', WO100, 'Method statements'],
			['MS-2.pdf', WO100, 'Method statements'],
			['MS-3.pdf', WO100, 'Method statements'],
		]);
		expect(pairedItemsFromNode).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(routes().filter((r) => r.startsWith('GET tasks by-external'))).toHaveLength(1);
		expect(posts().map(log.route)).toEqual(Array(3).fill(`POST tasks ${WO100} documents`));
		expect(storedFiles(P1, 'Method statements').map((f) => f.name)).toEqual(['MS-1.pdf', 'MS-2.pdf', 'MS-3.pdf']);
	});

	test('re-sync with Replace: the second run replaces the file of the same name instead of adding a copy', async () => {
		const params = uploadTo(byId(P1), { section: 'Drawings', replaceExisting: true });
		await run(params, [item({ data: binary('Drawing-A1.pdf', 'revision B') })]);
		const { error } = await run(params, [item({ data: binary('Drawing-A1.pdf', 'revision C') })]);
		expect(error).toBeUndefined();
		expect(storedFiles(P1, 'Drawings')).toEqual([expect.objectContaining({ name: 'Drawing-A1.pdf', sha256: sha('revision C') })]);
		expect(ditio.sandbox.requests.filter((r: { method: string; api: boolean }) => r.api && r.method === 'POST').every((r: { path: string }) => r.path.includes('replaceExistingFilesWithSameName=true'))).toBe(true);
	});

	test('files of one item that do not fit in one request go in as few as fit', async () => {
		const big = (fill: number) => Buffer.alloc(16_000_000, fill);
		const { items, error } = await run(uploadTo(byId(P1), { replaceExisting: true }, { binaryPropertyName: 'a, b, c' }), [
			item({ a: binary('a.bin', big(1), 'application/octet-stream'), b: binary('b.bin', big(2), 'application/octet-stream'), c: binary('c.bin', 'small', 'text/plain') }),
		]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(posts().map((r) => (r.body as unknown as { parts: Array<{ filename: string }> }).parts.map((p) => p.filename))).toEqual([['a.bin'], ['b.bin', 'c.bin']]);
		expect(storedFiles(P1).map((f) => f.sha256)).toContain(sha(big(2)));
	});

	test('File Name renames the one file sent', async () => {
		const { items } = await run(uploadTo(byId(P1), { fileName: 'Kontrakt 2026.pdf', replaceExisting: true }), [item({ data: binary('upload.tmp', 'x') })]);
		expect(items[0].json.name).toBe('Kontrakt 2026.pdf');
	});
});

describe('Upload: bad input fails its item before anything is sent', () => {
	const noRequests = () => expect(log.apiRequests()).toEqual([]);
	const fails = async (parameters: INodeParameters, items: INodeExecutionData[], field: RegExp, message: RegExp) => {
		const { error } = await run(parameters, items);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(field);
		expect(error?.message).toContain('[item 1,');
		expect((error as NodeOperationError).description).toContain('Nothing was sent');
		noRequests();
	};
	const good = () => item({ data: binary('ok.pdf', 'fine') });

	test('a missing binary field', async () => {
		await fails(uploadTo(byId(P1)), [good(), item({ other: binary('x.pdf', 'x') })], /binaryPropertyName/, /no binary field "data"/);
	});

	test.each(['page.html', 'tool.exe. . ', 'script.JS', 'deploy.ps1', 'pack.svgz'])('a type Ditio refuses: %s', async (name) => {
		await fails(uploadTo(byId(P1)), [good(), item({ data: binary(name, 'x', 'text/html') })], /binary\.data/, /Ditio refuses files of type/);
	});

	test('an SVG over 5 MiB, with its size stored and without', async () => {
		const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(5 * 1024 * 1024)}</svg>`);
		await fails(uploadTo(byId(P1)), [good(), item({ data: binary('plan.svg', svg, 'image/svg+xml') })], /binary\.data/, /SVG files up to 5 MiB/);
		// Without a stored size the file is measured when read, still before this item sends anything.
		const { error } = await run(uploadTo(byId(P1)), [item({ data: binary('plan.svg', svg, 'image/svg+xml', false) })]);
		expect(error?.message).toMatch(/SVG files up to 5 MiB/);
		expect(posts()).toEqual([]);
	});

	test('a file too large for one request on its own', async () => {
		const huge = Buffer.alloc(30_000_000);
		await fails(uploadTo(byId(P1)), [good(), item({ data: binary('scan.tif', huge, 'image/tiff') })], /binary\.data/, /too large for one upload/);
	});

	test('a description over 10,000 characters', async () => {
		const { error } = await run({ operation: 'setDescription', project: byId(P1), description: '={{ $json.text }}' }, [
			{ json: { text: 'ok' } },
			{ json: { text: 'x'.repeat(10_001) } },
		]);
		expect(error?.message).toMatch(/Description is 10001 characters.*\[item 1, field "description"\]/);
		expect((error as NodeOperationError).description).toContain('Nothing was sent');
		noRequests();
	});

	test('with Continue On Fail only the bad item fails; the others are uploaded', async () => {
		const { items, error } = await run(uploadTo(byId(P1), { replaceExisting: true }), [good(), item({ data: binary('x.html', 'x') })], true);
		expect(error).toBeUndefined();
		expect(items[0].json.name).toBe('ok.pdf');
		expect(items[1].json).toMatchObject({ error: expect.stringMatching(/Ditio refuses files of type \.html/), itemIndex: 1 });
		expect(posts()).toHaveLength(1);
	});
});

describe('Upload: retries', () => {
	test('a lost answer (503 after the file landed) without Replace: the node finds the file and sends no second copy', async () => {
		ditio.sandbox.injectFaults([{ status: 503, afterProcessing: true, method: 'POST', pathIncludes: '/documents' }]);
		const { items, error } = await run(uploadTo(byId(P1), { section: 'Drawings' }), [item({ data: binary('Drawing-A1.pdf', 'rev B') })]);
		expect(error).toBeUndefined();
		const onPage = storedFiles(P1, 'Drawings');
		// The demo's own Drawing-A1.pdf and this run's one copy; the answer names the new one.
		expect(onPage.map((f) => f.sha256)).toEqual([expect.any(String), sha('rev B')]);
		expect(items[0].json).toMatchObject({ fileReferenceId: onPage[1].fileReferenceId, section: 'Drawings' });
		expect(posts()).toHaveLength(1);
	});

	test('a lost answer with Replace: sent again, still one file of that name', async () => {
		ditio.sandbox.injectFaults([{ reset: true, afterProcessing: true, method: 'POST', pathIncludes: '/documents' }]);
		const { error } = await run(uploadTo(byId(P1), { section: 'Drawings', replaceExisting: true }), [item({ data: binary('Drawing-A1.pdf', 'rev B') })]);
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(storedFiles(P1, 'Drawings')).toEqual([expect.objectContaining({ name: 'Drawing-A1.pdf', sha256: sha('rev B') })]);
	});

	test('429 is retried like every request; the file is there once', async () => {
		ditio.sandbox.injectFaults([{ status: 429, retryAfter: 0, method: 'POST', pathIncludes: '/documents' }]);
		const { error } = await run(uploadTo(byId(P1), { section: 'Neu' }), [item({ data: binary('x.pdf', 'x') })]);
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(storedFiles(P1, 'Neu')).toHaveLength(1);
	});

	test('Ditio\'s 400 for a file is shown with its message and not retried', async () => {
		const { error } = await run(uploadTo(byId(P1), { replaceExisting: true }), [item({ data: binary('photo.png', '%PDF-1.4 not an image', 'image/png') })]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toMatch(/^Ditio answered 400: File photo.png is named as an image/);
		expect(posts()).toHaveLength(1);
	});
});

describe('Get Many, Download, Delete, Set Description', () => {
	test('Get Many: one item per file, filtered by section, with the limit', async () => {
		await run(uploadTo(byId(P1), { section: 'Kontrakter', replaceExisting: true }, { binaryPropertyName: 'a,b' }), [
			item({ a: binary('K1.pdf', '1'), b: binary('K2.pdf', '2') }),
		]);
		const all = await run({ operation: 'getAll', attachTo: 'project', project: byNumber('P-2026-001'), returnAll: true }, [{ json: {} }]);
		expect(jsonOf(all.items).map((j) => [j.name, j.section])).toEqual([['Drawing-A1.pdf', 'Drawings'], ['K1.pdf', 'Kontrakter'], ['K2.pdf', 'Kontrakter']]);
		expect(all.items[0].json).toEqual({
			fileReferenceId: DEMO_IDS.fileDrawingA1, name: 'Drawing-A1.pdf', section: 'Drawings', pageExternalId: `int-projdocs:${P1}:drawings`, projectId: P1,
		});
		const some = await run({ operation: 'getAll', attachTo: 'project', project: byId(P1), returnAll: false, limit: 1, filters: { section: 'kontrakter' } }, [{ json: {} }]);
		expect(jsonOf(some.items).map((j) => j.name)).toEqual(['K1.pdf']);
	});

	test('Download: the bytes uploaded, with the original name and a MIME type, in the field asked for', async () => {
		const pdf = Buffer.from('%PDF-1.4 revision D');
		const up = await run(uploadTo(byId(P1), { replaceExisting: true }), [item({ data: binary('Rev D.pdf', pdf) })]);
		const id = up.items[0].json.fileReferenceId;
		const { items, error } = await run(
			{ operation: 'download', attachTo: 'project', project: byId(P1), fileReferenceId: id as string, options: { binaryPropertyName: 'drawing' } },
			[{ json: {} }],
		);
		expect(error).toBeUndefined();
		const file = items[0].binary?.drawing;
		expect(file).toMatchObject({ fileName: 'Rev D.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(file!.data, 'base64').equals(pdf)).toBe(true);
		expect(items[0].json).toEqual({ fileReferenceId: id, fileName: 'Rev D.pdf', mimeType: 'application/pdf', size: pdf.length, projectId: P1 });
	});

	test('Download of a file that is not on that project or work order: Ditio\'s 404 and a hint that the id belongs elsewhere', async () => {
		const { error } = await run(
			{ operation: 'download', attachTo: 'task', lookupBy: 'id', taskId: WO100, fileReferenceId: DEMO_IDS.fileDrawingA1 },
			[{ json: {} }],
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(`Ditio answered 404: File ${DEMO_IDS.fileDrawingA1} was not found on task ${WO100} (NotFound)`);
		expect((error as NodeApiError).description).toMatch(/may belong to another project or work order/);
		const other = await run({ operation: 'download', attachTo: 'project', project: byId(P1), fileReferenceId: DEMO_IDS.fileOtherDrawing }, [{ json: {} }]);
		expect(other.error?.message).toMatch(/^Ditio answered 404/);
	});

	test('Delete: { deleted: true, id } and the file is gone', async () => {
		const { items, error } = await run({ operation: 'delete', attachTo: 'project', project: byId(P1), fileReferenceId: DEMO_IDS.fileDrawingA1 }, [{ json: {} }]);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ deleted: true, id: DEMO_IDS.fileDrawingA1 }]);
		expect(storedFiles(P1)).toEqual([]);
		const again = await run({ operation: 'delete', attachTo: 'project', project: byId(P1), fileReferenceId: DEMO_IDS.fileDrawingA1 }, [{ json: {} }]);
		expect(again.error?.message).toMatch(/^Ditio answered 404/);
	});

	test('Delete refuses a file reference that is no Ditio ID, naming item and field', async () => {
		const { error } = await run({ operation: 'delete', attachTo: 'project', project: byId(P1), fileReferenceId: 'Drawing-A1.pdf' }, [{ json: {} }]);
		expect(error?.message).toMatch(/File Reference ID "Drawing-A1.pdf" is not a Ditio ID \[item 0, field "fileReferenceId"\]/);
		expect(log.apiRequests()).toEqual([]);
	});

	test('Set Description: the folder\'s text and a section\'s; a section that does not exist yet is Ditio\'s 404 with advice', async () => {
		const folder = await run({ operation: 'setDescription', project: byNumber('P-2026-001'), description: 'Les dette først.' }, [{ json: {} }]);
		expect(folder.error).toBeUndefined();
		expect(jsonOf(folder.items)).toEqual([{ projectId: P1, section: null, description: 'Les dette først.' }]);
		const section = await run({ operation: 'setDescription', project: byId(P1), description: 'Rev C gjelder.', options: { section: 'Drawings' } }, [{ json: {} }]);
		expect(section.error).toBeUndefined();
		const folderState = ditio.sandbox.store.documents.get(P1);
		expect(folderState.description).toBe('Les dette først.');
		expect(folderState.pages[0].description).toBe('Rev C gjelder.');
		const missing = await run({ operation: 'setDescription', project: byId(P1), description: 'x', options: { section: 'Nope' } }, [{ json: {} }]);
		expect(missing.error?.message).toMatch(/^Ditio answered 404/);
		expect((missing.error as NodeApiError).description).toMatch(/made by the first upload/);
	});
});

describe('Document as an AI Agent tool', () => {
	test('lists the files of the section of the project the agent names', async () => {
		const { items, error } = await run(
			{
				operation: 'getAll',
				attachTo: 'project',
				project: { __rl: true, mode: 'projectNumber', value: "={{ $fromAI('projectNumber', 'The Ditio project number', 'string') }}" },
				returnAll: true,
				filters: { section: "={{ $fromAI('section', 'The section, e.g. Drawings', 'string') }}" },
			},
			[{ json: { query: { projectNumber: 'P-2026-001', section: 'Drawings' } } }],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((j) => j.name)).toEqual(['Drawing-A1.pdf']);
	});
});
