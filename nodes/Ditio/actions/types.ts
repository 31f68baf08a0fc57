import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { RunCache } from '../../shared/run-cache';
import type { DitioClient } from '../../shared/transport/client';

export interface BatchRun {
	items: INodeExecutionData[];
	/** `resource:operation`, as a failed item's output names it. */
	operation: string;
	continueOnFail: boolean;
	/** How many items an operation that runs in parallel works on at once. */
	concurrency: number;
	client: DitioClient;
	/** Lookups made during this execution (project number → project …); nothing outlives it. */
	cache: RunCache;
}

/**
 * An operation sees the whole batch, because Create or Update needs it (one list read for all
 * items); it answers the node's output: one answer per input item (a record, several, or the
 * error item), paired with it. Every operation runs its items through `executeItems`.
 */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]>;
}
