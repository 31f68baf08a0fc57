import type { INodeProperties } from 'n8n-workflow';

import type { Dataset } from '../../../shared/reporting/datasets';
import { forOperation } from '../common/display';
import type { Operation } from '../types';
import { registrationGetAll } from './getAll.operation';

/** A registration resource: its operations and its parameters, all made from the dataset's table. */
export function registrationResource(dataset: Dataset): { operations: Record<string, Operation>; description: INodeProperties[] } {
	const getAll = registrationGetAll(dataset);
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [dataset.resource] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: `Read ${dataset.noun.many} from Ditio's Data Extraction API, every page before any output`,
				action: `Get many ${dataset.noun.many}`,
			},
		],
		default: 'getAll',
		description: 'What to do',
	};
	return { operations: { getAll }, description: [selector, ...forOperation(dataset.resource, 'getAll', getAll.description)] };
}
