import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nothingSent } from '../../../shared/untouched';

const DAY = /^(\d{4}-\d{2}-\d{2})/;

/**
 * A calendar date as the user gave it (`2026-11-30`, or the date part of a date-time), never
 * shifted into a zone: Ditio's work dates are midnight UTC, and one moved west is the day before.
 */
export function readDay(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : String(value ?? '');
	const day = DAY.exec(text)?.[1];
	if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
		throw new NodeOperationError(node, `${field} "${text}" is not a date`, {
			itemIndex,
			description: `Give a date such as 2026-11-30. ${nothingSent(itemIndex)}`,
		});
	}
	return day;
}

/** A point in time; one without an offset is read as UTC, as Ditio's samples send ModifiedSince. */
export function readInstant(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : String(value ?? '');
	const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text.slice(10)) ? text : /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : `${text}Z`;
	const ms = Date.parse(withZone);
	if (!text || Number.isNaN(ms)) {
		throw new NodeOperationError(node, `${field} "${text}" is not a date and time`, {
			itemIndex,
			description: `Give a date and time such as 2026-11-30T06:00:00Z (without an offset it is read as UTC). ${nothingSent(itemIndex)}`,
		});
	}
	return new Date(ms).toISOString();
}

/** The day after `day` (YYYY-MM-DD), for splitting ranges. */
export const nextDay = (day: string, by = 1) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

