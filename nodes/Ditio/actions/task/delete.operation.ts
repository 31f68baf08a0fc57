import { perItem } from '../per-item';
import type { Operation } from '../types';
import { readTaskId, taskIdParameter } from './task-input';

const REFUSED_ADVICE =
	'Ditio refuses to delete a work order that has child work orders or time registrations. Set Active to false with Update instead; it then disappears from the field app.';

export const deleteTask: Operation = {
	description: [taskIdParameter],
	execute: perItem(async function (itemIndex, run) {
		const id = readTaskId.call(this, itemIndex);
		await run.client.request('DELETE', ['tasks', id], { itemIndex, hints: { 400: REFUSED_ADVICE, 409: REFUSED_ADVICE } });
		return { deleted: true, id };
	}),
};
