import type { IDataObject } from 'n8n-workflow';

import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { perItem } from '../per-item';
import type { Operation } from '../types';
import { resolveParent } from './parent';
import {
	additionalFieldsParameter,
	externalIdParameter,
	ifParentNotMarkedParameter,
	readTaskId,
	readTaskInput,
	taskIdParameter,
} from './task-input';

export const replace: Operation = {
	description: [
		{
			displayName:
				"Replace sends the whole work order: every field you leave out is reset to its default (an omitted Cost Price becomes 0, SJA Approval Required becomes false), and the project's template is not consulted. To change only some fields, use Update.",
			name: 'replaceNotice',
			type: 'notice',
			default: '',
		},
		taskIdParameter,
		projectLocator({ description: 'The project the work order belongs to' }),
		externalIdParameter,
		additionalFieldsParameter,
		ifParentNotMarkedParameter,
	],
	execute: perItem(async function (itemIndex, run) {
		const id = readTaskId.call(this, itemIndex);
		const input = readTaskInput.call(this, run, itemIndex);
		const projectId = await resolveProjectId(run, input.project, itemIndex);
		const { fields, notice } = await resolveParent.call(this, run, itemIndex, projectId, input.fields, input.parentExternalId);
		const replaced = await run.client.request<IDataObject>('PUT', ['tasks', id], {
			body: { companyId: input.companyId, projectId, externalId: input.externalId, ...fields },
			itemIndex,
		});
		return notice ? { ...replaced, notice } : replaced;
	}),
};
