import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { MACHINE_ACTIVE } from '../../../shared/fields/machine.fields';
import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { MACHINE_HINTS, machinePath } from './machine-input';
import { machineLocator, machineLookup, readMachineRef } from './machine-ref';

/**
 * Ditio advises deactivating a machine rather than deleting it (its registrations stay readable),
 * and deactivation needs an explicit `active: false`: a PATCH without it keeps the machine active.
 */
export async function executeMachineDeactivate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const lookup = machineLookup(this, run);
	return await executeItems(this, run, {
		read: (itemIndex) => readMachineRef.call(this, itemIndex),
		prepare: async (ref, itemIndex) => await lookup.resolve(ref, itemIndex),
		run: async ({ id }, itemIndex) => {
			const machine = await run.client.request<IDataObject>('PATCH', machinePath(id), { body: { [MACHINE_ACTIVE.name]: false }, itemIndex, hints: MACHINE_HINTS });
			return withOutcome(machine, 'deactivated');
		},
	});
}

export const deactivate: Operation = { description: [machineLocator('The machine to deactivate')], execute: executeMachineDeactivate };
