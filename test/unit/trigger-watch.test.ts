/**
 * The trigger's memory of one record (nodes/DitioTrigger/watch.ts): short, and enough to tell
 * what changed, with before/after for the watched fields.
 */
import type { IDataObject } from 'n8n-workflow';

import { difference, entryOf, readGroup, rememberedRecord, watchOf, writeGroup } from '../../nodes/DitioTrigger/watch';

const task: IDataObject = {
	id: '66a1b2c3d4e5f6a7b8c9d0e2',
	projectId: '65f1a2b3c4d5e6f7a8b9c0d1',
	externalId: 'WO-100',
	taskNumber: 'WO-100',
	name: 'Grunnarbeid',
	active: true,
	externalDim01: 'PROD|10',
	workDescription: null,
	startDate: '2026-03-15T00:00:00Z',
	estimatedHourQty: 0,
	price: 1150,
	isParent: false,
	isTemplate: false,
};
const defaults = watchOf('task', ['name', 'active', 'externalDim01', 'startDate', 'estimatedHourQty', 'isParent']);

describe('trigger memory of a record', () => {
	test('a removed record shows its kept values exactly, whatever they hold', () => {
		const odd = { ...task, name: '~T|^#', externalDim01: '', estimatedHourQty: 12.5, isParent: null };
		expect(rememberedRecord(task.id as string, entryOf(odd, defaults), defaults)).toEqual({
			id: task.id,
			externalId: 'WO-100',
			name: '~T|^#',
			active: true,
			externalDim01: '',
			startDate: '2026-03-15T00:00:00Z',
			estimatedHourQty: 12.5,
			isParent: null,
		});
	});

	test('an unchanged record is no difference; a watched field shows before and after', () => {
		const entry = entryOf(task, defaults);
		expect(difference(entry, { ...task }, defaults)).toBeUndefined();
		expect(difference(entry, { ...task, name: 'Nytt' }, defaults)).toEqual({ changes: { name: { before: 'Grunnarbeid', after: 'Nytt' } }, changedFields: ['name'] });
	});

	test('a field outside the watched ones still counts, by name', () => {
		const entry = entryOf(task, defaults);
		expect(difference(entry, { ...task, workDescription: 'Ny tekst' }, defaults)).toEqual({ changes: {}, changedFields: ['workDescription'] });
		expect(difference(entry, { ...task, price: 1200 }, defaults)?.changedFields).toEqual(['price']);
		// A field no table lists: fires without a name.
		expect(difference(entry, { ...task, isTemplate: true }, defaults)).toEqual({ changes: {}, changedFields: [] });
	});

	test('a group of records reads back as written, in far fewer bytes than the records', () => {
		const records = Array.from({ length: 50 }, (_, i) => ({ ...task, id: `66a1b2c3d4e5f6a7b8c9${String(i).padStart(4, '0')}`, name: `Arbeidsordre ${i}` }));
		const map = new Map(records.map((r) => [r.id, entryOf(r, defaults)]));
		map.set('not-a-ditio-id', entryOf(task, defaults));
		const text = writeGroup(map);
		expect(readGroup(text)).toEqual(map);
		expect(JSON.stringify(text).length).toBeLessThan(JSON.stringify(records).length / 2);
	});
});
