import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { StatusAnswer } from '../../../shared/transport/client';
import { withOutcome } from '../common/outcome';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { ABSENCE_HINTS, absenceParameters, readAbsenceInput } from './absence-input';

/**
 * One POST per item; Ditio creates or updates by External ID and says which by its status
 * (201 created, 200 updated), which becomes `outcome`. A refusal (a settled day changed, an
 * ambiguous type code) fails the item with Ditio's words and is never sent again.
 */
export async function executeAbsenceUpsert(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => readAbsenceInput.call(this, itemIndex),
		run: async ({ route, body }, itemIndex) => {
			const answer = await run.client.request<StatusAnswer<IDataObject>>('POST', route.segments(), {
				base: route.base,
				body,
				itemIndex,
				withStatus: true,
				// Matched on External ID: a resend after a lost answer updates the same absence.
				repeatable: true,
				hints: ABSENCE_HINTS,
			});
			return withOutcome(answer.body ?? {}, answer.statusCode === 201 ? 'created' : 'updated');
		},
	});
}

export const upsert: Operation = { description: absenceParameters, execute: executeAbsenceUpsert };
