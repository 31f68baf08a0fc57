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
 *   by n8n before anything runs: runNode / runWorkflow then REJECT with n8n-core's
 *   WorkflowHasIssuesError, as n8n refuses to start such a workflow.
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

import { ExecutionLifecycleHooks, getAdditionalKeys, isEngineRequest, PackageDirectoryLoader, PollContext, WorkflowExecute } from 'n8n-core';
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

export { TestCredentialsHelper, TestCredentialTypes } from './credentials-helper';
export { WorkflowHasIssuesError } from 'n8n-core';
export { MANUAL_TRIGGER_TYPE, NO_OP_TYPE } from './support/stand-in-nodes';

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

/** The package root (where package.json with the `n8n` attribute is). */
export const PACKAGE_DIR: string = ROOT;

/** Short names as the package declares them (description.name / credential name). */
export const NODE_NAME = 'ditio';
export const CREDENTIAL_TYPE = 'ditioOAuth2Api';

/** Name of the node under test in runNode's workflow. */
export const NODE_UNDER_TEST = 'Ditio';
export const TRIGGER_NAME = 'Manual Trigger';

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

export interface EngineOptions {
	packageDir?: string;
	nodeName?: string;
	credentialType?: string;
	/** Default for runNode/runWorkflow. 'manual' is the editor's "Execute workflow"; the CLI uses 'cli'. */
	mode?: WorkflowExecuteMode;
}

// ---------------------------------------------------------------------------------------
// Loading the package (once per process / jest test file)
// ---------------------------------------------------------------------------------------

export interface LoadedPackage {
	packageDir: string;
	packageName: string;
	loader: PackageDirectoryLoader;
	/** Keyed by the short name the package declares (`ditio`). */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
	/** Credential type → short names of the package's nodes that use it (n8n's supportedNodes). */
	nodesByCredential: Record<string, string[]>;
}

const loadedPackages = new Map<string, Promise<LoadedPackage>>();

/** Loads dist/ with n8n-core's PackageDirectoryLoader, as n8n loads a community package. */
export async function loadPackage(packageDir = PACKAGE_DIR): Promise<LoadedPackage> {
	let loading = loadedPackages.get(packageDir);
	if (!loading) {
		loading = (async () => {
			assertBuilt(packageDir);
			const loader = new PackageDirectoryLoader(packageDir);
			await loader.loadAll();
			const nodeTypes: LoadedPackage['nodeTypes'] = {};
			for (const [name, { type }] of Object.entries(loader.nodeTypes)) nodeTypes[name] = type;
			const credentialTypes: LoadedPackage['credentialTypes'] = {};
			for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentialTypes[name] = type;
			return {
				packageDir,
				packageName: loader.packageName,
				loader,
				nodeTypes,
				credentialTypes,
				nodesByCredential: { ...loader.nodesByCredential },
			};
		})();
		loadedPackages.set(packageDir, loading);
		loading.catch(() => loadedPackages.delete(packageDir));
	}
	return await loading;
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
export class HarnessNodeTypes implements INodeTypes {
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

/** Handlers on a run's lifecycle hooks, for tests that want to watch nodes start/finish. */
export type HookHandlers = Partial<ExecutionLifecycleHooks['handlers']>;

type RunNodeArgs = Parameters<WorkflowExecute['runNode']>;
export type RawPairedItem = IPairedItemData | IPairedItemData[] | number | undefined;

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

export const BASE_URL = 'http://localhost:5678/';

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
	/** Any onError value; wins over continueOnFail. */
	onError?: INode['onError'];
	typeVersion?: number;
	/** Node settings: retryOnFail, maxTries, waitBetweenTries, alwaysOutputData, executeOnce … */
	nodeSettings?: Partial<INode>;
	mode?: WorkflowExecuteMode;
	hooks?: HookHandlers;
}

export interface RunResult {
	/** Main output 0 of the node under test: what the next node would get (after n8n fills pairedItem). */
	items: INodeExecutionData[];
	/** All outputs of the node under test. */
	outputs: INodeExecutionData[][];
	/** The node's error as thrown (a real NodeApiError / NodeOperationError …), when it failed. */
	error?: ExecutionBaseError;
	/** pairedItem of output 0 as the node itself set it (undefined where n8n had to fill it in). */
	pairedItemsFromNode: RawPairedItem[];
	run: IRun;
	executionId: string;
}

export interface RunWorkflowOptions {
	/** Items fed to the start node (the stand-in Manual Trigger emits them). */
	items?: IDataObject[] | INodeExecutionData[];
	mode?: WorkflowExecuteMode;
	settings?: IWorkflowSettings;
	/** Extra lifecycle hook handlers (nodeExecuteBefore/After, workflowExecuteAfter …). */
	hooks?: HookHandlers;
}

export interface Engine {
	readonly packageName: string;
	/** Workflow type of the node under test, e.g. `n8n-nodes-ditio.ditio`. */
	readonly nodeType: string;
	readonly credentialType: string;
	readonly nodeTypes: HarnessNodeTypes;
	readonly credentialTypes: TestCredentialTypes;
	readonly credentialsHelper: TestCredentialsHelper;
	/** Stores a credential of the package's type; returns its id (reuse the id to replace it). */
	setCredentials(data: DitioTestCredentials, id?: string): string;
	/** Any credential type, raw data as stored (to test hidden-field handling and the like). */
	setRawCredentials(type: string, data: ICredentialDataDecryptedObject, id?: string): string;
	/** Manual Trigger (emitting `items`) → the node under test with `parameters`. */
	runNode(args: RunNodeArgsInput): Promise<RunResult>;
	runWorkflow(
		workflow: { nodes: INode[]; connections: IConnections; settings?: IWorkflowSettings },
		startNodeName?: string,
		options?: RunWorkflowOptions,
	): Promise<IRun>;
	/** Output items of a node in a run (main output `outputIndex`, run `runIndex`). */
	outputOf(run: IRun, nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** The error a node threw in a run, as the instance n8n received. */
	errorOf(run: IRun, nodeName: string, runIndex?: number): ExecutionBaseError | undefined;
	/** A node's output pairedItem values as the node set them. */
	pairedItemsFromNode(run: IRun, nodeName: string, outputIndex?: number, runIndex?: number): RawPairedItem[];
	/** $execution / $vars … as n8n gives them to expressions, for a given execution id. */
	additionalKeys(executionId?: string): ReturnType<typeof getAdditionalKeys>;
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

export function toExecutionItems(items: IDataObject[] | INodeExecutionData[] | undefined): INodeExecutionData[] {
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

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
	const pkg = await loadPackage(options.packageDir ?? PACKAGE_DIR);
	const nodeName = options.nodeName ?? NODE_NAME;
	const credentialType = options.credentialType ?? CREDENTIAL_TYPE;
	const defaultMode = options.mode ?? 'manual';

	const nodeTypes = new HarnessNodeTypes();
	for (const [name, type] of Object.entries(pkg.nodeTypes)) {
		nodeTypes.add(`${pkg.packageName}.${name}`, type);
	}
	nodeTypes.add(MANUAL_TRIGGER_TYPE, new ManualTriggerStandIn());
	nodeTypes.add(NO_OP_TYPE, new NoOpStandIn());
	const nodeType = `${pkg.packageName}.${nodeName}`;
	if (!nodeTypes.has(nodeType)) {
		throw new UnexpectedError(`Package ${pkg.packageName} has no node "${nodeName}" (has: ${Object.keys(pkg.nodeTypes).join(', ')})`);
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
	const captures = new WeakMap<IRun, RunCapture>();
	let lastCredentialsId: string | undefined;

	const defaultTypeVersion = (): number => {
		const type = nodeTypes.getByName(nodeType);
		if ('nodeVersions' in type) return type.currentVersion;
		const { version } = type.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	};

	async function execute(
		workflowData: { nodes: INode[]; connections: IConnections; settings?: IWorkflowSettings },
		startNodeName: string | undefined,
		runOptions: RunWorkflowOptions,
	): Promise<{ run: IRun; executionId: string }> {
		const executionId = String(++executionCounter);
		// Workflow mutates nodes (fills parameter defaults): hand it copies.
		const nodes = workflowData.nodes.map((node) => JSON.parse(JSON.stringify(node)) as INode);
		const settings: IWorkflowSettings = { executionOrder: 'v1', ...workflowData.settings, ...runOptions.settings };
		const workflow = new Workflow({
			id: `engine-${executionId}`,
			name: 'Engine test',
			nodes,
			connections: workflowData.connections,
			active: false,
			nodeTypes,
			settings,
		});
		const mode = runOptions.mode ?? defaultMode;
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
		for (const [name, handlers] of Object.entries(runOptions.hooks ?? {})) {
			for (const handler of (handlers ?? []) as unknown[]) hooks.addHandler(name as never, handler as never);
		}
		const additionalData = createAdditionalData(credentialsHelper, executionId, hooks);

		const startNode = startNodeName ? workflow.getNode(startNodeName) ?? undefined : workflow.getStartNode();
		if (!startNode) throw new UnexpectedError(`No start node (${startNodeName ?? 'none given'}) in the workflow`);

		const workflowExecute = new ObservedWorkflowExecute(additionalData, mode);
		const run = await workflowExecute.run({
			workflow,
			startNode,
			triggerToStartFrom: runOptions.items
				? { name: startNode.name, data: { data: { main: [toExecutionItems(runOptions.items)] } } as unknown as ITaskData }
				: undefined,
		});
		captures.set(run, workflowExecute.capture);
		return { run, executionId };
	}

	const engine: Engine = {
		packageName: pkg.packageName,
		nodeType,
		credentialType,
		nodeTypes,
		credentialTypes,
		credentialsHelper,

		setCredentials(data, id) {
			lastCredentialsId = credentialsHelper.add(credentialType, data as ICredentialDataDecryptedObject, { id });
			return lastCredentialsId;
		},

		setRawCredentials(type, data, id) {
			const stored = credentialsHelper.add(type, data, { id });
			if (type === credentialType) lastCredentialsId = stored;
			return stored;
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
				async poll(mode = 'trigger') {
					const executionId = String(++executionCounter);
					const hooks = new ExecutionLifecycleHooks(mode, executionId, { id: workflow.id, nodes: [node], connections: {} } as unknown as IWorkflowBase);
					const additionalData = createAdditionalData(credentialsHelper, executionId, hooks);
					const context = new PollContext(workflow, pollNode, additionalData, mode, 'activate');
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
				type: nodeType,
				typeVersion: args.typeVersion ?? defaultTypeVersion(),
				position: [250, 0],
				parameters: args.parameters,
				...(credentialsId !== undefined && {
					credentials: { [credentialType]: { id: credentialsId, name: credentialsHelper.get(credentialsId).name } },
				}),
				...(args.continueOnFail && { onError: 'continueRegularOutput' as const }),
				...(args.onError && { onError: args.onError }),
				...args.nodeSettings,
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
			const { run, executionId } = await execute(
				{ nodes: [trigger, node], connections },
				TRIGGER_NAME,
				{ items: args.items ?? [{ json: {} }], mode: args.mode, hooks: args.hooks },
			);
			return {
				items: engine.outputOf(run, NODE_UNDER_TEST),
				outputs: run.data.resultData.runData[NODE_UNDER_TEST]?.[0]?.data?.main?.map((o) => o ?? []) ?? [],
				error: engine.errorOf(run, NODE_UNDER_TEST),
				pairedItemsFromNode: engine.pairedItemsFromNode(run, NODE_UNDER_TEST),
				run,
				executionId,
			};
		},

		async runWorkflow(workflow, startNodeName, runOptions = {}) {
			return (await execute(workflow, startNodeName, runOptions)).run;
		},

		outputOf(run, name, outputIndex = 0, runIndex = 0) {
			return run.data.resultData.runData[name]?.[runIndex]?.data?.main?.[outputIndex] ?? [];
		},

		errorOf(run, name, runIndex = 0) {
			const stored = run.data.resultData.runData[name]?.[runIndex]?.error;
			if (!stored) return undefined;
			// The instance behind the stored copy (with retryOnFail, the last try's error).
			const captured = captures.get(run)?.errors.get(name) ?? [];
			return [...captured].reverse().find((error) => error.message === stored.message) ?? stored;
		},

		pairedItemsFromNode(run, name, outputIndex = 0, runIndex = 0) {
			return captures.get(run)?.pairedItems.get(name)?.[runIndex]?.[outputIndex] ?? [];
		},

		additionalKeys(executionId = 'test') {
			const hooks = new ExecutionLifecycleHooks(defaultMode, executionId, { nodes: [], connections: {} } as unknown as IWorkflowBase);
			return getAdditionalKeys(createAdditionalData(credentialsHelper, executionId, hooks), defaultMode, null);
		},
	};
	return engine;
}

