import type { IDataObject } from 'n8n-workflow';

import type { BatchRun } from '../types';

/** The project with this number, or undefined when Ditio has none (404). */
export async function findProjectByNumber(
	run: BatchRun,
	projectNumber: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	return await run.client.find<IDataObject>(['projects', 'by-project-number', projectNumber], { itemIndex });
}
