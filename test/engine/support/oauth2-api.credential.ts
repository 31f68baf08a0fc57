/**
 * Stand-in for n8n-nodes-base's `oAuth2Api` credential type, which a community package
 * extends but does not ship. Field names, types, defaults, displayOptions and
 * `doNotInherit` flags follow n8n's `OAuth2Api.credentials.ts` (n8n 2.x): these are what
 * decide which inherited values n8n-core's OAuth2 client sees at run time.
 */
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const manualRegistration = { useDynamicClientRegistration: [false] };

const properties: INodeProperties[] = [
	{
		displayName: 'Use Dynamic Client Registration',
		name: 'useDynamicClientRegistration',
		type: 'hidden',
		default: false,
	},
	{
		displayName: 'Grant Type',
		name: 'grantType',
		type: 'options',
		options: [
			{ name: 'Authorization Code', value: 'authorizationCode' },
			{ name: 'Client Credentials', value: 'clientCredentials' },
			{ name: 'PKCE', value: 'pkce' },
		],
		default: 'authorizationCode',
		displayOptions: { show: { ...manualRegistration } },
	},
	{
		displayName: 'Server URL',
		name: 'serverUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { useDynamicClientRegistration: [true] } },
	},
	{
		displayName: 'Authorization URL',
		name: 'authUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...manualRegistration } },
	},
	{
		displayName: 'Access Token URL',
		name: 'accessTokenUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...manualRegistration } },
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...manualRegistration } },
	},
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { ...manualRegistration } },
	},
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'string',
		default: '',
		displayOptions: { show: { ...manualRegistration } },
	},
	{
		displayName: 'Auth URI Query Parameters',
		name: 'authQueryParameters',
		type: 'string',
		default: '',
		displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...manualRegistration } },
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Body', value: 'body', description: 'Send credentials in body' },
			{ name: 'Header', value: 'header', description: 'Send credentials as Basic Auth header' },
		],
		default: 'header',
		displayOptions: { show: { ...manualRegistration } },
	},
	{
		displayName: 'Send Additional Body Properties',
		name: 'sendAdditionalBodyProperties',
		type: 'boolean',
		default: false,
		displayOptions: {
			show: { grantType: ['clientCredentials'], authentication: ['body'], ...manualRegistration },
		},
	},
	{
		displayName: 'Additional Body Properties',
		name: 'additionalBodyProperties',
		type: 'json',
		typeOptions: { rows: 5 },
		default: '',
		displayOptions: {
			show: {
				grantType: ['clientCredentials'],
				authentication: ['body'],
				sendAdditionalBodyProperties: [true],
				...manualRegistration,
			},
		},
	},
	// The next three are NOT inherited by a child type (NodeHelpers.mergeNodeProperties skips
	// doNotInherit): a child that wants them must declare them itself, without doNotInherit.
	{
		displayName: 'Ignore SSL Issues (Insecure)',
		name: 'ignoreSSLIssues',
		type: 'boolean',
		default: false,
		doNotInherit: true,
	},
	{
		displayName: 'Token Expired Status Code',
		name: 'tokenExpiredStatusCode',
		type: 'number',
		default: 401,
		doNotInherit: true,
	},
	{
		displayName: 'JWE Token Decryption',
		name: 'jweEnabled',
		type: 'boolean',
		default: false,
		doNotInherit: true,
	},
];

export class OAuth2ApiStandIn implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	documentationUrl = 'https://docs.n8n.io/integrations/builtin/credentials/httprequest/';

	genericAuth = true;

	properties = properties;
}
