/**
 * One engine and one sandbox per test file, with the demo credential set; what every engine
 * test of the Ditio node starts from.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createEngine, type Engine, type RunResult } from '../harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxModule = require('../../../sandbox/server');

export const { startSandbox, DEMO_CLIENT, DEMO_COMPANY_ID, OTHER_COMPANY_ID, DEMO_IDS } = sandboxModule;

export interface DitioBench {
	engine: Engine;
	// The sandbox is plain JS; its API is described in sandbox/README.md.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	sandbox: any;
	credentialsId: string;
	run(parameters: INodeParameters, items?: IDataObject[], options?: { continueOnFail?: boolean; credentialsId?: string }): Promise<RunResult>;
	/** Stores another credential: the demo one pointed at this sandbox, with `overrides`; returns its id. */
	credential(overrides?: Record<string, unknown>): string;
}

export function useDitio(seed: 'demo' | 'empty' = 'demo', sandboxOptions: IDataObject = {}): DitioBench {
	const bench = {} as DitioBench;
	beforeAll(async () => {
		bench.engine = await createEngine();
		bench.sandbox = await startSandbox({ seed, ...sandboxOptions });
		bench.credential = (overrides = {}) =>
			bench.engine.setCredentials({
				environment: 'custom',
				baseUrl: bench.sandbox.baseUrl,
				tokenUrl: bench.sandbox.tokenUrl,
				clientId: DEMO_CLIENT.clientId,
				clientSecret: DEMO_CLIENT.clientSecret,
				companyId: DEMO_COMPANY_ID,
				...overrides,
			});
		bench.credentialsId = bench.credential();
		bench.run = (parameters, items, options = {}) =>
			bench.engine.runNode({
				parameters,
				items,
				continueOnFail: options.continueOnFail,
				credentialsId: options.credentialsId ?? bench.credentialsId,
			});
	});
	afterAll(async () => {
		await bench.sandbox?.close();
	});
	return bench;
}

export const jsonOf = (items: INodeExecutionData[]) => items.map((i) => i.json);

/** A resource locator value as the editor stores it. */
export const byNumber = (value: string) => ({ __rl: true, mode: 'projectNumber', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** A request as the sandbox logged it (sandbox/server.js, LoggedRequest). */
/** Calls the project picker's list search as n8n's editor does: in n8n-core's LoadOptionsContext, with the stored credential. */
export async function searchProjects(ditio: DitioBench, filter?: string): Promise<INodeListSearchResult> {
	const node = {
		id: 'picker',
		name: 'Ditio',
		type: ditio.engine.nodeType,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { resource: 'project', operation: 'get' },
		credentials: { [ditio.engine.credentialType]: { id: ditio.credentialsId, name: 'Ditio' } },
	};
	const workflow = new Workflow({ id: 'picker', nodes: [node], connections: {}, active: false, nodeTypes: ditio.engine.nodeTypes });
	const hooks = new ExecutionLifecycleHooks('manual', 'picker', { nodes: [node], connections: {} } as never);
	const additionalData = { credentialsHelper: ditio.engine.credentialsHelper, hooks, executionId: 'picker', variables: {} };
	const context = new LoadOptionsContext(workflow, node, additionalData as unknown as IWorkflowExecuteAdditionalData, 'parameters.project');
	const type = ditio.engine.nodeTypes.getByName(ditio.engine.nodeType) as INodeType;
	return await type.methods!.listSearch!.searchProjects.call(context as ILoadOptionsFunctions, filter);
}

export interface LoggedRequest {
	method: string;
	/** Raw, as sent, with the query. */
	path: string;
	/** Decoded path segments: ['core', 'api', 'v4', 'integration', 'tasks', …]. */
	segments: string[];
	/** null while in flight; 'reset' / 'hang' for those faults. */
	status: number | 'reset' | 'hang' | null;
	/** A request to the integration API (not the token endpoint). */
	api: boolean;
	/** A request to /connect/token. */
	token: boolean;
	/** Date.now() on arrival. */
	time: number;
	headers: Record<string, string | string[] | undefined>;
	body?: Record<string, unknown>;
}

/**
 * Readers of the sandbox's request log and store, shared by the engine tests: what Ditio was
 * sent since the last `sandbox.clearRequests()` / `sandbox.reset()`.
 */
export function requestLog(bench: DitioBench) {
	const all = () => bench.sandbox.requests as LoggedRequest[];
	const apiRequests = () => all().filter((r) => r.api);
	return {
		/** Every request, token requests included, oldest first. */
		requests: all,
		apiRequests,
		writes: () => apiRequests().filter((r) => r.method !== 'GET'),
		tokenRequests: () => all().filter((r) => r.token),
		/** How many API requests used this method. */
		countOf: (method: string) => apiRequests().filter((r) => r.method === method).length,
		/** Each API request as [method, …decoded segments after /core/api/v4/integration]. */
		calls: () => apiRequests().map((r) => [r.method, ...r.segments.slice(4)]),
		/** "POST tasks", "GET tasks project <id>" …: the path after /core/api/v4/integration. */
		route: (r: LoggedRequest) => [r.method, ...r.segments.slice(4)].join(' '),
		task: (projectId: string, externalId: string) => bench.sandbox.store.findTaskByExternalId(projectId, externalId),
		copy: <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T,
	};
}
