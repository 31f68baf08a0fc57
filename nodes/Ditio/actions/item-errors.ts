import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Every error leaves the node pointing at its item; a stray Error becomes a NodeOperationError. */
export function atItem(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

/** The output item that stands for a failed input item when the node continues on fail. */
export function errorJson(error: NodeApiError | NodeOperationError, itemIndex: number, operation: string): IDataObject {
	const json: IDataObject = { error: error.message, operation, itemIndex };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return json;
}
