import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { projectLocator, type ProjectRef, resolveProjectId } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { TASK_LOOKUP_PROPERTIES, taskIdOf, taskLookupPath } from '../task/find-task';
import type { BatchRun } from '../types';

/** Where the documents are: a project's folder, or a work order's pages in its project's folder. */
export type TargetRef = { attachTo: 'project'; project: ProjectRef } | { attachTo: 'task'; lookupPath: string[] };

/** The path prefix of the document endpoints and the id in it, once looked up. */
export interface Target {
	kind: 'projects' | 'tasks';
	id: string;
}

export const attachToParameter: INodeProperties = {
	displayName: 'Attach To',
	name: 'attachTo',
	type: 'options',
	default: 'project',
	description: 'Whether the documents belong to a project or to a work order',
	options: [
		{ name: 'Project', value: 'project', description: "The project's folder in the Info Center, seen by everyone on the project" },
		{ name: 'Work Order', value: 'task', description: "The work order's own page inside its project's folder" },
	],
};

const whenAttachedTo = (attachTo: string, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, attachTo: [attachTo] } },
});

/** Attach To, then the Project picker or Work Order → Get's Look Up By fields. */
export const TARGET_PROPERTIES: INodeProperties[] = [
	attachToParameter,
	whenAttachedTo('project', projectLocator({ description: 'The project whose documents these are' })),
	...TASK_LOOKUP_PROPERTIES.map((property) => whenAttachedTo('task', property)),
];

/** The target of one item, checked; nothing is sent. */
export function readTarget(this: IExecuteFunctions, itemIndex: number): TargetRef {
	const attachTo = this.getNodeParameter('attachTo', itemIndex, 'project') as string;
	if (attachTo === 'task') return { attachTo: 'task', lookupPath: taskLookupPath.call(this, itemIndex) };
	return { attachTo: 'project', project: readProjectRef.call(this, itemIndex) };
}

/**
 * The Ditio id the endpoints need: a project by number or a work order by its numbers is looked
 * up once per execution, however many items name it. For an operation's `prepare`.
 */
export async function resolveTarget(run: BatchRun, ref: TargetRef, itemIndex: number): Promise<Target> {
	if (ref.attachTo === 'project') return { kind: 'projects', id: await resolveProjectId(run, ref.project, itemIndex) };
	return { kind: 'tasks', id: await taskIdOf(run, ref.lookupPath, itemIndex) };
}

/** An operation's input once its target is looked up. */
export type Targeted<I extends { target: TargetRef }> = Omit<I, 'target'> & { target: Target };

/** `prepare` of an operation whose input names a target: the same input, its target looked up. */
export async function withTarget<I extends { target: TargetRef }>(run: BatchRun, input: I, itemIndex: number): Promise<Targeted<I>> {
	return { ...input, target: await resolveTarget(run, input.target, itemIndex) };
}

/** What the outputs say about where a file is. */
export function targetJson(target: Target): IDataObject {
	return target.kind === 'projects' ? { projectId: target.id } : { taskId: target.id };
}

export const targetName = (target: Target) => (target.kind === 'projects' ? 'project' : 'work order');
