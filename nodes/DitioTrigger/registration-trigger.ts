import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type ApprovalLevel, TIME_REGISTRATIONS } from '../shared/reporting/datasets';
import { readPages } from '../shared/reporting/reader';
import { type DitioClient, ditioClient } from '../shared/transport/client';
import { REPORTING_SCOPE } from '../shared/transport/environments';
import { nothingSent } from '../shared/untouched';
import { FEED_HINTS } from './feed';
import type { Memory } from './memory';
import { pollRegistrations } from './registration-feed';

const show = { displayOptions: { show: { resource: [TIME_REGISTRATIONS.resource] } } };

/** The trigger's parameters for Time Registration, shown only for it. */
export const registrationTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Time registrations come from Ditio\'s Data Extraction API: turn on "Use Data Extraction API (Change Feed)" in the credential. Each poll costs the change feed\'s pages only, however many registrations exist.',
		name: 'registrationNotice',
		type: 'notice',
		default: '',
		...show,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		...show,
		options: [
			{
				name: 'Approved',
				value: 'approved',
				description: 'A registration reached the approval level of the options (the foreman by default), once, whatever edits follow',
			},
			{ name: 'Changed', value: 'changed', description: 'A registration was changed (an approval included)' },
			{ name: 'Created', value: 'created', description: 'A new registration appeared' },
			{ name: 'Removed', value: 'removed', description: 'A registration was deleted' },
		],
		default: ['created', 'changed', 'approved', 'removed'],
		required: true,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		...show,
		options: [
			{
				displayName: 'Approval Level',
				name: 'approvalLevel',
				type: 'options',
				default: 'approved',
				description: 'When Approved fires. For payroll, use Payroll Approved (settled), not Approved (the foreman only).',
				options: [
					{ name: 'Approved', value: 'approved', description: 'Approved by the foreman or manager' },
					{ name: 'Payroll Approved', value: 'payrollApproved', description: 'Approved for payroll, or locked (settled)' },
				],
			},
		],
	},
];

/** One poll of a Time Registration trigger: the dataset's change feed and nothing else. */
export async function pollTimeRegistrations(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const events = this.getNodeParameter('events', []) as string[];
	const level = this.getNodeParameter('options.approvalLevel', 'approved') as ApprovalLevel;
	// A poll waits at most a minute for a rate limit: a failed poll moves nothing, the next one catches up.
	const client = await ditioClient(this, {
		retry: { rateLimitWaitMs: 60_000 },
		rateLimitAdvice: 'the trigger tries again at its next poll, and reports what changed meanwhile',
	});
	if (!client.reporting) {
		throw new NodeOperationError(this.getNode(), 'Triggering on time registrations needs the Data Extraction API', {
			description: `Turn on "Use Data Extraction API (Change Feed)" in the Ditio credential; the API client needs scope ${REPORTING_SCOPE}. ${nothingSent()}`,
		});
	}
	// Taken before the first request, so the next window starts no later than this poll's reads.
	const startedAt = new Date().toISOString();
	const memory = this.getWorkflowStaticData('node') as Memory;
	if (this.getMode() === 'manual') return await testEvent(this, client);

	const watching = JSON.stringify([TIME_REGISTRATIONS.resource, 'feed', level]);
	const first = memory.watching !== watching || typeof memory.since !== 'string' || typeof memory.edge !== 'string';
	const { changes, memory: next } = await pollRegistrations(client, TIME_REGISTRATIONS, memory, { startedAt, level, first });
	// Only a poll that read every page gets here: a failed one moved nothing.
	for (const key of Object.keys(memory)) delete (memory as IDataObject)[key];
	Object.assign(memory, next, { watching });
	if (first) return null; // the first poll learns where the feed stands instead of reporting it

	const wanted = changes.filter((change) => events.includes(change.event));
	if (wanted.length === 0) return null;
	return [wanted.map((change) => ({ json: { resource: TIME_REGISTRATIONS.resource, ...change } as IDataObject }))];
}

/** Fetch Test Event: one real registration of the last month, and the memory left alone. */
async function testEvent(ctx: IPollFunctions, client: DitioClient): Promise<INodeExecutionData[][]> {
	const since = new Date(Date.now() - 31 * 86_400_000).toISOString();
	let sample: IDataObject | undefined;
	for await (const page of readPages(client, TIME_REGISTRATIONS.segments, { ModifiedSince: since, ChunkLimit: 10 }, undefined, FEED_HINTS)) {
		sample = page.find((row) => row.isDeleted !== true);
		break; // one page is enough for a sample
	}
	if (!sample) {
		throw new NodeOperationError(ctx.getNode(), 'Ditio has no time registration changed in the last month to show', {
			description: 'Register hours in Ditio, then fetch a test event again.',
		});
	}
	return [[{ json: { resource: TIME_REGISTRATIONS.resource, event: 'created', id: sample.id, record: sample } }]];
}
