/**
 * Engine-tier harness: runs the BUILT package (dist/, loaded with n8n-core's
 * PackageDirectoryLoader the way n8n loads a community package) inside n8n-core's real
 * WorkflowExecute, with an in-memory credentials helper, against real HTTP servers.
 *
 *   const engine = await createEngine();
 *   const sandbox = await startSandbox({ seed: 'demo' });
 *   engine.setCredentials({ environment: 'custom', baseUrl: sandbox.baseUrl, tokenUrl: sandbox.tokenUrl,
 *     clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, companyId: DEMO_COMPANY_ID });
 *   const { items, error } = await engine.runNode({
 *     parameters: { resource: 'project', operation: 'getAll', returnAll: true } });
 *
 * How it maps onto n8n:
 * - Items: runNode builds "Manual Trigger → Ditio". The trigger is a stand-in
 *   (support/stand-in-nodes.ts) that emits its input; the harness puts the test's items on
 *   that input in the execution stack (WorkflowExecute.run's `triggerToStartFrom`), where
 *   n8n puts the real Manual Trigger's one empty item. The engine then gives the emitted
 *   items `pairedItem: { item: i }`, and the Ditio node gets them as its input 0.
 *   `items: []` means the node does not run at all (n8n does not run a node without input).
 * - pairedItem: n8n fills in a missing pairedItem when a node returns as many items as it
 *   got (or one item for one input), so `items[i].pairedItem` can hide a node that sets
 *   none. `pairedItemsFromNode` shows what the node itself returned.
 * - Errors: the run keeps only a plain copy of a node's error; `error` here is the instance
 *   the node threw (NodeApiError / NodeOperationError, `instanceof` works: one n8n-workflow).
 *   A node with `continueOnFail` that handles its errors has no `error`: look at the items.
 * - Parameter issues (a `required` parameter left empty, an unknown node type …) are found
 *   by n8n before anything runs: runNode then REJECTS with n8n-core's WorkflowHasIssuesError,
 *   as n8n refuses to start such a workflow.
 * - Credentials: setCredentials stores what a user types; runNode uses the credential set
 *   last unless `credentialsId` is given. n8n-core's own OAuth2 client fetches the token,
 *   stores it through the helper (`credentialsHelper.tokenUpdates` counts), reuses it and
 *   renews it once on 401.
 * - The package is loaded once per jest test file (jest gives every file its own module
 *   registry, hence its own n8n-workflow; sharing loaded classes across files would break
 *   `instanceof`). Build first: `npm run build`.
 */
import { existsSync, readFileSync } from '../host/fs';
import { join } from '../host/path';
import { ROOT } from '../host/repo';

import { ExecutionLifecycleHooks, isEngineRequest, PackageDirectoryLoader, PollContext, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IPairedItemData,
	IRun,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeApiError, NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, TestCredentialTypes } from './credentials-helper';
import { MANUAL_TRIGGER_TYPE, ManualTriggerStandIn, NO_OP_TYPE, NoOpStandIn } from './support/stand-in-nodes';

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

/** The package root (where package.json with the `n8n` attribute is). */
export const PACKAGE_DIR: string = ROOT;

/** Short names as the package declares them (description.name / credential name). */
const NODE_NAME = 'ditio';
const CREDENTIAL_TYPE = 'ditioOAuth2Api';

/** Name of the node under test in runNode's workflow. */
const NODE_UNDER_TEST = 'Ditio';
const TRIGGER_NAME = 'Manual Trigger';

/** What a user types into the Ditio credential (hidden fields are the type's business). */
export interface DitioTestCredentials {
	environment?: 'test' | 'production' | 'custom';
	baseUrl?: string;
	tokenUrl?: string;
	clientId: string;
	clientSecret: string;
	companyId?: string;
	/** Anything else the credential declares (e.g. tokenExpiredStatusCode). */
	[field: string]: unknown;
}

// ---------------------------------------------------------------------------------------
// Loading the package (once per process / jest test file)
// ---------------------------------------------------------------------------------------

interface LoadedPackage {
	packageName: string;
	/** Keyed by the short name the package declares (`ditio`). */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
	/** Credential type → short names of the package's nodes that use it (n8n's supportedNodes). */
	nodesByCredential: Record<string, string[]>;
}

let loadedPackage: Promise<LoadedPackage> | undefined;

/** Loads dist/ with n8n-core's PackageDirectoryLoader, as n8n loads a community package. */
async function loadPackage(): Promise<LoadedPackage> {
	loadedPackage ??= (async () => {
		assertBuilt(PACKAGE_DIR);
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const nodeTypes: LoadedPackage['nodeTypes'] = {};
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) nodeTypes[name] = type;
		const credentialTypes: LoadedPackage['credentialTypes'] = {};
		for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentialTypes[name] = type;
		return { packageName: loader.packageName, nodeTypes, credentialTypes, nodesByCredential: { ...loader.nodesByCredential } };
	})();
	loadedPackage.catch(() => (loadedPackage = undefined));
	return await loadedPackage;
}

function assertBuilt(packageDir: string) {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const files = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = files.filter((file) => !existsSync(join(packageDir, file)));
	if (files.length === 0 || missing.length > 0) {
		throw new UnexpectedError(
			`The engine tier loads the built package, and ${missing.join(', ') || 'the n8n attribute of package.json'} ` +
				`is missing in ${packageDir}: run \`npm run build\` first.`,
		);
	}
}

// ---------------------------------------------------------------------------------------
// Node types lookup
// ---------------------------------------------------------------------------------------

/**
 * n8n's NodeTypes for the harness. In a workflow a community node is
 * `<package name>.<node name>` (`n8n-nodes-ditio.ditio`): PackageDirectoryLoader keys its
 * types by the bare `description.name` (`ditio`) and n8n's LoadNodesAndCredentials adds the
 * package name. Only the full name is accepted, as in n8n.
 */
class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	add(name: string, type: INodeType | IVersionedNodeType) {
		this.types.set(name, type);
	}

	has(name: string) {
		return this.types.has(name);
	}

	getByName(name: string): INodeType | IVersionedNodeType {
		const type = this.types.get(name);
		if (!type) {
			const hint = name.includes('.') ? '' : ' (a community node is "<package name>.<node name>" in a workflow)';
			throw new UnexpectedError(`Unrecognized node type: ${name}${hint}`);
		}
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}
}

// ---------------------------------------------------------------------------------------
// WorkflowExecute that keeps what n8n throws away
// ---------------------------------------------------------------------------------------

type RunNodeArgs = Parameters<WorkflowExecute['runNode']>;
type RawPairedItem = IPairedItemData | IPairedItemData[] | number | undefined;

interface RunCapture {
	/** Errors exactly as the node (or n8n-core around it) threw them, per node, in order. */
	errors: Map<string, ExecutionBaseError[]>;
	/** pairedItem of each output item BEFORE the engine fills in missing ones, per successful node run. */
	pairedItems: Map<string, RawPairedItem[][][]>;
}

/**
 * n8n stores a failed node's error in the run as a plain copy (`{ ...error, message,
 * stack }`). Tests want the instance (NodeApiError / NodeOperationError, with httpCode,
 * description, context.itemIndex): runNode is where WorkflowExecute receives it.
 */
class ObservedWorkflowExecute extends WorkflowExecute {
	readonly capture: RunCapture = { errors: new Map(), pairedItems: new Map() };

	async runNode(...args: RunNodeArgs) {
		const [, executionData] = args;
		const nodeName = executionData.node.name;
		try {
			const result = await super.runNode(...args);
			if (!isEngineRequest(result) && result.data) {
				const runs = this.capture.pairedItems.get(nodeName) ?? [];
				runs.push(result.data.map((output) => (output ?? []).map((item) => snapshot(item.pairedItem))));
				this.capture.pairedItems.set(nodeName, runs);
			}
			return result;
		} catch (caught) {
			const error: unknown = caught;
			// Same normalisation WorkflowExecute applies before storing the error.
			const shown = isAxiosLike(error) ? new NodeApiError(executionData.node, error as never) : error;
			const list = this.capture.errors.get(nodeName) ?? [];
			list.push(shown as ExecutionBaseError);
			this.capture.errors.set(nodeName, list);
			throw error;
		}
	}
}

function isAxiosLike(error: unknown) {
	return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

function snapshot(pairedItem: RawPairedItem): RawPairedItem {
	if (pairedItem === undefined || typeof pairedItem === 'number') return pairedItem;
	return JSON.parse(JSON.stringify(pairedItem)) as RawPairedItem;
}

// ---------------------------------------------------------------------------------------
// additionalData
// ---------------------------------------------------------------------------------------

let executionCounter = 0;

const BASE_URL = 'http://localhost:5678/';

function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	executionId: string,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const notAvailable = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not available in the engine-tier harness`);
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		userId: 'engine-test-user',
		workflowId: undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${BASE_URL}rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}form`,
		formWaitingBaseUrl: `${BASE_URL}form-waiting`,
		formTestBaseUrl: `${BASE_URL}form-test`,
		webhookBaseUrl: `${BASE_URL}webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}webhook-test`,
		mcpBaseUrl: `${BASE_URL}mcp`,
		mcpTestBaseUrl: `${BASE_URL}mcp-test`,
		executeWorkflow: notAvailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notAvailable('startRunnerTask (Code node)'),
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

// ---------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------

export interface RunNodeArgsInput {
	parameters: INodeParameters;
	/** Input items of the node under test (plain objects become `{ json }`); default one empty item. */
	items?: IDataObject[] | INodeExecutionData[];
	credentialsId?: string;
	/** Sets onError 'continueRegularOutput' (the "Continue" setting n8n's continueOnFail() reads). */
	continueOnFail?: boolean;
	/** Runs a node type added with addNodeType (version 1) instead of the package's Ditio node. */
	nodeType?: string;
}

export interface RunResult {
	/** Main output 0 of the node under test: what the next node would get (after n8n fills pairedItem). */
	items: INodeExecutionData[];
	/** The node's error as thrown (a real NodeApiError / NodeOperationError …), when it failed. */
	error?: ExecutionBaseError;
	/** pairedItem of output 0 as the node itself set it (undefined where n8n had to fill it in). */
	pairedItemsFromNode: RawPairedItem[];
}

export interface Engine {
	/** Workflow type of the node under test, e.g. `n8n-nodes-ditio.ditio`. */
	readonly nodeType: string;
	readonly credentialType: string;
	readonly nodeTypes: INodeTypes;
	readonly credentialsHelper: TestCredentialsHelper;
	/** Stores a credential of the package's type; returns its id (reuse the id to replace it). */
	setCredentials(data: DitioTestCredentials, id?: string): string;
	/**
	 * Registers another node type (the benchmark's reference node) that runNode can run by name
	 * with `nodeType`; to use the package's credential it lists it in its description.
	 */
	addNodeType(name: string, type: INodeType): void;
	/** Manual Trigger (emitting `items`) → the node under test with `parameters`. */
	runNode(args: RunNodeArgsInput): Promise<RunResult>;
	/**
	 * A polling trigger of the package in one lasting Workflow, as an activated workflow is:
	 * each poll() runs the node's poll() in n8n-core's PollContext, and the workflow's static
	 * data carries over between polls. mode 'manual' is the editor's "Fetch test event".
	 */
	poller(args: { nodeName: string; parameters: INodeParameters; credentialsId?: string }): Poller;
}

export interface Poller {
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[][] | null>;
	staticData(): IDataObject;
}

function toExecutionItems(items: IDataObject[] | INodeExecutionData[] | undefined): INodeExecutionData[] {
	if (items === undefined) return [{ json: {} }];
	return (items as Array<IDataObject | INodeExecutionData>).map((item) => {
		const looksLikeExecutionItem =
			item !== null &&
			typeof item === 'object' &&
			'json' in item &&
			typeof item.json === 'object' &&
			item.json !== null &&
			Object.keys(item).every((key) => ['json', 'binary', 'pairedItem', 'error'].includes(key));
		return looksLikeExecutionItem ? ({ ...(item as INodeExecutionData) } as INodeExecutionData) : { json: item as IDataObject };
	});
}

export async function createEngine(): Promise<Engine> {
	const pkg = await loadPackage();
	const credentialType = CREDENTIAL_TYPE;
	// 'manual' is the editor's "Execute workflow".
	const mode: WorkflowExecuteMode = 'manual';

	const nodeTypes = new HarnessNodeTypes();
	for (const [name, type] of Object.entries(pkg.nodeTypes)) {
		nodeTypes.add(`${pkg.packageName}.${name}`, type);
	}
	nodeTypes.add(MANUAL_TRIGGER_TYPE, new ManualTriggerStandIn());
	nodeTypes.add(NO_OP_TYPE, new NoOpStandIn());
	const nodeType = `${pkg.packageName}.${NODE_NAME}`;
	if (!nodeTypes.has(nodeType)) {
		throw new UnexpectedError(`Package ${pkg.packageName} has no node "${NODE_NAME}" (has: ${Object.keys(pkg.nodeTypes).join(', ')})`);
	}

	const credentialTypes = new TestCredentialTypes();
	for (const [name, type] of Object.entries(pkg.credentialTypes)) {
		const supported = (pkg.nodesByCredential[name] ?? []).flatMap((n) => [n, `${pkg.packageName}.${n}`]);
		credentialTypes.add(type, supported);
	}
	if (!credentialTypes.recognizes(credentialType)) {
		throw new UnexpectedError(`Package ${pkg.packageName} has no credential "${credentialType}"`);
	}
	const credentialsHelper = new TestCredentialsHelper(credentialTypes);
	let lastCredentialsId: string | undefined;

	const defaultTypeVersion = (): number => {
		const type = nodeTypes.getByName(nodeType);
		if ('nodeVersions' in type) return type.currentVersion;
		const { version } = type.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	};

	async function execute(
		workflowData: { nodes: INode[]; connections: IConnections },
		startNodeName: string,
		items: IDataObject[] | INodeExecutionData[],
	): Promise<{ run: IRun; capture: RunCapture }> {
		const executionId = String(++executionCounter);
		// Workflow mutates nodes (fills parameter defaults): hand it copies.
		const nodes = workflowData.nodes.map((node) => JSON.parse(JSON.stringify(node)) as INode);
		const settings: IWorkflowSettings = { executionOrder: 'v1' };
		const workflow = new Workflow({
			id: `engine-${executionId}`,
			name: 'Engine test',
			nodes,
			connections: workflowData.connections,
			active: false,
			nodeTypes,
			settings,
		});
		const workflowBase: IWorkflowBase = {
			id: workflow.id,
			name: workflow.name ?? 'Engine test',
			active: false,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes,
			connections: workflowData.connections,
			settings,
			activeVersionId: null,
		} as IWorkflowBase;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowBase);
		const additionalData = createAdditionalData(credentialsHelper, executionId, hooks);

		const startNode = workflow.getNode(startNodeName);
		if (!startNode) throw new UnexpectedError(`No start node ${startNodeName} in the workflow`);

		const workflowExecute = new ObservedWorkflowExecute(additionalData, mode);
		const run = await workflowExecute.run({
			workflow,
			startNode,
			triggerToStartFrom: { name: startNode.name, data: { data: { main: [toExecutionItems(items)] } } as unknown as ITaskData },
		});
		return { run, capture: workflowExecute.capture };
	}

	/** The error the node under test threw, as the instance n8n received (with retryOnFail, the last try's). */
	function errorOf(run: IRun, capture: RunCapture): ExecutionBaseError | undefined {
		const stored = run.data.resultData.runData[NODE_UNDER_TEST]?.[0]?.error;
		if (!stored) return undefined;
		const captured = capture.errors.get(NODE_UNDER_TEST) ?? [];
		return [...captured].reverse().find((error) => error.message === stored.message) ?? stored;
	}

	const engine: Engine = {
		nodeType,
		credentialType,
		nodeTypes,
		credentialsHelper,

		setCredentials(data, id) {
			lastCredentialsId = credentialsHelper.add(credentialType, data as ICredentialDataDecryptedObject, { id });
			return lastCredentialsId;
		},

		addNodeType(name, type) {
			nodeTypes.add(name, type);
		},

		poller({ nodeName: triggerName, parameters, credentialsId: givenId }) {
			const credentialsId = givenId ?? lastCredentialsId;
			const type = `${pkg.packageName}.${triggerName}`;
			const node: INode = {
				id: 'trigger-under-test',
				name: 'Trigger',
				type,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				...(credentialsId !== undefined && {
					credentials: { [credentialType]: { id: credentialsId, name: credentialsHelper.get(credentialsId).name } },
				}),
			};
			const workflow = new Workflow({ id: 'poll-test', name: 'Poll test', nodes: [node], connections: {}, active: true, nodeTypes, staticData: {} });
			const pollNode = workflow.getNode('Trigger')!;
			return {
				async poll(pollMode = 'trigger') {
					const executionId = String(++executionCounter);
					const hooks = new ExecutionLifecycleHooks(pollMode, executionId, { id: workflow.id, nodes: [node], connections: {} } as unknown as IWorkflowBase);
					const additionalData = createAdditionalData(credentialsHelper, executionId, hooks);
					const context = new PollContext(workflow, pollNode, additionalData, pollMode, 'activate');
					const trigger = nodeTypes.getByNameAndVersion(type, 1) as INodeType;
					return (await trigger.poll!.call(context)) ?? null;
				},
				staticData: () => workflow.getStaticData('node', pollNode) as IDataObject,
			};
		},

		async runNode(args) {
			const credentialsId = args.credentialsId ?? lastCredentialsId;
			const node: INode = {
				id: 'node-under-test',
				name: NODE_UNDER_TEST,
				type: args.nodeType ?? nodeType,
				typeVersion: args.nodeType ? 1 : defaultTypeVersion(),
				position: [250, 0],
				parameters: args.parameters,
				...(credentialsId !== undefined && {
					credentials: { [credentialType]: { id: credentialsId, name: credentialsHelper.get(credentialsId).name } },
				}),
				...(args.continueOnFail && { onError: 'continueRegularOutput' as const }),
			};
			const trigger: INode = {
				id: 'trigger',
				name: TRIGGER_NAME,
				type: MANUAL_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			};
			const connections: IConnections = {
				[TRIGGER_NAME]: { main: [[{ node: NODE_UNDER_TEST, type: 'main', index: 0 }]] },
			};
			const { run, capture } = await execute({ nodes: [trigger, node], connections }, TRIGGER_NAME, args.items ?? [{ json: {} }]);
			return {
				items: run.data.resultData.runData[NODE_UNDER_TEST]?.[0]?.data?.main?.[0] ?? [],
				error: errorOf(run, capture),
				pairedItemsFromNode: capture.pairedItems.get(NODE_UNDER_TEST)?.[0]?.[0] ?? [],
			};
		},
	};
	return engine;
}
