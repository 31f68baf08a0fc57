import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type ProjectRef, projectLocator, projectRefOf, resolveProjectId } from '../../../shared/project-locator';
import { type Approval, type Dataset, PAGE_SIZE } from '../../../shared/reporting/datasets';
import { isTombstone, readPages, tombstone } from '../../../shared/reporting/reader';
import { nothingSent } from '../../../shared/untouched';
import { readLimit } from '../common/list';
import { requestOptionsParameter } from '../common/options';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { readDay, readInstant } from './dates';

const APPROVAL_DESCRIPTIONS: Record<Approval, string> = {
	any: 'Every registration, whatever its approval state',
	approved: 'Approved by the foreman or manager',
	notApproved: 'Not yet approved by the foreman or manager',
	payrollApproved: 'Approved for payroll (settled)',
	locked: 'Locked, as after a payroll run (settled)',
};

const APPROVAL_NAMES: Record<Approval, string> = {
	any: 'Any',
	approved: 'Approved',
	notApproved: 'Not Approved',
	payrollApproved: 'Payroll Approved',
	locked: 'Locked',
};

const onlyWindow = (window: string, property: INodeProperties): INodeProperties => ({ ...property, displayOptions: { show: { window: [window] } } });

function description(dataset: Dataset): INodeProperties[] {
	const states = ['any', ...Object.keys(dataset.approval)] as Approval[];
	return [
		{
			displayName: 'Window',
			name: 'window',
			type: 'options',
			default: 'workDate',
			description: 'Which registrations to read: those of a range of days, or those changed since a point in time',
			options: [
				{
					name: 'Work Date',
					value: 'workDate',
					description: `Registrations whose ${dataset.windowField} falls on these days (a full read: no deletions)`,
				},
				{
					name: 'Changed Since',
					value: 'changedSince',
					description: 'Registrations created, changed or deleted since a point in time, oldest change first (for incremental exports)',
				},
			],
		},
		onlyWindow('workDate', {
			displayName: 'From Date',
			name: 'fromDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'First day, included. Read as a calendar day in UTC, the way Ditio stores work dates.',
		}),
		onlyWindow('workDate', {
			displayName: 'To Date',
			name: 'toDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'Last day, included through its end. Read as a calendar day in UTC.',
		}),
		onlyWindow('changedSince', {
			displayName: 'Modified Since',
			name: 'modifiedSince',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'Registrations changed at or after this time. Without an offset it is read as UTC. For a repeated export, use the previous run\'s start minus about 10 minutes.',
		}),
		onlyWindow('changedSince', {
			displayName: 'Modified Before',
			name: 'modifiedBefore',
			type: 'dateTime',
			default: '',
			description: 'Optional end: registrations changed before this time. Without an offset it is read as UTC.',
		}),
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: true,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: 'Narrow the registrations: Project, Approval and company are asked of Ditio where it can filter, the rest checked by the node',
			options: [
				{
					displayName: 'Approval',
					name: 'approval',
					type: 'options',
					default: 'any',
					description: 'Keep only registrations in this approval state. For payroll, use Payroll Approved or Locked (settled), not Approved (the foreman only).',
					options: states.map((value) => ({ name: APPROVAL_NAMES[value], value, description: APPROVAL_DESCRIPTIONS[value] })),
				},
				{
					displayName: 'Exclude Subsidiaries',
					name: 'excludeSubsidiaries',
					type: 'boolean',
					default: false,
					description: "Whether a parent company leaves out its subsidiaries' data",
				},
				{
					displayName: 'Include Deleted',
					name: 'includeDeleted',
					type: 'boolean',
					default: false,
					description:
						'Whether to output deleted registrations (Changed Since only) as items with ID, isDeleted and deletedDateTime. Use them to mark your copy deleted, never to overwrite it.',
				},
				{
					displayName: 'Own Company Only',
					name: 'ownCompanyOnly',
					type: 'boolean',
					default: false,
					description: 'Whether to leave out data shared with your company by other companies',
				},
				{
					displayName: 'Project',
					name: 'project',
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					description: 'Only registrations on this project',
					modes: projectLocator().modes,
				},
			],
		},
		{
			...requestOptionsParameter,
			description: 'Page size, Simplify, and how hard to try when Ditio is busy or slow',
			options: [
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					default: 2500, // = PAGE_SIZE.default (the lint wants a literal here)
					typeOptions: { minValue: 1, maxValue: PAGE_SIZE.max },
					description: `How many registrations Ditio sends per request (ChunkLimit), at most ${PAGE_SIZE.max}`,
				},
				{
					displayName: 'Simplify',
					name: 'simplify',
					type: 'boolean',
					default: true,
					description:
						'Whether to return only IDs, dates, person, project, work order, quantities and approval state instead of the whole record',
				},
				...(requestOptionsParameter.options as INodeProperties[]),
			],
		},
	];
}

interface ReadInput {
	qs: IDataObject;
	project?: ProjectRef;
	approval: Approval;
	includeDeleted: boolean;
	simplify: boolean;
	limit?: number;
}

/** Get Many of one registration dataset: every page read before anything is output. */
export function registrationGetAll(dataset: Dataset): Operation {
	async function execute(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
		const node = this.getNode();
		const read = (itemIndex: number): ReadInput => {
			if (!run.client.reporting) {
				throw new NodeOperationError(node, `Reading ${dataset.noun.many} needs the Data Extraction API`, {
					itemIndex,
					description: `Turn on "Use Data Extraction API (Change Feed)" in the Ditio credential; the API client needs scope reportingapiv1. ${nothingSent()}`,
				});
			}
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const approval = (filters.approval ?? 'any') as Approval;
			if (approval !== 'any' && !dataset.approval[approval]) {
				throw new NodeOperationError(node, `Filters → Approval "${APPROVAL_NAMES[approval] ?? approval}" is not known for ${dataset.noun.many}`, {
					itemIndex,
					description: `Ditio's ${dataset.noun.many} carry no such state. Choose one of: ${['any', ...Object.keys(dataset.approval)].map((a) => APPROVAL_NAMES[a as Approval]).join(', ')}. ${nothingSent(itemIndex)}`,
				});
			}
			const pageSize = Number(options.pageSize ?? PAGE_SIZE.default);
			if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE_SIZE.max) {
				throw new NodeOperationError(node, `Options → Page Size must be a whole number from 1 to ${PAGE_SIZE.max}, not ${String(options.pageSize)}`, {
					itemIndex,
					description: nothingSent(itemIndex),
				});
			}
			const qs: IDataObject = { ChunkLimit: pageSize, ...dataset.approval[approval as Exclude<Approval, 'any'>]?.qs };
			if (this.getNodeParameter('window', itemIndex, 'workDate') === 'changedSince') {
				qs.ModifiedSince = readInstant(node, this.getNodeParameter('modifiedSince', itemIndex, ''), 'Modified Since', itemIndex);
				const before = this.getNodeParameter('modifiedBefore', itemIndex, '') as string;
				if (before) {
					qs.ModifiedBefore = readInstant(node, before, 'Modified Before', itemIndex);
					if (Date.parse(qs.ModifiedBefore as string) <= Date.parse(qs.ModifiedSince as string)) {
						throw new NodeOperationError(node, 'Modified Before must be later than Modified Since', { itemIndex, description: nothingSent(itemIndex) });
					}
				}
			} else {
				const from = readDay(node, this.getNodeParameter('fromDate', itemIndex, ''), 'From Date', itemIndex);
				const to = readDay(node, this.getNodeParameter('toDate', itemIndex, ''), 'To Date', itemIndex);
				if (to < from) throw new NodeOperationError(node, `To Date ${to} is before From Date ${from}`, { itemIndex, description: nothingSent(itemIndex) });
				// Ditio's ToDateTime is inclusive: the last second of the last day keeps the whole day in.
				qs.FromDateTime = `${from}T00:00:00Z`;
				qs.ToDateTime = `${to}T23:59:59Z`;
			}
			if (filters.ownCompanyOnly === true) qs.OwnCompanyDataOnly = true;
			if (filters.excludeSubsidiaries === true) qs.ExcludeDataFromSubsidiaries = true;
			const rawProject = filters.project as { value?: unknown } | undefined;
			const project = rawProject && String(rawProject.value ?? '').trim() ? projectRefOf(node, rawProject, itemIndex) : undefined;
			// readLimit's fallback (Return All off) never applies: n8n fills in this operation's default (on).
			const limit = readLimit.call(this, itemIndex);
			return {
				qs,
				project,
				approval,
				includeDeleted: filters.includeDeleted === true,
				simplify: options.simplify !== false,
				limit,
			};
		};

		return await executeItems(this, run, {
			read,
			prepare: async (input, itemIndex) =>
				input.project ? { ...input, qs: { ...input.qs, ProjectId: await resolveProjectId(run, input.project, itemIndex) } } : input,
			run: async (input, itemIndex) => {
				const rule = input.approval === 'any' ? undefined : dataset.approval[input.approval]?.field;
				// A record changed while the pages were read comes twice: its latest version wins.
				const out = new Map<string, IDataObject>();
				for await (const page of readPages(run.client, dataset.segments, input.qs, itemIndex)) {
					for (const record of page) {
						let kept: IDataObject | undefined;
						if (isTombstone(record)) kept = input.includeDeleted ? tombstone(record) : undefined;
						else if (!rule || record[rule.key] === rule.value) kept = input.simplify ? simplified(record, dataset.simplify) : record;
						if (!kept) continue;
						const id = String(record.id);
						if (out.has(id)) out.delete(id);
						out.set(id, kept);
					}
					if (input.limit !== undefined && out.size >= input.limit) break;
				}
				const records = [...out.values()];
				return input.limit === undefined ? records : records.slice(0, input.limit);
			},
		});
	}
	return { description: description(dataset), execute };
}

/** A plain loop: this runs once per registration, 100,000 times in a large export. */
function simplified(record: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const name of fields) if (name in record) out[name] = record[name];
	return out;
}
