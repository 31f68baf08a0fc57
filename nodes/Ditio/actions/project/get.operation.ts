import type { IDataObject } from 'n8n-workflow';

import { projectByNumber, projectLocator, readProjectRef } from '../common/project-locator';
import { perItem } from '../per-item';
import type { Operation } from '../types';

export const get: Operation = {
	description: [projectLocator({ description: 'The project to get' })],
	execute: perItem(async function (itemIndex, run) {
		const ref = readProjectRef.call(this, itemIndex);
		if (ref.mode === 'projectNumber') return await projectByNumber(run, ref.value, itemIndex);
		return await run.client.request<IDataObject>('GET', ['projects', ref.value], { itemIndex });
	}),
};
