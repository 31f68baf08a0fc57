import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { MACHINE_IDENTITY } from '../../../shared/fields/machine.fields';
import { shaped, simplifyParameter } from '../../../shared/fields/simplify';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { machinePath, SIMPLIFY_TABLE } from './machine-input';
import { machineLocator, machineLookup, readMachineRef } from './machine-ref';

export async function executeMachineGet(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const lookup = machineLookup(this, run);
	return await executeItems(this, run, {
		read: (itemIndex) => ({ ref: readMachineRef.call(this, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean }),
		run: async ({ ref, simplify }, itemIndex) => {
			const machine =
				ref.mode === 'machineNumber'
					? await lookup.byNumber(ref.value, itemIndex)
					: await run.client.request<IDataObject>('GET', machinePath(ref.value), { itemIndex });
			return shaped(simplify, machine, MACHINE_IDENTITY, SIMPLIFY_TABLE);
		},
	});
}

export const get: Operation = { description: [machineLocator('The machine to get'), simplifyParameter], execute: executeMachineGet };
