import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findProjectByNumber } from '../../../shared/project-locator';
import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { additionalFieldsParameter, projectBody, projectNumberParameter, type ProjectInput, readProjectInput } from './project-input';

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
 * The by-number endpoint answers from the first of the client's companies that has the number;
 * for a client of several companies that may be another company than the item's, whose POST
 * would create the project. Only then is the whole list read, to look in the item's company.
 */
async function findProjectInCompany(run: BatchRun, input: ProjectInput, itemIndex: number) {
	const found = await findProjectByNumber(run, input.projectNumber, itemIndex);
	if (!found || found.companyId === undefined || found.companyId === input.companyId) return found;
	const all = await run.client.request<IDataObject[]>('GET', ['projects'], { itemIndex });
	return all.find((p) => p.companyId === input.companyId && p.projectNumber === input.projectNumber);
}

/**
 * Ditio answers a create of an existing number with the old project, unchanged (docs/ditio-api.md), in a
 * way that looks like success. Looking first is the only way to tell the user the truth.
 */
export async function executeProjectCreate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			...readProjectInput.call(this, run, itemIndex),
			failIfExists: this.getNodeParameter('ifExists', itemIndex) === 'error',
		}),
		run: async (input, itemIndex) => {
			const existing = await findProjectInCompany(run, input, itemIndex);
			if (existing) {
				if (input.failIfExists) {
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
		},
	});
}

export const create: Operation = { description, execute: executeProjectCreate };
