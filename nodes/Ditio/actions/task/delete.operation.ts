import { NodeApiError } from 'n8n-workflow';

import { perItem } from '../per-item';
import type { Operation } from '../types';
import { readTaskId, taskIdParameter } from './task-input';

const REFUSED_ADVICE =
	'Ditio refuses to delete a work order that has child work orders or time registrations. Set Active to false with Update instead; it then disappears from the field app.';

export const deleteTask: Operation = {
	description: [taskIdParameter],
	execute: perItem(async function (itemIndex, run) {
		const id = readTaskId.call(this, itemIndex);
		try {
			await run.client.request('DELETE', ['tasks', id], { itemIndex });
		} catch (error) {
			if (error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '409')) {
				error.description = REFUSED_ADVICE;
			}
			throw error;
		}
		return { deleted: true, id };
	}),
};
