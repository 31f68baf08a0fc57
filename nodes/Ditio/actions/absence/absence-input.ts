import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	ABSENCE_EMPLOYEE_NUMBER,
	ABSENCE_END,
	ABSENCE_EXTERNAL_ID,
	ABSENCE_START,
	ABSENCE_TYPE_CODE,
	ABSENCE_TYPE_ID,
	DAY_DATE,
	DAY_QTY,
	OPTIONAL_ABSENCE_FIELDS,
} from '../../../shared/fields/absence.fields';
import { collectionOptions, fieldError, fieldsCollection, identityParameter, readFields, readRequired } from '../../../shared/fields/collection';
import type { ApiField } from '../../../shared/fields/field';
import { KINDS } from '../../../shared/fields/kinds';
import { nothingSent } from '../../../shared/untouched';
import { type AbsenceRoute, readAbsenceRoute } from './absence-path';

/**
 * A refusal about days that are settled (payroll-approved or locked) does not go away by
 * sending again: it is Ditio's answer, shown as it is, and never resent.
 */
export const ABSENCE_HINTS = {
	400: 'Ditio refused the absence. Check the field it names (an absence type code must match exactly one active type; Ditio lists the candidates).',
	404: 'Ditio holds no absence with this External ID in your company (External IDs are case-sensitive), or the employee, type or project is unknown. If every absence answers 404, try the other Options → Absence API Path.',
	409: 'Ditio holds a day of this absence as approved for payroll or locked. Such a day must come back with the same date and hours, and the absence cannot be deleted; this will not change by running again, only when the day is reopened in Ditio.',
};

export const externalIdParameter = identityParameter(ABSENCE_EXTERNAL_ID);

/** The External ID as Ditio matches it: case kept, surrounding spaces trimmed. */
export function readExternalId(this: IExecuteFunctions, itemIndex: number): string {
	return readRequired(this.getNode(), itemIndex, ABSENCE_EXTERNAL_ID, this.getNodeParameter(ABSENCE_EXTERNAL_ID.name, itemIndex, ''));
}

const dateParameter = (field: ApiField): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: 'dateTime',
	default: '',
	required: true,
	description: field.description,
});

export const absenceParameters: INodeProperties[] = [
	externalIdParameter,
	identityParameter(ABSENCE_EMPLOYEE_NUMBER),
	{
		displayName: 'Absence Type By',
		name: 'absenceTypeBy',
		type: 'options',
		default: 'code',
		options: [
			{ name: 'Code', value: 'code', description: "The type's payroll code (lønnsart)" },
			{ name: 'ID', value: 'id', description: "The type's ID in Ditio" },
		],
		description: 'How the absence type is named',
	},
	{ ...identityParameter(ABSENCE_TYPE_CODE), displayOptions: { show: { absenceTypeBy: ['code'] } } },
	{ ...identityParameter(ABSENCE_TYPE_ID), displayOptions: { show: { absenceTypeBy: ['id'] } } },
	dateParameter(ABSENCE_START),
	dateParameter(ABSENCE_END),
	{
		displayName: 'Day Adjustments',
		name: 'days',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Day',
		default: {},
		description:
			'Single days that differ from Hours per Day. The period covers its work days (Monday to Friday); a row sets the hours of one day inside it, adds a weekend day, or removes a day with 0 hours.',
		options: [{ displayName: 'Day', name: 'day', values: collectionOptions([DAY_DATE, DAY_QTY]) }],
	},
	fieldsCollection('additionalFields', OPTIONAL_ABSENCE_FIELDS),
];

export interface AbsenceInput {
	route: AbsenceRoute;
	body: IDataObject;
}

function readDate(this: IExecuteFunctions, itemIndex: number, field: ApiField): string {
	const node = this.getNode();
	const raw = this.getNodeParameter(field.name, itemIndex, '');
	if (raw === '' || raw === null || raw === undefined) {
		throw new NodeOperationError(node, `Missing ${field.displayName} (${field.name})`, {
			itemIndex,
			description: `${field.displayName} must be ${KINDS[field.kind].expected}. ${nothingSent(itemIndex)}`,
		});
	}
	return readFields(node, itemIndex, [field], { [field.name]: raw as IDataObject[string] })[field.name] as string;
}

function hoursOf(this: IExecuteFunctions, itemIndex: number, field: ApiField, value: unknown, what: string): number {
	const hours = readFields(this.getNode(), itemIndex, [field], { [field.name]: value as IDataObject[string] })[field.name] as number;
	if (hours < 0 || hours > 24) throw fieldError(this.getNode(), itemIndex, { ...field, displayName: what }, `${hours} is outside 0 to 24 hours`);
	return hours;
}

/** Day Adjustments: each date a real day inside the period (Ditio ignores others without a word), once. */
function readDays(this: IExecuteFunctions, itemIndex: number, startDate: string, endDate: string): IDataObject[] | undefined {
	const node = this.getNode();
	const rows = ((this.getNodeParameter('days', itemIndex, {}) as IDataObject).day ?? []) as IDataObject[];
	if (rows.length === 0) return undefined;
	const seen = new Set<string>();
	return rows.map((row, n) => {
		const where = `Day Adjustments → Day ${n + 1}`;
		if (row.date === undefined || row.date === '') throw fieldError(node, itemIndex, { ...DAY_DATE, displayName: `${where} Date` }, 'it is empty');
		const date = readFields(node, itemIndex, [{ ...DAY_DATE, displayName: `${where} Date` }], { date: row.date })[DAY_DATE.name] as string;
		if (date < startDate || date > endDate) {
			throw new NodeOperationError(node, `${where}: ${date} is outside the period ${startDate} to ${endDate}`, {
				itemIndex,
				description: `Ditio ignores days outside the period, and a day never widens it: change Start Date or End Date instead. ${nothingSent(itemIndex)}`,
			});
		}
		if (seen.has(date)) {
			throw new NodeOperationError(node, `${where}: ${date} is given twice`, { itemIndex, description: `Give each day once. ${nothingSent(itemIndex)}` });
		}
		seen.add(date);
		const qty = hoursOf.call(this, itemIndex, { ...DAY_QTY, name: 'qty' }, row.qty ?? 0, `${where} Hours`);
		return { date, qty };
	});
}

/** One item's absence as Ditio takes it: every check before anything is sent. */
export function readAbsenceInput(this: IExecuteFunctions, itemIndex: number): AbsenceInput {
	const node = this.getNode();
	const route = readAbsenceRoute.call(this, itemIndex);
	const externalId = readExternalId.call(this, itemIndex);
	const employeeNumber = readRequired(node, itemIndex, ABSENCE_EMPLOYEE_NUMBER, this.getNodeParameter(ABSENCE_EMPLOYEE_NUMBER.name, itemIndex, ''));
	const by = this.getNodeParameter('absenceTypeBy', itemIndex, 'code') as string;
	const typeField = by === 'id' ? ABSENCE_TYPE_ID : ABSENCE_TYPE_CODE;
	const type = readRequired(node, itemIndex, typeField, this.getNodeParameter(typeField.name, itemIndex, ''));
	const startDate = readDate.call(this, itemIndex, ABSENCE_START);
	const endDate = readDate.call(this, itemIndex, ABSENCE_END);
	if (endDate < startDate) {
		throw new NodeOperationError(node, `Invalid ${ABSENCE_END.displayName} (${ABSENCE_END.name}): ${endDate} is before ${ABSENCE_START.displayName} ${startDate}`, {
			itemIndex,
			description: `The period runs from Start Date to End Date, both included. ${nothingSent(itemIndex)}`,
		});
	}
	const given = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const optional = readFields(node, itemIndex, OPTIONAL_ABSENCE_FIELDS, given);
	if (optional.hoursPerDay !== undefined) {
		optional.hoursPerDay = hoursOf.call(this, itemIndex, OPTIONAL_ABSENCE_FIELDS.find((f) => f.name === 'hoursPerDay')!, optional.hoursPerDay, 'Hours per Day');
	}
	for (const name of ['projectNumber', 'projectCompanyId', 'comment']) {
		if (typeof optional[name] === 'string') optional[name] = (optional[name] as string).trim();
		if (optional[name] === '') delete optional[name];
	}
	const days = readDays.call(this, itemIndex, startDate, endDate);
	const body: IDataObject = { externalId, employeeNumber, [typeField.name]: type, startDate, endDate, ...optional, ...(days && { days }) };
	return { route, body };
}
