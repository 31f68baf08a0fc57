/**
 * The output schemas in nodes/Ditio/__schema__ are the ones the field tables make, one per
 * operation, where n8n looks for them. `npm run schemas` (UPDATE_SCHEMAS=1) writes them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from '../host/fs';
import { dirname, join, relative } from '../host/path';
import { process } from '../host/globals';
import { ROOT } from '../host/repo';

import { OPERATIONS } from '../../nodes/Ditio/actions/operations';
import { allSchemas } from '../../scripts/schemas/output-schemas';

const SCHEMA_DIR = join(ROOT, 'nodes', 'Ditio', '__schema__');
const expected = allSchemas(OPERATIONS);
const text = (schema: unknown) => `${JSON.stringify(schema, null, '\t')}\n`;

function filesIn(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)]));
}

if (process.env.UPDATE_SCHEMAS) {
	rmSync(SCHEMA_DIR, { recursive: true, force: true });
	for (const [file, schema] of expected) {
		mkdirSync(dirname(join(SCHEMA_DIR, file)), { recursive: true });
		writeFileSync(join(SCHEMA_DIR, file), text(schema));
	}
}

test('one schema per operation of each resource, where n8n looks (v1.0.0/<resource>/<operation>.json)', () => {
	const present = filesIn(SCHEMA_DIR).map((f) => relative(SCHEMA_DIR, f).split('\\').join('/')).sort();
	expect(present).toEqual([...expected.keys()].sort());
	expect(present).toContain('v1.0.0/task/upsert.json');
});

test.each([...expected.keys()])('%s is what the field tables make (else: npm run schemas)', (file) => {
	expect(readFileSync(join(SCHEMA_DIR, file), 'utf8')).toBe(text(expected.get(file)));
});

test('writes put outcome and changedFields first; reads describe the record', () => {
	const upsert = expected.get('v1.0.0/project/upsert.json')!;
	expect(Object.keys(upsert.properties!).slice(0, 3)).toEqual(['outcome', 'changedFields', 'id']);
	expect(upsert.properties!.outcome.enum).toEqual(['created', 'updated', 'unchanged', 'deactivated']);
	expect(upsert.properties!.preview).toMatchObject({ type: 'boolean' });
	expect(expected.get('v1.0.0/project/create.json')!.properties!.outcome.enum).toEqual(['created', 'updated', 'unchanged']);
	const get = expected.get('v1.0.0/task/get.json')!;
	expect(get.properties!.estimatedHourQty).toMatchObject({ type: ['number', 'null'] });
	expect(get.properties!.outcome).toBeUndefined();
	expect(expected.get('v1.0.0/task/delete.json')!.required).toEqual(['deleted', 'id']);
});

test('a resource without a row says where to add one', () => {
	expect(() => allSchemas({ invoice: { get: {} } })).toThrow(/resource "invoice" has no row in SCHEMA_RESOURCES/);
});
