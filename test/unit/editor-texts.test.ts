/**
 * What the editor shows of the package where n8n builds it from the node descriptions: the
 * nodes panel's entry, the canvas subtitle, the project picker's modes, the credential's Docs
 * link, and the order of an output item's keys (the Table view's columns).
 */
import { existsSync, readFileSync } from '../host/fs';
import { join } from '../host/path';
import { ROOT } from '../host/repo';

import { Expression, type INodeProperties } from 'n8n-workflow';

import { DitioOAuth2Api } from '../../credentials/DitioOAuth2Api.credentials';
import { withOutcome } from '../../nodes/Ditio/actions/common/outcome';
import { Ditio } from '../../nodes/Ditio/Ditio.node';
import { DitioTrigger } from '../../nodes/DitioTrigger/DitioTrigger.node';
import { projectLocator } from '../../nodes/shared/project-locator';

const node = new Ditio().description;

/** n8n's own expression engine evaluating the subtitle, for one node's parameters. */
function subtitle(resource: string, operation: string): unknown {
	return Expression.resolveWithoutWorkflow(node.subtitle!.replace(/^=/, ''), { $parameter: { resource, operation } });
}

describe('the canvas subtitle names the operation and resource as the selectors do', () => {
	test.each([
		['project', 'upsert', 'Create or Update · Project'],
		['task', 'getAll', 'Get Many · Work Order'],
		['task', 'delete', 'Delete · Work Order'],
		['project', 'get', 'Get · Project'],
		['nothing', 'get', ''],
	])('%s / %s → %s', (resource, operation, shown) => {
		expect(subtitle(resource, operation)).toBe(shown);
	});

	test('every operation of every resource has one', () => {
		const resources = (node.properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>).map((r) => r.value);
		for (const resource of resources) {
			const selector = node.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))!;
			for (const { value } of selector.options as Array<{ value: string }>) {
				expect(subtitle(resource, value)).toMatch(/^[A-Z][\w ]+ · [A-Z][\w ]+$/);
			}
		}
	});
});

test("the nodes panel's merged Ditio entry shows the node's description, which n8n takes from the trigger", () => {
	expect(new DitioTrigger().description.description).toBe(node.description);
	expect(node.description).toMatch(/^Create, update and read projects and work orders/);
});

test('the project picker modes fit the mode selector (about nine characters)', () => {
	const modes = (projectLocator({}, true) as INodeProperties & { modes: Array<{ displayName: string }> }).modes.map((m) => m.displayName);
	expect(modes).toEqual(['From List', 'By ID', 'By Number', 'By ERP No.']);
	for (const label of modes) expect(label.length).toBeLessThanOrEqual(10);
});

describe('documentation links survive the query n8n appends', () => {
	const links = [
		new DitioOAuth2Api().documentationUrl,
		...['nodes/Ditio/Ditio.node.json', 'nodes/DitioTrigger/DitioTrigger.node.json'].flatMap((file) => {
			const codex = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { resources: Record<string, Array<{ url: string }>> };
			return Object.values(codex.resources).flatMap((list) => list.map((r) => r.url));
		}),
	];

	test.each(links)('%s has no #anchor', (url) => {
		expect(url).not.toContain('#');
	});

	test('the credential page is a file of this repository', () => {
		const page = new DitioOAuth2Api().documentationUrl.replace('https://github.com/n8n-nodes-ditio/n8n-nodes-ditio/blob/main/', '');
		expect(existsSync(join(ROOT, page))).toBe(true);
		expect(readFileSync(join(ROOT, page), 'utf8')).toMatch(/Company setup → Integration/);
	});
});

describe('a write says what it did before the record', () => {
	const record = { id: 'p1', projectNumber: 'P-1', name: 'Hall' };

	test('outcome first, then changedFields, then the record', () => {
		expect(Object.keys(withOutcome(record, 'updated', { changedFields: ['name'] }))).toEqual(['outcome', 'changedFields', 'id', 'projectNumber', 'name']);
		expect(Object.keys(withOutcome(record, 'created'))).toEqual(['outcome', 'id', 'projectNumber', 'name']);
	});

	test("other notes follow the record, and the record's own fields cannot displace them", () => {
		const out = withOutcome({ ...record, outcome: 'x' } as never, 'created', { notice: 'n' });
		expect(Object.keys(out)).toEqual(['outcome', 'id', 'projectNumber', 'name', 'notice']);
		expect(out.outcome).toBe('created');
	});
});
