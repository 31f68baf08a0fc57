/**
 * In-memory stand-in for n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts),
 * doing what the real one does for an OAuth2 child type:
 *
 * - getParentTypes walks the `extends` chain (['oAuth2Api'] for ditioOAuth2Api): without
 *   it n8n-core never takes the OAuth2 path of httpRequestWithAuthentication.
 * - getDecrypted applies the type's defaults the way n8n does: stored values of hidden
 *   fields are dropped (a hidden field cannot hold a user's value), the merged property
 *   list of the type and its parents goes through NodeHelpers.getNodeParameters
 *   (defaults, displayOptions), `oauthTokenData` is put back, and `={{ … }}` values are
 *   resolved by n8n-workflow's expression engine with `$self` = the credential data.
 * - updateCredentialsOauthTokenData / updateCredentials store what n8n-core hands over,
 *   so the next request and the next run reuse the token; `tokenUpdates` counts them.
 * - authenticate / preAuthentication / runPreAuthentication do nothing, as the real ones do
 *   for an OAuth2 child type without `authenticate` / `preAuthentication` (n8n-core's
 *   requestOAuth2 fetches, signs and renews). A credential type that declares either is
 *   refused: the harness does not imitate those paths.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	INode,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { deepCopy, ICredentials, ICredentialsHelper, NodeHelpers, UnexpectedError, UserError, Workflow } from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

import { OAuth2ApiStandIn } from './support/oauth2-api.credential';

/** Credential types known to the harness: the package's own plus n8n's built-in parents. */
export class TestCredentialTypes implements ICredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	private readonly supportedNodes = new Map<string, string[]>();

	constructor(types: ICredentialType[] = []) {
		this.add(new OAuth2ApiStandIn());
		for (const type of types) this.add(type);
	}

	add(type: ICredentialType, supportedNodes: string[] = []) {
		this.types.set(type.name, type);
		this.supportedNodes.set(type.name, supportedNodes);
	}

	recognizes(type: string) {
		return this.types.has(type);
	}

	getByName(type: string): ICredentialType {
		const found = this.types.get(type);
		if (!found) throw new UnexpectedError(`Unknown credential type "${type}"`);
		return found;
	}

	getSupportedNodes(type: string): string[] {
		return this.supportedNodes.get(type) ?? [];
	}

	/** The whole `extends` chain, nearest parent first (as n8n's CredentialTypes). */
	getParentTypes(type: string): string[] {
		const direct = this.types.get(type)?.extends ?? [];
		return [...direct, ...direct.flatMap((parent) => this.getParentTypes(parent))];
	}
}

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** What n8n keeps in its database (decrypted here): the user's values plus oauthTokenData. */
	data: ICredentialDataDecryptedObject;
}

/** Node type for the throw-away workflow n8n uses to resolve credential expressions. */
const expressionOnlyNodeType: INodeType = {
	description: {
		displayName: 'Credential expression resolver',
		name: 'credentialExpressionResolver',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'mock' },
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const expressionOnlyNodeTypes: INodeTypes = {
	getByName: () => expressionOnlyNodeType,
	getByNameAndVersion: () => expressionOnlyNodeType,
	getKnownTypes: () => ({}),
};

const mockNode: INode = {
	id: 'credential-expression-resolver',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

class InMemoryCredentials extends ICredentials {
	constructor(
		private readonly helper: TestCredentialsHelper,
		stored: StoredCredential,
	) {
		super({ id: stored.id, name: stored.name }, stored.type, JSON.stringify(stored.data));
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return deepCopy(this.helper.get(this.id!).data);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.helper.get(this.id!).data = deepCopy(data);
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...(await this.getData()), ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete data[key];
		await this.setData(data);
	}
}

export class TestCredentialsHelper extends ICredentialsHelper {
	/** How many times n8n stored a new OAuth token (first fetch and every renewal). */
	tokenUpdates = 0;

	private readonly store = new Map<string, StoredCredential>();

	private nextId = 1;

	constructor(readonly credentialTypes: TestCredentialTypes) {
		super();
	}

	// ----- test-facing API -----

	/** Stores a credential as n8n would after "Save" (only what the user typed). Returns its id. */
	add(
		type: string,
		data: ICredentialDataDecryptedObject,
		options: { id?: string; name?: string } = {},
	): string {
		if (!this.credentialTypes.recognizes(type)) {
			throw new UnexpectedError(`Unknown credential type "${type}"`);
		}
		const id = options.id ?? String(this.nextId++);
		this.store.set(id, {
			id,
			name: options.name ?? `${type} ${id}`,
			type,
			data: deepCopy(data),
		});
		return id;
	}

	/** The stored record (live: changes are seen by the next request). */
	get(id: string): StoredCredential {
		const stored = this.store.get(id);
		if (!stored) throw new UserError(`Credential with ID "${id}" does not exist.`);
		return stored;
	}

	/** Forgets the stored token, so the next request fetches a new one. */
	clearToken(id: string) {
		delete this.get(id).data.oauthTokenData;
	}

	// ----- ICredentialsHelper -----

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const type = this.credentialTypes.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		const supported = this.credentialTypes.getSupportedNodes(credentialType);
		return supported.includes(nodeType) || supported.some((n) => nodeType.endsWith(`.${n}`));
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		this.refuseOwnAuthentication(typeName);
		return incoming as IHttpRequestOptions;
	}

	async preAuthentication(
		_helpers: unknown,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		this.refuseOwnAuthentication(typeName);
		return undefined;
	}

	async runPreAuthentication(
		_helpers: unknown,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		this.refuseOwnAuthentication(typeName);
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new InMemoryCredentials(this, this.find(nodeCredentials, type));
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(nodeCredentials, type);
		if (raw === true) return deepCopy(stored.data);
		return await this.applyDefaultsAndResolve(
			additionalData,
			stored.data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.find(nodeCredentials, type).data = deepCopy(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		const oauthTokenData = deepCopy(data.oauthTokenData as IDataObject);
		// Like n8n: only oauthTokenData is written back; the other (resolved) fields are not.
		stored.data = { ...stored.data, oauthTokenData };
		this.tokenUpdates++;
	}

	/** All properties of a type, its parents' first (as n8n's CredentialsHelper). */
	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) {
			if (type === 'oAuth1Api' || type === 'oAuth2Api') {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	// ----- internals -----

	private refuseOwnAuthentication(typeName: string) {
		const { authenticate, preAuthentication } = this.credentialTypes.getByName(typeName);
		if (authenticate !== undefined || preAuthentication !== undefined) {
			throw new UnexpectedError(
				`Credential type "${typeName}" declares authenticate or preAuthentication: the engine-tier harness only imitates OAuth2 types without them`,
			);
		}
	}

	private find(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials?.id) {
			throw new UserError(`Credential "${nodeCredentials?.name}" has no ID.`);
		}
		const stored = this.store.get(nodeCredentials.id);
		if (!stored || stored.type !== type) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return stored;
	}

	private async applyDefaultsAndResolve(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);

		// A hidden field belongs to the type: whatever is stored for it is replaced by the
		// type's default (real n8n does this for the OAuth endpoint/flow fields).
		const storedData: ICredentialDataDecryptedObject = deepCopy(original);
		for (const property of properties) {
			if (property.type === 'hidden') delete storedData[property.name];
		}

		let data = NodeHelpers.getNodeParameters(
			properties,
			storedData as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		if (original.oauthTokenData !== undefined) {
			data.oauthTokenData = deepCopy(original.oauthTokenData);
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				(error as Error).message += ' [Error resolving credentials]';
				throw error;
			}
			return data;
		}

		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: expressionOnlyNodeTypes,
		});
		const acquired = await workflow.expression.acquireIsolate();
		try {
			return workflow.expression.getComplexParameterValue(
				mockNode,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		} finally {
			if (acquired) await workflow.expression.releaseIsolate();
		}
	}
}
