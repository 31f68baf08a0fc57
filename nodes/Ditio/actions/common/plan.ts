import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nothingWritten } from '../../../shared/untouched';
import type { RefusedItem } from '../execute-items';
import { atItem, errorJson } from '../item-errors';
import type { BatchRun } from '../types';
import { type Outcome, withOutcome } from './outcome';

export const DEFAULT_MAX_DEACTIVATE_SHARE = 20;

/** Create or Update's Preview Only and Deactivate Missing, which hold for the whole run. */
export interface UpsertMode {
	preview: boolean;
	deactivateMissing: boolean;
	/** Percent of the active records of a project (or company) that may be deactivated. */
	maxShare: number;
}

export function upsertMode(this: IExecuteFunctions): UpsertMode {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const share = Number(options.maxDeactivateShare ?? DEFAULT_MAX_DEACTIVATE_SHARE);
	return {
		preview: options.previewOnly === true,
		deactivateMissing: options.deactivateMissing === true,
		maxShare: Number.isFinite(share) ? Math.min(100, Math.max(0, share)) : DEFAULT_MAX_DEACTIVATE_SHARE,
	};
}

/** Before and after of each changed field, the way the Ditio Trigger shows a change. */
export function changesView(changed: string[], after: IDataObject, before: IDataObject): IDataObject {
	return Object.fromEntries(changed.map((name) => [name, { before: before[name] ?? null, after: after[name] ?? null }]));
}

/** An item's would-be outcome: the record as the write would leave it, marked as a preview. */
export function previewed(record: IDataObject, outcome: Outcome, extra: IDataObject = {}): IDataObject {
	return withOutcome(record, outcome, { ...extra, preview: true });
}

/** A record that Deactivate Missing sets inactive, and the input item that brought its project (or company) into the run. */
export interface Deactivation {
	record: IDataObject;
	path: string[];
	pairedWith: number;
}

/**
 * A refused item's record would look missing and be deactivated: with Deactivate Missing on, one
 * refused item stops the whole run before any write, Continue On Fail or not.
 */
export function stopIfRefused(node: INode, refused: ReadonlyArray<RefusedItem>, what: string): void {
	const first = refused[0];
	if (!first) return;
	throw new NodeOperationError(node, `Deactivate Missing cannot tell what is missing: item ${first.itemIndex} was refused: ${first.error.message}`, {
		itemIndex: first.itemIndex,
		description: `Its ${what} would look missing and be set inactive. Fix the item, or turn off Deactivate Missing. ${nothingWritten()}`,
	});
}

/**
 * The safety stop: an empty or cut-off export looks like "everything ended". More than the
 * allowed share of the active records of one project (or company) fails the run before any write.
 */
export function stopIfTooMany(
	node: INode,
	mode: UpsertMode,
	found: { missing: number; active: number; where: string; what: string; itemIndex: number },
): void {
	const { missing, active, where, what, itemIndex } = found;
	if (active === 0 || (missing / active) * 100 <= mode.maxShare) return;
	const share = Math.round((missing / active) * 1000) / 10;
	throw new NodeOperationError(node, `Deactivate Missing would set ${missing} of the ${active} active ${what} of ${where} inactive (${share}%), more than Max Share to Deactivate (${mode.maxShare}%)`, {
		itemIndex,
		description: `An empty or cut-off export looks like this. Check the input; if that many really ended, raise Max Share to Deactivate. ${nothingWritten()}`,
	});
}

const deactivatedView = (record: IDataObject, preview: boolean): IDataObject =>
	withOutcome({ ...record, active: false }, 'deactivated', {
		changedFields: ['active'],
		changes: { active: { before: true, after: false } },
		...(preview ? { preview: true } : {}),
	});

/**
 * The deactivations, after the items' own writes: one PATCH of `active: false` each (never a
 * delete: registrations may hang on the record), up to Concurrency at once. One output item each,
 * paired with the item that brought its project into the run. A failure is handled as an item's:
 * without Continue On Fail no further PATCH starts and the run fails.
 */
export async function runDeactivations(
	context: IExecuteFunctions,
	run: BatchRun,
	targets: Deactivation[],
	preview: boolean,
): Promise<INodeExecutionData[]> {
	const paired = (json: IDataObject, t: Deactivation): INodeExecutionData => ({ json, pairedItem: { item: t.pairedWith } });
	if (preview) return targets.map((t) => paired(deactivatedView(t.record, true), t));
	const node = context.getNode();
	const out: INodeExecutionData[] = new Array(targets.length);
	let next = 0;
	let stop: Error | undefined;
	const worker = async () => {
		while (!stop && next < targets.length) {
			const at = next++;
			const t = targets[at];
			try {
				const updated = await run.client.request<IDataObject>('PATCH', t.path, { body: { active: false }, itemIndex: t.pairedWith });
				out[at] = paired(deactivatedView({ ...t.record, ...updated }, false), t);
			} catch (error) {
				const failure = atItem(node, error, t.pairedWith);
				if (!run.continueOnFail) stop ??= failure;
				out[at] = paired(errorJson(failure, t.pairedWith, run.operation), t);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(run.concurrency, targets.length)) }, worker));
	if (stop) throw stop;
	return out;
}
