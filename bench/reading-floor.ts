/**
 * The least any n8n node must do to output every time registration of a window, so the
 * registrations benchmark can tell n8n's own cost from the Ditio node's (as bench/n8n-floor.ts
 * does for writes): it reads every page of the Data Extraction answer through n8n's
 * `httpRequestWithAuthentication` with the Ditio credential, the cursor passed back, and returns
 * each record as an item. No checks, no Simplify, no retries: what is left is n8n's per-request
 * work (credential, signing, HTTP client) and its per-item work (execution data).
 *
 * Not part of the package: registered in the engine harness by bench/registrations.bench.ts only.
 */
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

export const READING_FLOOR_NODE_TYPE = 'bench.readingFloor';

export class ReadingFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reading Floor',
		name: 'readingFloor',
		group: ['transform'],
		version: 1,
		description: 'Benchmark reference: the n8n calls a paged Data Extraction read needs, and nothing else',
		defaults: { name: 'Reading Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'ditioOAuth2Api', required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Query', name: 'qs', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		const qs = this.getNodeParameter('qs', 0) as IDataObject;
		const out: INodeExecutionData[] = [];
		let token: string | undefined;
		do {
			const page = (await this.helpers.httpRequestWithAuthentication.call(this, 'ditioOAuth2Api', {
				method: 'GET',
				url,
				qs: { ...qs, ...(token && { ContinuationToken: token }) },
				json: true,
			})) as { data?: IDataObject[]; continuationToken?: string | null };
			for (const record of page.data ?? []) out.push({ json: record });
			token = page.continuationToken || undefined;
		} while (token);
		return [out];
	}
}
