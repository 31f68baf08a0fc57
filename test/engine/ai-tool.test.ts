/**
 * n8n's AI Agent calls a tool node by running it with the tool call's arguments as its input
 * item; the node's parameters read them with $fromAI(). This runs the node exactly so.
 */
import { DEMO_COMPANY_ID, jsonOf, useDitio } from './support/ditio';

const ditio = useDitio('demo');

describe('the node called as an AI Agent tool', () => {
	test('Get a project by the number the agent chose', async () => {
		const { items, error } = await ditio.run(
			{
				resource: 'project',
				operation: 'get',
				project: { __rl: true, mode: 'projectNumber', value: "={{ $fromAI('projectNumber', 'The Ditio project number', 'string') }}" },
			},
			[{ query: { projectNumber: 'P-2026-001' } }],
		);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([expect.objectContaining({ projectNumber: 'P-2026-001', name: 'Prosjekt Fjellhall' })]);
	});

	test('Create or Update a work order from the agent\'s arguments', async () => {
		const { items, error } = await ditio.run(
			{
				resource: 'task',
				operation: 'upsert',
				project: { __rl: true, mode: 'projectNumber', value: "={{ $fromAI('projectNumber', '', 'string') }}" },
				externalId: "={{ $fromAI('externalId', 'Your work order number', 'string') }}",
				additionalFields: {
					name: "={{ $fromAI('name', 'Work order name', 'string') }}",
					estimatedHourQty: "={{ $fromAI('hours', 'Estimated hours', 'number') }}",
				},
			},
			[{ query: { projectNumber: 'P-2026-001', externalId: 'WO-AGENT-1', name: 'Sprenging', hours: 40 } }],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ outcome: 'created', externalId: 'WO-AGENT-1', name: 'Sprenging', estimatedHourQty: 40 });
		const stored = [...ditio.sandbox.store.tasks.values()].find((t: { externalId: string; companyId: string }) => t.externalId === 'WO-AGENT-1');
		expect(stored).toMatchObject({ companyId: DEMO_COMPANY_ID, name: 'Sprenging' });
	});

	test('a wrong argument comes back as an error the agent can read, naming the field', async () => {
		const { items } = await ditio.run(
			{
				resource: 'task',
				operation: 'create',
				project: { __rl: true, mode: 'projectNumber', value: 'P-2026-001' },
				externalId: 'WO-AGENT-2',
				additionalFields: { startDate: "={{ $fromAI('startDate', '', 'string') }}" },
			},
			[{ query: { startDate: 'next tuesday' } }],
			{ continueOnFail: true },
		);
		expect(items[0].json.error).toBe('Invalid Start Date (startDate): "next tuesday" is not a date');
		expect(items[0].json.description).toMatch(/2026-03-01/);
	});
});
