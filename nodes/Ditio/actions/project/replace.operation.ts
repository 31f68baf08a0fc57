import type { IDataObject } from 'n8n-workflow';

import { forgetProjectNumbers, projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { perItem } from '../per-item';
import type { Operation } from '../types';
import { additionalFieldsParameter, NUMBER_TAKEN_HINTS, projectBody, projectNumberParameter, readProjectInput } from './project-input';

export const replace: Operation = {
	description: [
		{
			displayName:
				'Replace sends the whole project: every field you leave out is reset to its default in Ditio (empty, false or 0). To change only some fields, use Update.',
			name: 'replaceNotice',
			type: 'notice',
			default: '',
		},
		projectLocator({ description: 'The project to replace' }),
		projectNumberParameter,
		additionalFieldsParameter,
	],
	execute: perItem(async function (itemIndex, run) {
		const input = readProjectInput.call(this, run, itemIndex);
		const ref = readProjectRef.call(this, itemIndex);
		const id = await resolveProjectId(run, ref, itemIndex);
		const replaced = await run.client.request<IDataObject>('PUT', ['projects', id], {
			body: projectBody(input),
			itemIndex,
			hints: NUMBER_TAKEN_HINTS,
		});
		forgetProjectNumbers(run); // the number may have changed
		return replaced;
	}),
};
