import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { projectLocator, projectRefOf, resolveProjectId } from '../shared/project-locator';
import { RunCache } from '../shared/run-cache';
import { PROJECT_FIELDS, PROJECT_NUMBER } from '../shared/fields/project.fields';
import { EXTERNAL_ID, TASK_FIELDS } from '../shared/fields/task.fields';
import { DITIO_DESCRIPTION } from '../shared/description';
import { searchProjects } from '../shared/project-search';
import { type DitioClient, ditioClient } from '../shared/transport/client';
import { type Change, diff, type Remembered } from './changes';

const WATCHED = {
	project: [PROJECT_NUMBER.name, ...PROJECT_FIELDS.map((f) => f.name)],
	task: ['projectId', EXTERNAL_ID.name, ...TASK_FIELDS.map((f) => f.name)],
};

interface Memory {
	/** What the trigger watches; when the user changes it, the next poll starts quietly again. */
	watching: string;
	seen: Record<string, Remembered>;
}

/** The records this trigger watches now, and which projects they were read from. */
async function readWatched(this: IPollFunctions, client: DitioClient, resource: string) {
	if (resource === 'project') return { records: await client.request<IDataObject[]>('GET', ['projects']), projects: undefined };
	const scope = this.getNodeParameter('scope') as string;
	let projectIds: string[];
	if (scope === 'project') {
		const ref = projectRefOf(this.getNode(), this.getNodeParameter('project'));
		projectIds = [await resolveProjectId({ client, cache: new RunCache() }, ref)];
	} else {
		const projects = await client.request<IDataObject[]>('GET', ['projects']);
		projectIds = projects.filter((p) => p.active === true).map((p) => String(p.id));
	}
	const records: IDataObject[] = [];
	for (const id of projectIds) records.push(...(await client.request<IDataObject[]>('GET', ['tasks', 'project', id])));
	return { records, projects: new Set(projectIds) };
}

export class DitioTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ditio Trigger',
		name: 'ditioTrigger',
		icon: { light: 'file:ditio.svg', dark: 'file:ditio.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["events"].join(", ") }}',
		// The nodes panel shows this above the actions and events of the merged Ditio entry.
		description: DITIO_DESCRIPTION,
		defaults: { name: 'Ditio Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ditioOAuth2Api', required: true }],
		properties: [
			{
				displayName:
					'Ditio has no webhooks for projects and work orders, so this trigger asks Ditio at the interval below and compares with what it saw last time',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Project', value: 'project' },
					{ name: 'Work Order', value: 'task' },
				],
				default: 'task',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Changed', value: 'changed', description: 'A field of the record changed' },
					{ name: 'Created', value: 'created', description: 'A new record appeared' },
					{ name: 'Removed', value: 'removed', description: 'The record was deleted' },
				],
				default: ['created', 'changed', 'removed'],
				required: true,
			},
			{
				displayName: 'Watch',
				name: 'scope',
				type: 'options',
				displayOptions: { show: { resource: ['task'] } },
				options: [
					{ name: 'One Project', value: 'project' },
					{ name: 'All Active Projects', value: 'allActive' },
				],
				default: 'project',
			},
			{
				...projectLocator({ description: 'The project whose work orders to watch' }),
				displayOptions: { show: { resource: ['task'], scope: ['project'] } },
			},
		],
	};

	methods = { listSearch: { searchProjects } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = this.getNodeParameter('resource') as 'project' | 'task';
		const events = this.getNodeParameter('events', []) as string[];
		const client = await ditioClient(this);
		const { records, projects } = await readWatched.call(this, client, resource);

		if (this.getMode() === 'manual') {
			const sample = records[records.length - 1];
			if (!sample) throw new NodeOperationError(this.getNode(), 'Ditio has no record to show yet', {
				description: 'Create a record in Ditio (or pick another project), then fetch a test event again.',
			});
			return [[{ json: { event: 'created', resource, id: sample.id, record: sample } }]];
		}

		const fields = WATCHED[resource];
		const watching = JSON.stringify([resource, fields.length, resource === 'task' ? [this.getNodeParameter('scope'), this.getNodeParameter('project', '')] : null]);
		const memory = this.getWorkflowStaticData('node') as Partial<Memory>;
		const projectIdAt = fields.indexOf('projectId');
		// A work order of a project that is no longer watched (made inactive) did not disappear.
		const stillWatched = projects ? (r: Remembered) => projects.has(String(r[projectIdAt])) : undefined;
		const first = memory.watching !== watching || !memory.seen;
		const { events: found, next } = diff(first ? {} : memory.seen!, records, fields, stillWatched);

		// Only a successful read moves the memory: a failed poll throws above and skips nothing.
		memory.watching = watching;
		memory.seen = next;
		if (first) return null; // the first poll learns what exists instead of reporting it all

		const wanted = found.filter((change: Change) => events.includes(change.event));
		if (wanted.length === 0) return null;
		return [wanted.map((change) => ({ json: { resource, ...change } as IDataObject }))];
	}
}
