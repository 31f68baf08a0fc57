import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { atItem } from './item-errors';
import type { BatchRun, ItemResult } from './types';

export interface Job {
	itemIndex: number;
	/** Items that must be finished first: a parent, or an earlier item with the same number. */
	after: number[];
	work: () => Promise<IDataObject | IDataObject[]>;
}

/**
 * Runs the jobs with up to `run.concurrency` at once, each after the items it depends on, and
 * answers one result per item whatever the finishing order. Without Continue On Fail the first
 * failure stops the jobs not yet started and is thrown once those in flight have finished.
 */
export async function runScheduled(this: IExecuteFunctions, run: BatchRun, jobs: Job[], into: ItemResult[]): Promise<void> {
	const finished = new Map<number, { promise: Promise<void>; resolve: () => void }>();
	for (const job of jobs) {
		let resolve!: () => void;
		const promise = new Promise<void>((r) => (resolve = r));
		finished.set(job.itemIndex, { promise, resolve });
	}
	let next = 0;
	let failure: Error | undefined;

	const worker = async () => {
		while (!failure && next < jobs.length) {
			const job = jobs[next++];
			await Promise.all(job.after.map((i) => finished.get(i)?.promise));
			if (failure) break;
			try {
				into[job.itemIndex] = { json: await job.work() };
			} catch (error) {
				const itemError = atItem(this.getNode(), error, job.itemIndex);
				into[job.itemIndex] = { error: itemError };
				if (!run.continueOnFail) failure ??= itemError;
			} finally {
				finished.get(job.itemIndex)!.resolve();
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(run.concurrency, jobs.length)) }, worker));
	if (failure) throw failure;
}
