/**
 * Certificate resource, engine tier: Create or Update sends many items as few array requests as
 * fit, after one look-up of the employee numbers; each output item says what was sent for its
 * input item; bad items are refused before the request, and a refused request fails every item
 * it carried, with Ditio's message and status.
 */
import { readFileSync } from '../host/fs';
import { join } from '../host/path';
import { ROOT } from '../host/repo';

import Ajv from 'ajv';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { jsonOf, requestLog, useDitio } from './support/ditio';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CERTIFICATES_PER_REQUEST } = require('../../dist/nodes/Ditio/actions/certificate/batches') as { CERTIFICATES_PER_REQUEST: number };

const ditio = useDitio('demo');
const { apiRequests, writes } = requestLog(ditio);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const held = (): Array<Record<string, any>> => [...ditio.sandbox.store.certificates.values()];
/** "POST v4 integration certificates": the path after /core/api, decoded. */
const routeOf = (r: { method: string; segments: string[] }) => [r.method, ...r.segments.slice(2)].join(' ');

beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.sandbox.clearRequests();
});

const upsert = (extra: Record<string, unknown> = {}) => ({
	resource: 'certificate',
	operation: 'upsert',
	employeeNumber: '={{ $json.nr }}',
	certificateType: '={{ $json.type }}',
	issuedDateTime: '={{ $json.issued }}',
	validUntilDateTime: '={{ $json.until }}',
	additionalFields: {},
	...extra,
});
const row = (nr: string, type = 'Byggekort', extra: Record<string, unknown> = {}) => ({ nr, type, issued: '2026-01-05', until: '2031-01-05', ...extra });

describe('Create or Update', () => {
	test('many items are one array request after one employee look-up; each output item is what was sent, paired', async () => {
		const { items, error } = await ditio.run(
			upsert({
				issuedDateTime: '={{ $json.luxon ? DateTime.fromISO($json.issued, { zone: "Europe/Oslo" }) : $json.issued }}',
				additionalFields: { certificateNumber: '={{ $json.no }}' },
			}),
			[row('1001', 'Byggekort', { no: 'BK-1' }), row('ØST/17', 'Kranførerbevis', { issued: '2026-02-01T08:00:00+01:00', no: 'K-7' }), row('1001', 'Varme arbeider', { luxon: true, no: 'VA-3' })],
		);
		expect(error).toBeUndefined();
		expect(apiRequests().map(routeOf)).toEqual(['GET v5 integration employees', 'POST v4 integration certificates']);
		const sent = apiRequests()[1].body as unknown as Array<Record<string, unknown>>;
		expect(sent).toEqual([
			{ employeeNumber: '1001', certificateType: 'Byggekort', issuedDateTime: '2026-01-05T00:00:00Z', validUntilDateTime: '2031-01-05T00:00:00Z', certificateNumber: 'BK-1' },
			{ employeeNumber: 'ØST/17', certificateType: 'Kranførerbevis', issuedDateTime: '2026-02-01T07:00:00Z', validUntilDateTime: '2031-01-05T00:00:00Z', certificateNumber: 'K-7' },
			// A Luxon value from an expression, midnight in Oslo.
			{ employeeNumber: '1001', certificateType: 'Varme arbeider', issuedDateTime: '2026-01-04T23:00:00Z', validUntilDateTime: '2031-01-05T00:00:00Z', certificateNumber: 'VA-3' },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(jsonOf(items)).toEqual(sent.map((certificate) => ({ outcome: 'sent', ...certificate, request: 1 })));
		expect(held()).toHaveLength(3);

		const schema = JSON.parse(readFileSync(join(ROOT, 'dist', 'nodes', 'Ditio', '__schema__', 'v1.0.0', 'certificate', 'upsert.json'), 'utf8')) as object;
		const validate = new Ajv({ allErrors: true }).compile(schema);
		for (const json of jsonOf(items)) expect({ json, errors: validate(json) ? null : validate.errors }).toEqual({ json, errors: null });
	});

	test(`more than ${CERTIFICATES_PER_REQUEST} certificates go in requests of at most that many, in input order`, async () => {
		const count = 2 * CERTIFICATES_PER_REQUEST + 1;
		const rows = Array.from({ length: count }, (_, n) => row('1001', `Kurs ${n}`));
		const { items, error } = await ditio.run(upsert(), rows);
		expect(error).toBeUndefined();
		const posts = writes().map((r) => (r.body as unknown as unknown[]).length);
		expect(posts).toEqual([CERTIFICATES_PER_REQUEST, CERTIFICATES_PER_REQUEST, 1]);
		expect(jsonOf(items).map((j) => j.request)).toEqual(rows.map((_, n) => Math.floor(n / CERTIFICATES_PER_REQUEST) + 1));
		expect(held()).toHaveLength(count);
	});

	test('sending the same certificates again updates them (matched on employee number and type), and a second row for the same pair wins as the later row', async () => {
		await ditio.run(upsert(), [row('1001'), row('ØST/17')]);
		ditio.sandbox.clearRequests();
		const { items, error } = await ditio.run(upsert(), [row('1001', 'Byggekort', { until: '2032-01-05' }), row('ØST/17'), row('1001', 'Byggekort', { until: '2033-01-05' })]);
		expect(error).toBeUndefined();
		// The repeated pair goes in a request after the first, so Ditio sees the rows in their order.
		expect(writes().map((r) => (r.body as unknown as unknown[]).length)).toEqual([2, 1]);
		expect(jsonOf(items).map((j) => j.request)).toEqual([1, 1, 2]);
		expect(held()).toHaveLength(2);
		expect(held().find((c) => c.employeeNumber === '1001')).toMatchObject({ validUntilDateTime: '2033-01-05T00:00:00Z' });
	});

	test('bad items (no employee number, issued after valid until, a bad date) fail before any request, naming field and item', async () => {
		const rows = [row('1001'), row(''), row('1001', 'Kurs', { issued: '2031-01-05', until: '2026-01-05' }), row('1001', 'Kurs 2', { until: '31.02.2031' })];
		const { error } = await ditio.run(upsert(), rows);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Invalid Employee Number (employeeNumber): it is empty, and Ditio requires it');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(apiRequests()).toHaveLength(0);

		const { items } = await ditio.run(upsert(), rows, { continueOnFail: true });
		const out = jsonOf(items);
		expect(out.map((j) => j.error ?? j.outcome)).toEqual([
			'sent',
			'Invalid Employee Number (employeeNumber): it is empty, and Ditio requires it',
			'Invalid Valid Until (validUntilDateTime): 2026-01-05T00:00:00Z is not after Issued 2031-01-05T00:00:00Z',
			'Invalid Valid Until (validUntilDateTime): "31.02.2031" is not a date',
		]);
		expect(out.slice(1).map((j) => j.itemIndex)).toEqual([1, 2, 3]);
		// Only the good item went in the array.
		expect((writes()[0].body as unknown as unknown[]).length).toBe(1);
	});

	test('an employee Ditio does not know fails that item before anything is written; with Continue On Fail the others still go', async () => {
		const rows = [row('1001'), row('E-404'), row('ØST/17')];
		const { error } = await ditio.run(upsert(), rows);
		expect(error!.message).toBe('Employee E-404 was not found in Ditio');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(writes()).toHaveLength(0);

		const { items } = await ditio.run(upsert(), rows, { continueOnFail: true });
		expect(jsonOf(items).map((j) => j.error ?? j.outcome)).toEqual(['sent', 'Employee E-404 was not found in Ditio', 'sent']);
		expect((writes()[0].body as unknown as Array<Record<string, unknown>>).map((c) => c.employeeNumber)).toEqual(['1001', 'ØST/17']);
	});

	test('a refused array request fails every item it carried, each with Ditio\'s message and status; an earlier request stays written', async () => {
		const message = 'Sertifikattypen finnes ikke';
		ditio.sandbox.injectFaults([{ status: 400, method: 'POST', pathIncludes: 'certificates', after: 1, body: { error: 'InvalidCertificateType', message } }]);
		const rows = Array.from({ length: CERTIFICATES_PER_REQUEST + 2 }, (_, n) => row('1001', `Kurs ${n}`));
		const { items, error } = await ditio.run(upsert(), rows, { continueOnFail: true });
		expect(error).toBeUndefined();
		const out = jsonOf(items);
		expect(out.slice(0, CERTIFICATES_PER_REQUEST).every((j) => j.outcome === 'sent')).toBe(true);
		const failed = out.slice(CERTIFICATES_PER_REQUEST);
		expect(failed).toEqual(
			[CERTIFICATES_PER_REQUEST, CERTIFICATES_PER_REQUEST + 1].map((itemIndex) =>
				expect.objectContaining({ error: `Ditio answered 400: ${message} (InvalidCertificateType)`, httpCode: '400', itemIndex }),
			),
		);
		expect(String(failed[1].description)).toContain(`items ${CERTIFICATES_PER_REQUEST}, ${CERTIFICATES_PER_REQUEST + 1} (request 2)`);
		expect(held()).toHaveLength(CERTIFICATES_PER_REQUEST);
		// A 400 is an answer: not sent again.
		expect(writes()).toHaveLength(2);

		ditio.sandbox.injectFaults([{ status: 400, method: 'POST', pathIncludes: 'certificates', body: { error: 'InvalidCertificateType', message } }]);
		const stopped = await ditio.run(upsert(), [row('1001'), row('ØST/17')]);
		expect(stopped.error).toBeInstanceOf(NodeApiError);
		expect(stopped.error!.message).toBe(`Ditio answered 400: ${message} (InvalidCertificateType)`);
		expect((stopped.error as NodeApiError).context.itemIndex).toBe(0);
	});
});
