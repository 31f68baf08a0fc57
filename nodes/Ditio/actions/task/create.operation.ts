import type { IDataObject } from 'n8n-workflow';

import { withOutcome } from '../common/outcome';
import { projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { perItem } from '../per-item';
import type { Operation } from '../types';
import { resolveParent } from './parent';
import { landedAlready, rememberTask } from './task-index';
import { additionalFieldsParameter, externalIdParameter, ifParentNotMarkedParameter, readTaskInput } from './task-input';

export const create: Operation = {
	description: [
		projectLocator({ description: 'The project the work order belongs to' }),
		externalIdParameter,
		additionalFieldsParameter,
		ifParentNotMarkedParameter,
	],
	execute: perItem(async function (itemIndex, run) {
		const input = readTaskInput.call(this, run, itemIndex);
		const projectId = await resolveProjectId(run, input.project, itemIndex);
		const { fields, notice } = await resolveParent.call(this, run, itemIndex, projectId, input.fields, input.parentExternalId);
		const created = await run.client.request<IDataObject>('POST', ['tasks'], {
			body: { companyId: input.companyId, projectId, externalId: input.externalId, ...fields },
			itemIndex,
			repeatable: landedAlready(run, projectId, input.externalId, itemIndex),
		});
		await rememberTask(run, created);
		return withOutcome(created, 'created', notice ? { notice } : {});
	}),
};
