import { projectLocator, readProjectRef, resolveProjectId } from '../common/project-locator';
import { perItem } from '../per-item';
import type { Operation } from '../types';

export const deleteProject: Operation = {
	description: [projectLocator({ description: 'The project to delete' })],
	execute: perItem(async function (itemIndex, run) {
		const id = await resolveProjectId(run, readProjectRef.call(this, itemIndex), itemIndex);
		await run.client.request('DELETE', ['projects', id], { itemIndex });
		return { deleted: true, id };
	}),
};
