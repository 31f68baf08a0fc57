import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequired } from '../../../shared/fields/collection';
import { MACHINE_NUMBER } from '../../../shared/fields/machine.fields';
import { nothingSent } from '../../../shared/untouched';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { MACHINE_HINTS, type MachineFields, machinePath, readMachineFields, updateFieldsParameter, writeEsg } from './machine-input';
import { machineLocator, machineLookup, readMachineRef } from './machine-ref';

/** Update Fields of one item, split between the machine's route and its ESG route. */
function readChanges(this: IExecuteFunctions, itemIndex: number): MachineFields {
	const node = this.getNode();
	const { [MACHINE_NUMBER.name]: machineNumber, ...given } = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = readMachineFields.call(this, itemIndex, given);
	// A fleet number may be changed, never emptied: Ditio requires one.
	if (machineNumber !== undefined) changes.fields[MACHINE_NUMBER.name] = readRequired(node, itemIndex, MACHINE_NUMBER, machineNumber);
	if (Object.keys(changes.fields).length === 0 && Object.keys(changes.esg).length === 0) {
		throw new NodeOperationError(node, 'Nothing to update', { itemIndex, description: `Add at least one field under Update Fields. ${nothingSent(itemIndex)}` });
	}
	return changes;
}

/** PATCH of only the fields given: Ditio keeps every field left out (preserve-on-omit). */
export async function executeMachineUpdate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const lookup = machineLookup(this, run);
	return await executeItems(this, run, {
		read: (itemIndex) => ({ changes: readChanges.call(this, itemIndex), ref: readMachineRef.call(this, itemIndex) }),
		prepare: async ({ changes, ref }, itemIndex) => ({ changes, ...(await lookup.resolve(ref, itemIndex)) }),
		run: async ({ changes, id, record }, itemIndex) => {
			let machine: IDataObject = record ?? { id };
			if (Object.keys(changes.fields).length > 0) {
				machine = await run.client.request<IDataObject>('PATCH', machinePath(id), { body: changes.fields, itemIndex, hints: MACHINE_HINTS });
			}
			return await writeEsg(run, machine, changes.esg, itemIndex);
		},
	});
}

export const update: Operation = { description: [machineLocator('The machine to update'), updateFieldsParameter], execute: executeMachineUpdate };
