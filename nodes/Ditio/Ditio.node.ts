import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/operations';
import { router } from './actions/router';
import { DITIO_DESCRIPTION } from '../shared/description';
import { searchProjects } from '../shared/project-search';
import { subtitleOf } from './subtitle';

export class Ditio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ditio',
		name: 'ditio',
		icon: { light: 'file:ditio.svg', dark: 'file:ditio.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(properties),
		description: DITIO_DESCRIPTION,
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
