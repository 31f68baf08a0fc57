import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ClientSettings } from '../../../shared/transport/client';
import { boundedConcurrency, CONCURRENCY, DEFAULT_TIMEOUT_MS } from '../../../shared/transport/client';
import { DEFAULT_RATE_LIMIT_WAIT_MS, DEFAULT_RETRY } from '../../../shared/transport/retry';
import { nothingSent } from '../../../shared/untouched';

/** Options of every operation: how hard to try when Ditio is busy or slow; for Create or Update also Preview Only and Deactivate Missing. */
export const requestOptionsParameter: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How hard to try when Ditio is busy or slow',
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: 5, // = CONCURRENCY.default (the linter wants a literal; a unit test holds them together)
			typeOptions: { minValue: CONCURRENCY.min, maxValue: CONCURRENCY.max },
			description:
				'Most requests to Ditio at once. Create or Update writes this many items in parallel (parents before children). When Ditio answers 429 the node also lowers its pace in requests per second by itself. The same for every item of a run.',
		},
		{
			displayName: 'Deactivate Missing',
			name: 'deactivateMissing',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': ['upsert'] } },
			description:
				'Whether to set active: false on what the input no longer has, making the input the source of truth. Work orders: the active ones with an External ID in each project of the run (never template work orders or ones made by hand in Ditio). Projects: the active ones of each company of the run. Never deleted: registrations may hang on them.',
		},
		{
			displayName: 'Max Share to Deactivate (%)',
			name: 'maxDeactivateShare',
			type: 'number',
			default: 20, // = DEFAULT_MAX_DEACTIVATE_SHARE
			typeOptions: { minValue: 0, maxValue: 100 },
			displayOptions: { show: { '/operation': ['upsert'] } },
			description:
				"With Deactivate Missing: when more than this share of a project's active work orders (or a company's active projects) would be deactivated, the run fails before anything is written, so an empty or cut-off export never wipes a project",
		},
		{
			displayName: 'Preview Only',
			name: 'previewOnly',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': ['upsert'] } },
			description:
				'Whether to only show what this run would do: Ditio is read exactly as in a real run and nothing is written. Each item says its would-be outcome, with preview: true and, for updates, each changed field before and after.',
		},
		{
			displayName: 'Rate Limit Wait (Minutes)',
			name: 'rateLimitWaitMinutes',
			type: 'number',
			default: 10, // = DEFAULT_RATE_LIMIT_WAIT_MS
			typeOptions: { minValue: 0, numberPrecision: 2 },
			description:
				'How long one request may keep being refused by a Ditio rate limit (429) before it fails. Meanwhile the node sends at the pace Ditio admits and honours Retry-After. 0 fails at the first 429. The same for every item of a run.',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			default: 4, // = DEFAULT_RETRY.maxRetries (a unit test holds them together)
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'How many times to try again after a gateway or service error (502, 503, 504), a broken connection or a timeout, with growing waits. 0 switches these retries off. A work order (or a document without Replace) is only sent again after checking that the first try did not land. Rate limits (429) are governed by Rate Limit Wait instead. The same for every item of a run.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			default: 60, // = DEFAULT_TIMEOUT_MS
			typeOptions: { minValue: 1 },
			description: 'How long to wait for one answer from Ditio before giving it up. The same for every item of a run.',
		},
	],
};

/** The run-wide options, read once: the one place the node turns them into settings. */
export function clientSettings(this: IExecuteFunctions): ClientSettings & { concurrency: number } {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	sameForEveryItem.call(this, options);
	const retries = Number(options.retries ?? DEFAULT_RETRY.maxRetries);
	const timeoutSeconds = Number(options.timeoutSeconds ?? DEFAULT_TIMEOUT_MS / 1000);
	const waitMinutes = Number(options.rateLimitWaitMinutes ?? DEFAULT_RATE_LIMIT_WAIT_MS / 60_000);
	return {
		concurrency: boundedConcurrency(options.concurrency),
		retry: {
			maxRetries: Number.isFinite(retries) ? Math.max(0, Math.floor(retries)) : DEFAULT_RETRY.maxRetries,
			rateLimitWaitMs: Number.isFinite(waitMinutes) ? Math.max(0, waitMinutes) * 60_000 : DEFAULT_RATE_LIMIT_WAIT_MS,
		},
		timeoutMs: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS,
	};
}

/** The request options, by name: one gate, one rate limiter and one timeout serve the whole run. */
const RUN_WIDE = (requestOptionsParameter.options as INodeProperties[]).map(({ name, displayName }) => ({ name, displayName }));

/**
 * The request options are read once, from the first item. An expression that gives another item
 * another value would be ignored without a word, so the run fails before anything is sent,
 * naming the option and the item. Items are read again only for options set by expression.
 * (A document operation's own options, such as Section, share the collection and stay per item.)
 */
function sameForEveryItem(this: IExecuteFunctions, first: IDataObject) {
	const raw = (this.getNode().parameters.options ?? {}) as IDataObject;
	const byExpression = RUN_WIDE.filter(({ name }) => typeof raw[name] === 'string' && (raw[name] as string).startsWith('='));
	if (byExpression.length === 0) return;
	const count = this.getInputData().length;
	for (let itemIndex = 1; itemIndex < count; itemIndex++) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		for (const { name, displayName } of byExpression) {
			if (options[name] === first[name]) continue;
			throw new NodeOperationError(
				this.getNode(),
				`Options → ${displayName} must be the same for every item: item ${itemIndex} gives ${String(options[name])}, item 0 gives ${String(first[name])}`,
				{
					itemIndex,
					description: `These options hold for the whole run at once (its requests, its preview and what it deactivates). Use a fixed value, or an expression that gives every item the same value. ${nothingSent()}`,
				},
			);
		}
	}
}
