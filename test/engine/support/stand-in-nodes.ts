/**
 * Test-only stand-ins for the two n8n-nodes-base nodes the engine tier's workflows use
 * (n8n-nodes-base itself is not a dependency of this package).
 *
 * - `n8n-nodes-base.manualTrigger`: a starting node (n8n's STARTING_NODE_TYPES lists the
 *   type, so Workflow.getStartNode finds it). The real one emits one empty item; this one
 *   emits the items the harness put on its input (one empty item unless the test gives
 *   others), so "Manual Trigger → items → node under test" is a single hop. The engine
 *   gives each emitted item `pairedItem: { item: i }`, as after a real trigger + Set node.
 * - `n8n-nodes-base.noOp`: passes its input through (to chain nodes in multi-node tests).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const NO_OP_TYPE = 'n8n-nodes-base.noOp';

export class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test stand-in: emits the items the harness feeds in',
		eventTriggerDescription: '',
		maxNodes: 1,
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export class NoOpStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'Test stand-in: passes its input through',
		usableAsTool: true,
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
