/**
 * The workflows the queue-mode tier (queue.test.ts) and the queue benchmark (bench/queue.bench.ts)
 * run: each starts the way a user starts a production execution in queue mode, from a production
 * webhook on main (or the Ditio Trigger's polls on main), so the execution runs on a worker.
 */
import { ditioTriggerNode, n8n } from './harness';

type Node = Record<string, unknown> & { name: string; type: string; parameters: Record<string, unknown> };
export interface Workflow {
	id: string;
	name: string;
	active: boolean;
	settings: Record<string, unknown>;
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
}

const credentials = (id: string, name: string) => ({ ditioOAuth2Api: { id, name } });
const link = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
/** A stable node id from the workflow id and a position, so imports are reproducible. */
const nodeId = (workflowId: string, n: number) => `5e0c${n.toString(16).padStart(4, '0')}-0000-4000-8000-${Buffer.from(workflowId).toString('hex').slice(0, 12).padEnd(12, '0')}`;

/** A Webhook node that answers with the first item of the last node, once the run has finished. */
function webhookNode(workflowId: string, path: string, position: unknown = [0, 0]): Node {
	return {
		id: nodeId(workflowId, 1),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: nodeId(workflowId, 99),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
	};
}

/**
 * An example workflow with its Manual Trigger swapped for a production Webhook: the rest of the
 * workflow, credentials included, as shipped.
 */
export function viaWebhook(workflow: Workflow, { id, path }: { id: string; path: string }): Workflow {
	const copy: Workflow = JSON.parse(JSON.stringify(workflow));
	const manual = copy.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!manual) throw new Error(`${workflow.id} has no Manual Trigger to replace`);
	copy.id = id;
	copy.name = `${workflow.name} (webhook)`;
	copy.active = false;
	copy.nodes = copy.nodes.map((n) => (n === manual ? webhookNode(id, path, manual.position) : n));
	copy.connections.Webhook = copy.connections[manual.name];
	delete copy.connections[manual.name];
	return copy;
}

export interface SyncBody {
	/** Ditio project numbers and the prefix of their work orders' external IDs. */
	projects: Array<{ number: string; prefix: string }>;
	/** Work orders per project: external IDs `<prefix>-0` … `<prefix>-<count-1>`. */
	count: number;
	/** Every `changedEvery`-th work order gets `suffix` on its name (0: none). */
	changedEvery?: number;
	suffix?: string;
}

/** What Ditio holds for one work order when the ERP row says so (the sync's source of truth). */
export function syncedWorkOrder(prefix: string, i: number, { changedEvery = 0, suffix = '' }: Pick<SyncBody, 'changedEvery' | 'suffix'> = {}) {
	const changed = changedEvery > 0 && i % changedEvery === 0;
	return { externalId: `${prefix}-${i}`, name: `Arbeidsordre ${prefix}-${i}${changed ? suffix : ''}`, estimatedHourQty: (i % 40) + 0.5 };
}

/**
 * A nightly work-order sync started by a webhook: the ERP rows (made by a Code node from the
 * request body, the same rows syncedWorkOrder describes), one Create or Update of all of them,
 * and a summary of the outcomes, which the webhook answers.
 */
export function syncWorkflow({ id, path, credential }: { id: string; path: string; credential: { id: string; name: string } }): Workflow {
	const rows = [
		'// Stand-in for the ERP export: the rows the request body describes.',
		'const { projects, count, changedEvery = 0, suffix = "" } = $input.first().json.body;',
		'const rows = [];',
		'for (const p of projects) {',
		'  for (let i = 0; i < count; i++) {',
		'    const changed = changedEvery > 0 && i % changedEvery === 0;',
		'    rows.push({ json: { projectNumber: p.number, externalId: `${p.prefix}-${i}`, name: `Arbeidsordre ${p.prefix}-${i}${changed ? suffix : ""}`, estimatedHourQty: (i % 40) + 0.5 } });',
		'  }',
		'}',
		'return rows;',
	].join('\n');
	const summary = [
		'const outcomes = {};',
		'for (const { json } of $input.all()) outcomes[json.outcome] = (outcomes[json.outcome] ?? 0) + 1;',
		'return [{ json: { items: $input.all().length, outcomes, execution: $execution.id } }];',
	].join('\n');
	return {
		id,
		name: `queue e2e: sync ${path}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(id, path),
			{ id: nodeId(id, 2), name: 'ERP rows', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: rows } },
			{
				id: nodeId(id, 3),
				name: 'Create or update work orders',
				type: n8n.NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'task',
					operation: 'upsert',
					project: { __rl: true, mode: 'projectNumber', value: '={{ $json.projectNumber }}' },
					externalId: '={{ $json.externalId }}',
					additionalFields: { name: '={{ $json.name }}', estimatedHourQty: '={{ $json.estimatedHourQty }}' },
				},
				credentials: credentials(credential.id, credential.name),
			},
			{ id: nodeId(id, 4), name: 'Summary', type: 'n8n-nodes-base.code', typeVersion: 2, position: [660, 0], parameters: { jsCode: summary } },
		],
		connections: { Webhook: link('ERP rows'), 'ERP rows': link('Create or update work orders'), 'Create or update work orders': link('Summary') },
	};
}

/**
 * The Ditio Trigger on one project's work orders (created and changed), polled every minute by
 * main; each event it fires is written by the Ditio node, on a worker, as one work order of a
 * log project: external ID `<event>:<work order>:<execution>`, so a change reported twice shows
 * as two log entries and each entry names the execution that wrote it.
 */
export function triggerLogWorkflow({ id, watch, log, credential }: { id: string; watch: string; log: string; credential: { id: string; name: string } }): Workflow {
	return {
		id,
		name: 'queue e2e: Ditio Trigger → log',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			ditioTriggerNode({ id: nodeId(id, 1), events: ['created', 'changed'], projectNumber: watch, credential }),
			{
				id: nodeId(id, 2),
				name: 'Log the event',
				type: n8n.NODE_TYPE,
				typeVersion: 1,
				position: [250, 0],
				parameters: {
					resource: 'task',
					operation: 'create',
					project: { __rl: true, mode: 'projectNumber', value: log },
					externalId: '={{ $json.event }}:{{ $json.record.externalId }}:{{ $execution.id }}',
					additionalFields: {
						name: '={{ $json.event }} {{ $json.record.externalId }}',
						workDescriptionShort: '={{ Object.keys($json.changes ?? {}).sort().join(",") }}',
					},
				},
				credentials: credentials(credential.id, credential.name),
			},
		],
		connections: { 'Ditio Trigger': link('Log the event') },
	};
}

/**
 * A file posted to a production webhook on main (stored by main in n8n's binary data store, the
 * database in queue mode), uploaded by the Ditio node on a worker to a work order's page, then
 * downloaded again by the Ditio node; the webhook answers with the downloaded file. The bytes
 * travel main → worker → Ditio → worker → main.
 */
export function documentsWorkflow({ id, path, taskId, section, credential }: { id: string; path: string; taskId: string; section: string; credential: { id: string; name: string } }): Workflow {
	const onWorkOrder = { attachTo: 'task', lookupBy: 'id', taskId };
	const webhook = webhookNode(id, path);
	webhook.parameters = { ...webhook.parameters, responseData: 'firstEntryBinary', options: { binaryPropertyName: 'data' } };
	return {
		id,
		name: 'Queue mode: a file through main and a worker to a work order and back',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook,
			{
				id: nodeId(id, 2),
				name: 'Upload to the work order',
				type: n8n.NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'document', operation: 'upload', ...onWorkOrder, binaryPropertyName: 'data', options: { section, fileName: 'Queue drawing.pdf' } },
				credentials: credentials(credential.id, credential.name),
			},
			{
				id: nodeId(id, 3),
				name: 'Download it again',
				type: n8n.NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource: 'document', operation: 'download', ...onWorkOrder, fileReferenceId: '={{ $json.fileReferenceId }}', options: { binaryPropertyName: 'data' } },
				credentials: credentials(credential.id, credential.name),
			},
		],
		connections: { Webhook: link('Upload to the work order'), 'Upload to the work order': link('Download it again') },
	};
}
