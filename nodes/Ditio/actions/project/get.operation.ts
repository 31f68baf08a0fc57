import { PROJECT_FIELDS } from '../../../shared/fields/project.fields';
import { PROJECT_IDENTITY, shaped, simplifyParameter } from '../../../shared/fields/simplify';
import type { IDataObject } from 'n8n-workflow';

import { projectByNumber, projectLocator } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { perItem } from '../per-item';
import type { Operation } from '../types';

export const get: Operation = {
	description: [projectLocator({ description: 'The project to get' }), simplifyParameter],
	execute: perItem(async function (itemIndex, run) {
		const ref = readProjectRef.call(this, itemIndex);
		const project =
			ref.mode === 'projectNumber'
				? await projectByNumber(run, ref.value, itemIndex)
				: await run.client.request<IDataObject>('GET', ['projects', ref.value], { itemIndex });
		return shaped(this.getNodeParameter('simplify', itemIndex, true) as boolean, project, PROJECT_IDENTITY, PROJECT_FIELDS);
	}),
};
