import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { ABSENCE_HINTS, externalIdParameter, readExternalId } from './absence-input';
import { readAbsenceRoute } from './absence-path';

/** Cancels the absence: Ditio answers 204, or 404 when it holds none with this External ID. */
export async function executeAbsenceDelete(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({ route: readAbsenceRoute.call(this, itemIndex), externalId: readExternalId.call(this, itemIndex) }),
		run: async ({ route, externalId }, itemIndex) => {
			await run.client.request('DELETE', route.segments(externalId), { base: route.base, itemIndex, hints: ABSENCE_HINTS });
			return { deleted: true, externalId };
		},
	});
}

export const deleteAbsence: Operation = {
	description: [{ ...externalIdParameter, description: 'The External ID of the absence to cancel (case-sensitive)' }],
	execute: executeAbsenceDelete,
};
