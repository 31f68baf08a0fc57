import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { RunCache } from '../../shared/run-cache';
import type { DitioClient } from '../../shared/transport/client';

/** What one input item produced: one record, several, or the error that stopped it; a download adds its file. */
export type ItemResult = { json: IDataObject | IDataObject[]; binary?: IBinaryKeyData } | { error: Error };

export interface BatchRun {
	items: INodeExecutionData[];
	continueOnFail: boolean;
	/** How many items Create or Update works on at once. */
	concurrency: number;
	client: DitioClient;
	/** Lookups made during this execution (project number → project …); nothing outlives it. */
	cache: RunCache;
}

/**
 * An operation sees the whole batch, because Create or Update needs it (one list read for all
 * items); it answers one result per input item, in input order.
 */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, run: BatchRun): Promise<ItemResult[]>;
}

export type PerItem = (this: IExecuteFunctions, itemIndex: number, run: BatchRun) => Promise<IDataObject | IDataObject[]>;
