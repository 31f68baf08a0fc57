import { fileNameOf } from '../../nodes/shared/transport/binary-answer';
import { DITIO_UPLOAD_LIMIT_BYTES, encodeMultipart, fitsAlone, packRequests, requestBytes } from '../../nodes/shared/transport/multipart';

// The sandbox's parser was written against RFC 7578, not against this encoder.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { boundaryOf, parseMultipart } = require('../../sandbox/multipart');

const file = (fileName: string, data: Buffer | string, mimeType = 'application/pdf') => {
	const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
	return { fileName, mimeType, data: buffer, size: buffer.length };
};

describe('multipart upload bodies', () => {
	test('every file is a part named file with its exact name, type and bytes', () => {
		const files = [file('Plan "A1".pdf', '%PDF-1.4'), file('Snitt Æ ø.dwg', Buffer.from([0, 13, 10, 45, 45, 255]), 'application/acad')];
		const body = encodeMultipart(files);
		const parsed = parseMultipart(body.data, boundaryOf(body.contentType));
		expect(parsed.parts.map((p: { name: string; filename: string; contentType: string; data: Buffer }) => [p.name, p.filename, p.contentType, [...p.data]])).toEqual([
			['file', 'Plan "A1".pdf', 'application/pdf', [...Buffer.from('%PDF-1.4')]],
			['file', 'Snitt Æ ø.dwg', 'application/acad', [0, 13, 10, 45, 45, 255]],
		]);
	});

	test('the size computed before sending is the size sent, so the limit check is exact', () => {
		const files = [file('a.pdf', 'x'.repeat(1000)), file('Tegning ÆØÅ (rev 2).pdf', 'y'), file('c', '')];
		expect(encodeMultipart(files).data.length).toBe(requestBytes(files));
	});

	test('a file whose bytes contain the boundary still parses: another boundary is chosen', () => {
		const first = encodeMultipart([file('a.txt', 'plain')]);
		const trap = `${first.data.toString('latin1').split('\r\n')[0]}\r\nContent-Disposition: form-data; name="file"`;
		const body = encodeMultipart([file('trap.txt', trap, 'text/plain')]);
		expect(body.contentType).not.toBe(first.contentType);
		expect(body.data.length).toBe(requestBytes([file('trap.txt', trap, 'text/plain')]));
		expect(parseMultipart(body.data, boundaryOf(body.contentType)).parts[0].data.toString()).toBe(trap);
	});

	test('files are packed in order into as few requests as fit under 30,000,000 bytes', () => {
		const sized = (fileName: string, size: number) => ({ fileName, mimeType: 'application/octet-stream', size });
		const files = [sized('a', 14_000_000), sized('b', 14_000_000), sized('c', 14_000_000), sized('d', 1_000)];
		const batches = packRequests(files);
		expect(batches.map((b) => b.map((f) => f.fileName))).toEqual([['a', 'b'], ['c', 'd']]);
		for (const batch of batches) expect(requestBytes(batch)).toBeLessThanOrEqual(DITIO_UPLOAD_LIMIT_BYTES);
	});

	test('a file fits alone only with its framing under the limit', () => {
		const head = { fileName: 'scan.tif', mimeType: 'image/tiff' };
		const room = DITIO_UPLOAD_LIMIT_BYTES - requestBytes([{ ...head, size: 0 }]);
		expect(fitsAlone(head, room)).toBe(true);
		expect(fitsAlone(head, room + 1)).toBe(false);
	});
});

describe('file names of downloads', () => {
	test.each([
		['attachment; filename="Drawing-A1.pdf"', 'Drawing-A1.pdf'],
		[`attachment; filename="Tegning __.pdf"; filename*=UTF-8''Tegning%20%C3%86%C3%98.pdf`, 'Tegning ÆØ.pdf'],
		['attachment; filename=plain.txt', 'plain.txt'],
		['attachment', undefined],
		[undefined, undefined],
	])('%s → %s', (header, name) => {
		expect(fileNameOf(header)).toBe(name);
	});
});
