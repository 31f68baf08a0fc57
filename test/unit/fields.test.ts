import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Ditio } from '../../nodes/Ditio/Ditio.node';
import { changedFields, readFields } from '../../nodes/shared/fields/collection';
import { PROJECT_FIELDS } from '../../nodes/shared/fields/project.fields';
import { TASK_FIELDS } from '../../nodes/shared/fields/task.fields';

const node: INode = { id: '1', name: 'Ditio', type: 'n8n-nodes-ditio.ditio', typeVersion: 1, position: [0, 0], parameters: {} };
const { properties } = new Ditio().description;

function collectionFor(resource: string, operation: string, name: string): INodeProperties {
	const found = properties.find(
		(p) =>
			p.name === name &&
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
	if (!found) throw new Error(`no ${name} for ${resource}/${operation}`);
	return found;
}

const optionNames = (p: INodeProperties) => (p.options as INodeProperties[]).map((o) => o.name);

describe('field tables make the editor', () => {
	test.each(['create', 'upsert', 'replace'])('project %s offers every optional field of the projects reference page', (operation) => {
		const names = optionNames(collectionFor('project', operation, 'additionalFields'));
		expect(names).toEqual(expect.arrayContaining(PROJECT_FIELDS.map((f) => f.name)));
		expect(names).toContain('companyId');
	});

	test.each(['create', 'upsert', 'replace'])('work order %s offers every optional field of the work orders reference page and the parent by external id', (operation) => {
		const names = optionNames(collectionFor('task', operation, 'additionalFields'));
		expect(names).toEqual(expect.arrayContaining([...TASK_FIELDS.map((f) => f.name), 'parentExternalId', 'companyId']));
	});

	test('fields the template fills say so', () => {
		const options = collectionFor('task', 'create', 'additionalFields').options as INodeProperties[];
		const costPrice = options.find((o) => o.name === 'costPrice')!;
		expect(costPrice.description).toMatch(/template/);
		const name = options.find((o) => o.name === 'name')!;
		expect(name.description).not.toMatch(/template/);
	});

	test('the editor types follow the API types', () => {
		const options = collectionFor('project', 'create', 'additionalFields').options as INodeProperties[];
		const typeOf = (n: string) => options.find((o) => o.name === n)?.type;
		expect(typeOf('startDate')).toBe('dateTime');
		expect(typeOf('active')).toBe('boolean');
		expect(typeOf('estimatedHourQty')).toBe('number');
		expect(typeOf('workBreakLunchStartTime')).toBe('string');
	});
});

describe('field tables check values', () => {
	test('a bad value names the field and the item', () => {
		expect.assertions(3);
		try {
			readFields(node, 4, PROJECT_FIELDS, { name: 'ok', workBreakLunchStartTime: '25:00' });
		} catch (error) {
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe('Invalid Lunch Break Start (workBreakLunchStartTime): "25:00" is not a time HH:mm');
			expect((error as NodeOperationError).context.itemIndex).toBe(4);
		}
	});

	test('a field Ditio does not have is refused, not dropped', () => {
		expect(() => readFields(node, 0, TASK_FIELDS, { colour: 'red' })).toThrow('Unknown field "colour"');
	});

	test('only the fields given are in the body, so nothing is defaulted', () => {
		expect(readFields(node, 0, TASK_FIELDS, { name: 'Graving', estimatedHourQty: '12' })).toEqual({ name: 'Graving', estimatedHourQty: 12 });
	});

	test('changed fields compare values, not spellings', () => {
		const stored = { name: 'A', startDate: '2026-03-01T00:00:00Z', estimatedHourQty: 10, active: true };
		expect(changedFields(PROJECT_FIELDS, { name: 'A', startDate: '2026-03-01T00:00:00Z', estimatedHourQty: 10 }, stored)).toEqual([]);
		expect(changedFields(PROJECT_FIELDS, { name: 'B', active: true, estimatedHourQty: 11 }, stored)).toEqual(['name', 'estimatedHourQty']);
	});
});

describe('Options', () => {
	test('the defaults shown in the editor are the ones the transport uses', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { DEFAULT_RETRY } = require('../../nodes/shared/transport/retry');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { CONCURRENCY, DEFAULT_TIMEOUT_MS } = require('../../nodes/shared/transport/client');
		const options = properties.find((p) => p.name === 'options')!.options as INodeProperties[];
		expect(options.find((o) => o.name === 'retries')!.default).toBe(DEFAULT_RETRY.maxRetries);
		expect(options.find((o) => o.name === 'timeoutSeconds')!.default).toBe(DEFAULT_TIMEOUT_MS / 1000);
		const concurrency = options.find((o) => o.name === 'concurrency')!;
		expect([concurrency.default, concurrency.typeOptions]).toEqual([CONCURRENCY.default, { minValue: CONCURRENCY.min, maxValue: CONCURRENCY.max }]);
	});
});
