import type { IDataObject } from 'n8n-workflow';

import type { TaskIndex } from '../../../shared/run-cache';
import type { BatchRun } from '../types';

export type { TaskIndex };

export const hasExternalId = (task: IDataObject) => typeof task.externalId === 'string' && task.externalId.trim() !== '';

/** A project's work orders, read once per execution and kept current with this run's writes. */
export function projectTasks(run: BatchRun, projectId: string, itemIndex: number): Promise<TaskIndex> {
	return run.cache.tasksOfProject.get(projectId, async () => {
		const tasks = await run.client.request<IDataObject[]>('GET', ['tasks', 'project', projectId], { itemIndex });
		const byExternalId = new Map<string, IDataObject>();
		const byId = new Map<string, IDataObject>();
		const remember = (task: IDataObject) => {
			// A work order being created by a preview has no id yet; one made by hand in Ditio has no
			// external ID, and must never match an item's.
			if (task.id !== undefined && task.id !== null) byId.set(String(task.id), task);
			if (hasExternalId(task)) byExternalId.set(String(task.externalId), task);
		};
		tasks.forEach(remember);
		return { byExternalId, byId, remember };
	});
}

/**
 * Asked before a POST of a work order is sent again: did the first try land after all? Reads the
 * project afresh, since the cached index cannot know.
 */
export function landedAlready(run: BatchRun, projectId: string, externalId: string, itemIndex: number) {
	return async () => {
		const tasks = await run.client.request<IDataObject[]>('GET', ['tasks', 'project', projectId], { itemIndex });
		return tasks.find((task) => task.externalId === externalId);
	};
}

/** Records a write in the index if this run has read the project, so later items see it. */
export async function rememberTask(run: BatchRun, task: IDataObject): Promise<void> {
	const index = run.cache.tasksOfProject.peek(String(task.projectId));
	if (index) (await index).remember(task);
}
