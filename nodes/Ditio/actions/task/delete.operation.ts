import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { readTaskId, taskIdParameter } from './task-input';

const REFUSED_ADVICE =
	'Ditio refuses to delete a work order that has child work orders or time registrations. Set Active to false with Update instead; it then disappears from the field app.';

export async function executeTaskDelete(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readTaskId.call(this, itemIndex),
		run: async (id, itemIndex) => {
			await run.client.request('DELETE', ['tasks', id], { itemIndex, hints: { 400: REFUSED_ADVICE, 409: REFUSED_ADVICE } });
			return { deleted: true, id };
		},
	});
}

export const deleteTask: Operation = { description: [taskIdParameter], execute: executeTaskDelete };
