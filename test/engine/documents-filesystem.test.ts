/**
 * Document with n8n's filesystem binary-data mode (what N8N_DEFAULT_BINARY_DATA_MODE=filesystem
 * and queue mode's shared storage use): the input files are on disk, not in the item, and the
 * downloaded file goes to disk. n8n-core's BinaryDataService is set up here as n8n sets it up at
 * start; jest gives this file its own module registry, so the other engine tests stay in memory mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { byId, DEMO_IDS, requestLog, useDitio } from './support/ditio';

const ditio = useDitio('demo');
const log = requestLog(ditio);
const P1 = DEMO_IDS.projectFjellhall;
let storage: string;
let service: BinaryDataService;

beforeAll(async () => {
	storage = mkdtempSync(join(tmpdir(), 'ditio-binary-'));
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.availableModes = ['filesystem'];
	config.localStoragePath = storage;
	service = Container.get(BinaryDataService);
	await service.init();
});
afterAll(() => rmSync(storage, { recursive: true, force: true }));
beforeEach(() => ditio.sandbox.reset('demo'));

/** A file as a node before would leave it in filesystem mode: an id, no bytes in the item. */
async function onDisk(fileName: string, data: Buffer, mimeType = 'application/pdf'): Promise<IBinaryData> {
	return await service.store({ type: 'execution', workflowId: 'engine', executionId: 'input' }, data, { data: '', mimeType, fileName });
}

const run = (parameters: INodeParameters, items: INodeExecutionData[]) =>
	ditio.engine.runNode({ parameters: { resource: 'document', ...parameters }, items, credentialsId: ditio.credentialsId });

/** The bytes the sandbox holds for a file. */
function storedBytes(fileReferenceId: string): Buffer | undefined {
	for (const page of ditio.sandbox.store.documents.get(P1)?.pages ?? []) {
		const file = page.files.find((f: { id: string }) => f.id === fileReferenceId);
		if (file) return file.data;
	}
	return undefined;
}

test('the input binary is on disk, not base64 in the item', async () => {
	const file = await onDisk('x.pdf', Buffer.from('x'));
	expect(file.id).toMatch(/^filesystem(-v2)?:/);
	expect(file.data).not.toBe(Buffer.from('x').toString('base64'));
});

test('uploads one file and several files of one item from disk, byte for byte', async () => {
	const plan = Buffer.from('%PDF-1.4 plan from disk');
	const a = Buffer.alloc(200_000, 7);
	const b = Buffer.from('second attachment');
	const { items, error } = await run(
		{ operation: 'upload', attachTo: 'project', project: byId(P1), binaryPropertyName: 'data', options: { section: 'Disk' } },
		[{ json: {}, binary: { data: await onDisk('Plan.pdf', plan) } }],
	);
	expect(error).toBeUndefined();
	expect(storedBytes(items[0].json.fileReferenceId as string)?.equals(plan)).toBe(true);

	const several = await run(
		{ operation: 'upload', attachTo: 'project', project: byId(P1), binaryPropertyName: 'attachment_0,attachment_1', options: { section: 'Disk' } },
		[{ json: {}, binary: { attachment_0: await onDisk('A.bin', a, 'application/octet-stream'), attachment_1: await onDisk('B.txt', b, 'text/plain') } }],
	);
	expect(several.error).toBeUndefined();
	expect(several.items.map((i) => storedBytes(i.json.fileReferenceId as string)?.equals(i.json.name === 'A.bin' ? a : b))).toEqual([true, true]);
	expect(log.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(2);
});

test('a refused file on disk fails before anything is sent', async () => {
	const { error } = await run(
		{ operation: 'upload', attachTo: 'project', project: byId(P1), binaryPropertyName: 'data' },
		[{ json: {}, binary: { data: await onDisk('installer.exe', Buffer.from('MZ'), 'application/octet-stream') } }],
	);
	expect(error?.message).toMatch(/Ditio refuses files of type \.exe \("installer.exe"\) \[item 0, field "binary.data"\]/);
	expect(log.apiRequests()).toEqual([]);
});

test('a download goes to disk with its name and type, and reads back as the bytes uploaded', async () => {
	const { items, error } = await run(
		{ operation: 'download', attachTo: 'project', project: byId(P1), fileReferenceId: DEMO_IDS.fileDrawingA1 },
		[{ json: {} }],
	);
	expect(error).toBeUndefined();
	const file = items[0].binary!.data;
	expect(file).toMatchObject({ fileName: 'Drawing-A1.pdf', mimeType: 'application/pdf', id: expect.stringMatching(/^filesystem/) });
	expect((await service.getAsBuffer(file)).equals(storedBytes(DEMO_IDS.fileDrawingA1)!)).toBe(true);
});
