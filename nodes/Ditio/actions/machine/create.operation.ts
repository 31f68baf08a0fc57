import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { additionalFieldsParameter, createMachine, machineNumberParameter, readMachineInput } from './machine-input';

/** A POST, never sent twice by itself: Ditio documents no idempotency for machines. */
export async function executeMachineCreate(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readMachineInput.call(this, run, itemIndex),
		run: async (input, itemIndex) => withOutcome(await createMachine(run, input, itemIndex), 'created'),
	});
}

export const create: Operation = { description: [machineNumberParameter, additionalFieldsParameter], execute: executeMachineCreate };
