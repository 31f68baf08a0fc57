import type { IDataObject } from 'n8n-workflow';

import type { BatchRun } from '../types';

/** A project's work orders, read once per execution and kept current with this run's writes. */
export interface TaskIndex {
	byExternalId: Map<string, IDataObject>;
	byId: Map<string, IDataObject>;
	remember(task: IDataObject): void;
}

export function projectTasks(run: BatchRun, projectId: string, itemIndex: number): Promise<TaskIndex> {
	const key = `tasks-of:${projectId}`;
	let index = run.memo.get(key) as Promise<TaskIndex> | undefined;
	if (!index) {
		index = run.client
			.request<IDataObject[]>('GET', ['tasks', 'project', projectId], { itemIndex })
			.then((tasks) => {
				const byExternalId = new Map<string, IDataObject>();
				const byId = new Map<string, IDataObject>();
				const remember = (task: IDataObject) => {
					byId.set(String(task.id), task);
					byExternalId.set(String(task.externalId), task);
				};
				tasks.forEach(remember);
				return { byExternalId, byId, remember };
			});
		run.memo.set(key, index);
		index.catch(() => run.memo.delete(key));
	}
	return index;
}

/**
 * Asked before a POST of a work order is sent again: did the first try land after all? Reads the
 * project afresh, since the memo cannot know.
 */
export function landedAlready(run: BatchRun, projectId: string, externalId: string, itemIndex: number) {
	return async () => {
		const tasks = await run.client.request<IDataObject[]>('GET', ['tasks', 'project', projectId], { itemIndex });
		return tasks.find((task) => task.externalId === externalId);
	};
}

/** Records a write in the index if this run has read the project, so later items see it. */
export async function rememberTask(run: BatchRun, task: IDataObject): Promise<void> {
	const index = run.memo.get(`tasks-of:${String(task.projectId)}`) as Promise<TaskIndex> | undefined;
	if (index) (await index).remember(task);
}
