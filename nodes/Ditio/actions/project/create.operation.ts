import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withOutcome } from '../common/outcome';
import { perItem } from '../per-item';
import type { Operation } from '../types';
import { findProjectByNumber } from './lookup';
import { additionalFieldsParameter, projectBody, projectNumberParameter, readProjectInput } from './project-input';

const description: INodeProperties[] = [
	projectNumberParameter,
	additionalFieldsParameter,
	{
		displayName: 'If the Project Number Exists',
		name: 'ifExists',
		type: 'options',
		default: 'returnExisting',
		options: [
			{
				name: 'Return the Existing Project',
				value: 'returnExisting',
				description: 'Output the existing project, unchanged, with outcome "unchanged"',
			},
			{ name: 'Fail the Item', value: 'error', description: 'Stop with an error for this item' },
		],
		description:
			'Ditio never overwrites a project on create: for an existing number it returns that project unchanged. To change existing projects, use Create or Update.',
	},
];

/**
 * Ditio answers a create of an existing number with the old project, unchanged (FACTS.md), in a
 * way that looks like success. Looking first is the only way to tell the user the truth.
 */
export const create: Operation = {
	description,
	execute: perItem(async function (itemIndex, run) {
		const input = readProjectInput.call(this, run, itemIndex);
		const existing = await findProjectByNumber(run, input.projectNumber, itemIndex);
		if (existing) {
			if (this.getNodeParameter('ifExists', itemIndex) === 'error') {
				throw new NodeOperationError(this.getNode(), `Project number "${input.projectNumber}" already exists`, {
					itemIndex,
					description: `Ditio keeps the existing project (ID ${String(existing.id)}) unchanged. Use Create or Update to change it.`,
				});
			}
			return withOutcome(existing, 'unchanged', {
				notice: 'A project with this number already exists; Ditio left it unchanged.',
			});
		}
		const created = await run.client.request<IDataObject>('POST', ['projects'], {
			body: projectBody(input),
			itemIndex,
			repeatable: true, // Ditio answers a repeated POST of a number with the project it made
		});
		return withOutcome(created, 'created');
	}),
};
