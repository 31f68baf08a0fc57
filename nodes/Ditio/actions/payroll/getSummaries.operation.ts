import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nothingSent } from '../../../shared/untouched';
import { requestOptionsParameter } from '../common/options';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { nextDay, readDay } from '../registration/dates';

/**
 * The payroll export that never locks data (Ditio: "it never locks data"); the plain export and
 * the file exports may lock, so this operation cannot reach them.
 */
const EXPORT_PATH = ['payroll-export', 'readonly'];
/** Ditio's longest work-date range per call (an older reference said 30: change it here). */
export const MAX_RANGE_DAYS = 45;
const DATA_FILTERS: Record<string, number> = { approved: 0, locked: 5, all: 10 };

const description: INodeProperties[] = [
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First work day, included (a calendar day). Longer ranges than 45 days are read in 45-day parts.',
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last work day, included (a calendar day)',
	},
	{
		displayName: 'Data Filter',
		name: 'dataFilter',
		type: 'options',
		default: 'approved',
		description: 'Which days Ditio includes',
		options: [
			{ name: 'Approved', value: 'approved', description: 'Only approved data (Ditio\'s default)' },
			{ name: 'Locked', value: 'locked', description: 'Only data already locked (paid)' },
			{ name: 'All', value: 'all', description: 'Every day, whatever its approval or lock state' },
		],
	},
	{
		...requestOptionsParameter,
		description: 'Export settings, and how hard to try when Ditio is busy or slow',
		options: [
			{
				displayName: 'Modified Since',
				name: 'modifiedSince',
				type: 'dateTime',
				default: '',
				description: 'Only summaries changed since this day (at most one year back)',
			},
			{
				displayName: 'Split Overtime Lines',
				name: 'splitOvertimeLines',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item per overtime line (with the person and day) instead of one per person and day. Days without overtime then give no item.',
			},
			...(requestOptionsParameter.options as INodeProperties[]),
		],
	},
];

interface ExportInput {
	parts: Array<{ from: string; to: string }>;
	qs: IDataObject;
	split: boolean;
}

/** The day's own fields a split overtime line keeps, so it can be booked without its summary. */
const DAY_FIELDS = ['userId', 'userName', 'employeeNumber', 'companyId', 'transDateTime'];

export async function executePayrollGetSummaries(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await executeItems<ExportInput>(this, run, {
		read: (itemIndex) => {
			const from = readDay(node, this.getNodeParameter('fromDate', itemIndex, ''), 'From Date', itemIndex);
			const to = readDay(node, this.getNodeParameter('toDate', itemIndex, ''), 'To Date', itemIndex);
			if (to < from) throw new NodeOperationError(node, `To Date ${to} is before From Date ${from}`, { itemIndex, description: nothingSent(itemIndex) });
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const filter = this.getNodeParameter('dataFilter', itemIndex, 'approved') as string;
			if (!(filter in DATA_FILTERS)) {
				throw new NodeOperationError(node, `Data Filter "${filter}" is not known`, { itemIndex, description: `Choose Approved, Locked or All. ${nothingSent(itemIndex)}` });
			}
			const qs: IDataObject = { dataFilter: DATA_FILTERS[filter] };
			if (options.modifiedSince) qs.modifiedSinceDate = readDay(node, options.modifiedSince, 'Options → Modified Since', itemIndex);
			const parts: ExportInput['parts'] = [];
			for (let start = from; start <= to; start = nextDay(start, MAX_RANGE_DAYS)) {
				const end = nextDay(start, MAX_RANGE_DAYS - 1);
				parts.push({ from: start, to: end < to ? end : to });
			}
			return { parts, qs, split: options.splitOvertimeLines === true };
		},
		run: async ({ parts, qs, split }, itemIndex) => {
			// Parts do not overlap, so a summary can come twice only if Ditio repeats it: the first is kept.
			const summaries = new Map<string, IDataObject>();
			for (const part of parts) {
				const answer = await run.client.request<IDataObject[]>('GET', EXPORT_PATH, {
					base: 'integrationRoot',
					qs: { ...qs, fromWorkDate: part.from, toWorkDate: part.to },
					itemIndex,
					hints: { 400: `Ditio refused the export's parameters. One call may span at most ${MAX_RANGE_DAYS} days (the node splits longer ranges), and Modified Since may be at most a year back.` },
				});
				for (const summary of Array.isArray(answer) ? answer : []) {
					const key = `${String(summary.userId ?? summary.employeeNumber ?? summary.userName)}|${String(summary.transDateTime)}`;
					if (!summaries.has(key)) summaries.set(key, summary);
				}
			}
			const all = [...summaries.values()];
			if (!split) return all;
			return all.flatMap((summary) => {
				const day = Object.fromEntries(DAY_FIELDS.filter((f) => f in summary).map((f) => [f, summary[f]]));
				const lines = Array.isArray(summary.overtimeLines) ? (summary.overtimeLines as IDataObject[]) : [];
				return lines.map((line) => ({ ...day, ...line }));
			});
		},
	});
}


export const getSummaries: Operation = { description, execute: executePayrollGetSummaries };
