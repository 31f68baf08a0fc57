import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { projectLocator } from '../shared/project-locator';
import { DITIO_DESCRIPTION } from '../shared/description';
import { searchProjects } from '../shared/project-search';
import { type DitioClient, ditioClient } from '../shared/transport/client';
import { TIME_REGISTRATIONS } from '../shared/reporting/datasets';
import { learnForFeed, pollFeed } from './feed';
import { pollTimeRegistrations, registrationTriggerProperties } from './registration-trigger';
import { type Change, type Memory, Seen } from './memory';
import { compareRead, readWatched } from './polling';
import { type Resource, watchFieldsOption, watchOf } from './watch';

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
					'Ditio has no webhooks for projects and work orders, so this trigger asks Ditio at the interval below. With "Use Data Extraction API" on in the credential it asks Ditio\'s change feed what changed (a few requests per poll); otherwise it reads every watched record and compares.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'Restarts: n8n saves what this trigger remembers only at activation and when it starts the workflow. So after a restart these are not reported: without the change feed, a record that appeared since the workflow last started and was removed while n8n was down; and, without Created among the events, a record created since then and changed while n8n was down. Select all three events (and use the change feed) to miss nothing.',
				name: 'restartNotice',
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
					{ name: 'Time Registration', value: 'timeRegistration' },
					{ name: 'Work Order', value: 'task' },
				],
				default: 'task',
			},
			...registrationTriggerProperties,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				displayOptions: { show: { resource: ['project', 'task'] } },
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: { show: { resource: ['project', 'task'] } },
				options: [watchFieldsOption('project'), watchFieldsOption('task')],
			},
		],
	};

	methods = { listSearch: { searchProjects } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('resource') === TIME_REGISTRATIONS.resource) return await pollTimeRegistrations.call(this);
		const resource = this.getNodeParameter('resource') as Resource;
		const events = this.getNodeParameter('events', []) as string[];
		const defaults = watchFieldsOption(resource).default as string[];
		const watch = watchOf(resource, this.getNodeParameter(`options.${resource}Fields`, defaults) as string[]);
		// A poll waits at most a minute for a rate limit: a failed poll moves nothing, the next one catches up.
		const client = await ditioClient(this, {
			retry: { rateLimitWaitMs: 60_000 },
			rateLimitAdvice: 'the trigger tries again at its next poll, and reports what changed meanwhile',
		});
		// Taken before the first request, so the next feed window starts no later than this poll's reads.
		const startedAt = new Date().toISOString();
		const memory = this.getWorkflowStaticData('node') as Memory;

		if (this.getMode() === 'manual') return await testEvent.call(this, client, resource, memory);

		const mode = client.reporting ? 'feed' : 'polling';
		const scope = resource === 'task' ? [this.getNodeParameter('scope'), this.getNodeParameter('project', '')] : null;
		const watching = JSON.stringify([resource, mode, scope, watch.kept]);
		const first = memory.watching !== watching || !memory.seen;
		const seen = new Seen(first ? {} : (memory.seen ?? {}), watch);

		let found: Change[];
		if (mode === 'feed') {
			const { changes, state } = first
				? { changes: [], state: await learnForFeed(this, client, resource, { projectIds: memory.projectIds }, seen, startedAt) }
				: await pollFeed(this, client, resource, memory, seen, startedAt);
			found = changes;
			// Only a poll that read everything moves the memory: a failed one threw above.
			memory.since = state.since;
			memory.recent = state.recent;
			memory.deletions = state.deletions;
			if (state.active.size > 0 || memory.active) memory.active = [...state.active];
			memory.projectIds = state.projectIds;
		} else {
			const read = await readWatched(this, client, resource, first ? { projectIds: memory.projectIds } : memory);
			found = compareRead(seen, read);
			memory.projectIds = read.projectIds;
			delete memory.since;
			delete memory.recent;
			delete memory.deletions;
			delete memory.active;
		}
		memory.watching = watching;
		memory.seen = seen.commit();
		if (first) return null; // the first poll learns what exists instead of reporting it all

		const wanted = found.filter((change) => events.includes(change.event));
		if (wanted.length === 0) return null;
		return [wanted.map((change) => ({ json: { resource, ...change } as IDataObject }))];
	}
}

/** Fetch Test Event: one real record, and the memory left alone. */
async function testEvent(this: IPollFunctions, client: DitioClient, resource: Resource, memory: Memory): Promise<INodeExecutionData[][]> {
	const { groups } = await readWatched(this, client, resource, { projectIds: { ...memory.projectIds } });
	const records = [...groups.values()].flat();
	const sample = records[records.length - 1];
	if (!sample) {
		throw new NodeOperationError(this.getNode(), 'Ditio has no record to show yet', {
			description: 'Create a record in Ditio (or pick another project), then fetch a test event again.',
		});
	}
	return [[{ json: { event: 'created', resource, id: sample.id, record: sample } }]];
}
