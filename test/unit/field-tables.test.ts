import type { INodeProperties } from 'n8n-workflow';

import { Ditio } from '../../nodes/Ditio/Ditio.node';
import { EXTERNAL_PROJECT_NUMBER, PROJECT_NUMBER } from '../../nodes/shared/fields/project.fields';
import { EXTERNAL_ID, TASK_NUMBER } from '../../nodes/shared/fields/task.fields';

/** The field tables are the only place a field is written: every parameter that names one says the same. */
const { properties } = new Ditio().description;
const shownFor = (p: INodeProperties) => `${String(p.displayOptions?.show?.resource)}:${String(p.displayOptions?.show?.operation)}`;

describe('one wording per field', () => {
	const options = (resource?: string) =>
		properties
			.filter((p) => p.type === 'collection' && (resource === undefined || p.displayOptions?.show?.resource?.includes(resource)))
			.flatMap((p) => p.options as INodeProperties[]);

	// An absence's External ID is the HR system's, not a work order's: its own wording.
	const otherMeaning: Record<string, string[]> = { externalId: ['absence'] };
	test.each([
		['projectNumber', PROJECT_NUMBER, undefined],
		['externalId', EXTERNAL_ID, undefined],
		['taskNumber', TASK_NUMBER, undefined],
		// A work order has an External Project Number of its own; the project's is the lookup key.
		['externalProjectNumber', EXTERNAL_PROJECT_NUMBER, 'project'],
	] as const)('%s: every parameter and option of that name reads as its table row', (_, field, collectionsOf) => {
		const sameMeaning = (p: INodeProperties) => !(otherMeaning[field.name] ?? []).some((r) => p.displayOptions?.show?.resource?.includes(r));
		const named = [...properties, ...options(collectionsOf)].filter((p) => p.name === field.name && sameMeaning(p));
		expect(named.length).toBeGreaterThan(1);
		for (const p of named) expect({ displayName: p.displayName, description: p.description }).toEqual({ displayName: field.displayName, description: field.description });
	});

	test('no parameter carries table-only keys into the editor', () => {
		expect(properties.filter((p) => 'kind' in p || 'simplified' in p).map((p) => p.name)).toEqual([]);
	});
});

describe('Additional Fields and Update Fields', () => {
	const collections = properties.filter((p) => p.name === 'additionalFields' || p.name === 'updateFields');

	test('exist for the resources that write fields', () => {
		expect(new Set(collections.map(shownFor))).toEqual(
			new Set(['project:create', 'project:upsert', 'project:replace', 'project:update', 'task:create', 'task:upsert', 'task:replace', 'task:update',
				'employee:create', 'employee:upsert', 'employee:update', 'employee:rehire', 'certificate:upsert', 'absence:upsert',
				'machine:create', 'machine:upsert', 'machine:update']),
		);
	});

	test.each(collections.map((c) => [`${shownFor(c)} ${c.name}`, c] as const))('%s: options sorted by name, like every other', (_, collection) => {
		const names = (collection.options as INodeProperties[]).map((o) => o.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});
});
