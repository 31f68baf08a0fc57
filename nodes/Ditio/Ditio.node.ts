import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/operations';
import { router } from './actions/router';
import { searchProjects } from '../shared/project-search';

export class Ditio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ditio',
		name: 'ditio',
		icon: { light: 'file:ditio.svg', dark: 'file:ditio.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create, update and read projects and work orders in Ditio, and attach documents to them',
		defaults: { name: 'Ditio' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ditioOAuth2Api', required: true }],
		properties,
	};

	methods = { listSearch: { searchProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
