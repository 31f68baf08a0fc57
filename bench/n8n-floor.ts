/**
 * The least any n8n node must do for the parallel-writes row of issue 12, so the benchmark can
 * tell n8n's own time from the Ditio node's: for every item it resolves the same parameters
 * (External ID and the five fields, each an expression), reads the project's work orders once,
 * then PATCHes every item (its name, the one field that differs) through n8n's `httpRequestWithAuthentication` with the Ditio
 * credential, `CONCURRENCY` in flight. No checks, no comparison, no retries, no rate limiter,
 * no result shaping: what is left is n8n resolving parameters and, per request, the credential
 * (n8n fetches and resolves it again for every call), signing and its HTTP client.
 *
 * Not part of the package: registered in the engine harness by bench/sync.bench.ts only.
 */
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

export const FLOOR_NODE_TYPE = 'bench.n8nFloor';

export class N8nFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'n8n Floor',
		name: 'n8nFloor',
		group: ['transform'],
		version: 1,
		description: 'Benchmark reference: the n8n calls a Ditio write needs, and nothing else',
		defaults: { name: 'n8n Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'ditioOAuth2Api', required: true }],
		properties: [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Project ID', name: 'projectId', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 },
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '' },
			{ displayName: 'Fields', name: 'additionalFields', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const baseUrl = this.getNodeParameter('baseUrl', 0) as string;
		const projectId = this.getNodeParameter('projectId', 0) as string;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const rows = items.map((_, i) => ({
			externalId: this.getNodeParameter('externalId', i) as string,
			fields: this.getNodeParameter('additionalFields', i) as IDataObject,
		}));
		const send = async (method: 'GET' | 'PATCH', path: string, body?: IDataObject) =>
			await this.helpers.httpRequestWithAuthentication.call(this, 'ditioOAuth2Api', { method, url: `${baseUrl}${path}`, body, json: true });
		const list = (await send('GET', `/api/v4/integration/tasks/project/${projectId}`)) as IDataObject[];
		const idOf = new Map(list.map((task) => [String(task.externalId), String(task.id)]));
		let next = 0;
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < rows.length) {
					const row = rows[next++];
					// The rows differ from Ditio's copy in their name only, so that is the body, as the node sends it.
					await send('PATCH', `/api/v4/integration/tasks/${idOf.get(row.externalId)}`, { name: row.fields.name });
				}
			}),
		);
		return [items.map(() => ({ json: { outcome: 'updated' } }))];
	}
}
