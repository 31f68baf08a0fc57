import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { projectByNumber } from '../common/project-locator';
import type { BatchRun } from '../types';

/** The project with this number, or undefined when Ditio answers 404. */
export async function findProjectByNumber(
	run: BatchRun,
	projectNumber: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	try {
		return await projectByNumber(run, projectNumber, itemIndex);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw error;
	}
}
