import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Certificate } from './certificate-input';

/**
 * Most certificates in one array request. Ditio documents no limit: the node's own bound, so one
 * request stays small (a few hundred KB) and one refusal reaches few items.
 */
export const CERTIFICATES_PER_REQUEST = 500;

/** The certificates that travel in one request, in input order. */
export interface CertificateBatch {
	/** 1-based, in the order the requests are sent. */
	number: number;
	itemIndexes: number[];
	certificates: Certificate[];
	/** The request, made by the first item of the batch that runs; the others wait for it. */
	sent?: Promise<void>;
}

const keyOf = (c: Certificate) => `${c.employeeNumber}\u0000${c.certificateType}`;

/**
 * Input order, at most CERTIFICATES_PER_REQUEST a request. A second row for the same person and
 * type starts a new request, so the last row wins as it would sent one by one: inside one array
 * Ditio does not say which of two equal keys it keeps.
 */
export function batchesOf(ready: ReadonlyArray<{ itemIndex: number; input: Certificate }>, size = CERTIFICATES_PER_REQUEST): Map<number, CertificateBatch> {
	const byItem = new Map<number, CertificateBatch>();
	let current: CertificateBatch | undefined;
	let keys = new Set<string>();
	for (const { itemIndex, input } of ready) {
		const key = keyOf(input);
		if (!current || current.certificates.length >= size || keys.has(key)) {
			current = { number: (current?.number ?? 0) + 1, itemIndexes: [], certificates: [] };
			keys = new Set();
		}
		current.itemIndexes.push(itemIndex);
		current.certificates.push(input);
		keys.add(key);
		byItem.set(itemIndex, current);
	}
	return byItem;
}

const itemsText = (indexes: number[]) =>
	indexes.length === 1 ? `item ${indexes[0]}` : indexes.length <= 10 ? `items ${indexes.join(', ')}` : `items ${indexes[0]} to ${indexes[indexes.length - 1]} (${indexes.length} items)`;

/**
 * A refused array request fails every item it carried: Ditio answers for the request as a whole
 * and does not say which certificates it kept. Each item gets an error of its own (pointing at it),
 * with Ditio's message and status and what to do.
 */
export function failureOfItem(node: INode, shared: unknown, itemIndex: number, batch: CertificateBatch): NodeApiError | NodeOperationError {
	const together = `The request carried the certificates of ${itemsText(batch.itemIndexes)} (request ${batch.number}); Ditio answers for the request as a whole, so each of them failed. Ditio does not say whether it kept any: running again is safe, as certificates are matched on employee number and type.`;
	if (shared instanceof NodeApiError) {
		const error = new NodeApiError(node, { status: shared.httpCode ?? null }, {
			message: shared.message,
			description: `${shared.description ?? ''} ${together}`.trim(),
			httpCode: shared.httpCode ?? undefined,
			itemIndex,
		});
		// NodeApiError rewrites some messages (network ones); keep Ditio's words.
		error.message = shared.message;
		return error;
	}
	const message = shared instanceof Error ? shared.message : String(shared);
	const description = shared instanceof NodeOperationError ? shared.description : undefined;
	return new NodeOperationError(node, message, { itemIndex, description: `${description ?? ''} ${together}`.trim() });
}
