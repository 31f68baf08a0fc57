import type { IDataObject } from 'n8n-workflow';

/** `deactivated`: set `active: false` by Create or Update's Deactivate Missing. */
export type Outcome = 'created' | 'updated' | 'unchanged' | 'deactivated';

/**
 * Writes say what they did, so a user never believes a change was written when it was not.
 * `outcome` and `changedFields` are the node's words, added beside Ditio's record, and first:
 * the editor's Table view shows the columns in key order, and these are what a user looks for.
 */
export function withOutcome(record: IDataObject, outcome: Outcome, extra: IDataObject = {}): IDataObject {
	const { changedFields, ...rest } = extra;
	const first: IDataObject = changedFields === undefined ? { outcome } : { outcome, changedFields };
	// Assigning keeps each key where it first appeared, so a record's own field cannot move them.
	return Object.assign(first, record, { outcome }, changedFields === undefined ? {} : { changedFields }, rest);
}
