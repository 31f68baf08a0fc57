import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { ABSENCE_HINTS, externalIdParameter, readExternalId } from './absence-input';
import { readAbsenceRoute } from './absence-path';

export async function executeAbsenceGet(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({ route: readAbsenceRoute.call(this, itemIndex), externalId: readExternalId.call(this, itemIndex) }),
		run: async ({ route, externalId }, itemIndex) =>
			await run.client.request<IDataObject>('GET', route.segments(externalId), { base: route.base, itemIndex, hints: ABSENCE_HINTS }),
	});
}

export const get: Operation = {
	description: [{ ...externalIdParameter, description: 'The External ID the absence was pushed with (case-sensitive)' }],
	execute: executeAbsenceGet,
};
