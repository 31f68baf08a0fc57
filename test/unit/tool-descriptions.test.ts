import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Ditio } from '../../nodes/Ditio/Ditio.node';

/** An AI agent sees the node as a tool: every parameter and choice must say what it is for. */
describe('the node as an AI Agent tool', () => {
	const { description } = new Ditio();

	test('is usable as a tool', () => {
		expect(description.usableAsTool).toBe(true);
	});

	const undescribed: string[] = [];
	const visit = (properties: INodeProperties[], path: string) => {
		for (const p of properties) {
			if (p.type === 'notice') continue;
			if (!p.description?.trim()) undescribed.push(`${path}${p.name}`);
			if (p.type === 'options' || p.type === 'multiOptions') {
				for (const option of (p.options ?? []) as INodePropertyOptions[]) {
					if (!option.description?.trim()) undescribed.push(`${path}${p.name}=${String(option.value)}`);
				}
			}
			if (p.type === 'collection') visit(p.options as INodeProperties[], `${path}${p.name}.`);
		}
	};
	visit(description.properties, '');

	test('every parameter, option and choice has a description an agent can act on', () => {
		expect([...new Set(undescribed)]).toEqual([]);
	});
});
