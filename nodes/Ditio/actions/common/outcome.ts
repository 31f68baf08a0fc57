import type { IDataObject } from 'n8n-workflow';

export type Outcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes say what they did, so a user never believes a change was written when it was not.
 * `outcome` and `changedFields` are the node's words, added beside Ditio's record.
 */
export function withOutcome(record: IDataObject, outcome: Outcome, extra: IDataObject = {}): IDataObject {
	return { ...record, outcome, ...extra };
}
