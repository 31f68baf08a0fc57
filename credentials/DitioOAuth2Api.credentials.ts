import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { DITIO_ENVIRONMENTS, DITIO_SCOPE, REPORTING_SCOPE } from '../nodes/shared/transport/environments';

const { test, production } = DITIO_ENVIRONMENTS;

/**
 * Hidden credential fields are reset to the type's defaults by n8n on every load, so the token
 * URL cannot be stored: it is derived from the visible fields by expression. Inside the
 * credential's own fields they are `$self`; in its test request they are `$credentials`.
 */
const byEnvironment = (self: '$self' | '$credentials', customField: string, prod: string, tst: string) =>
	`={{ ${self}.environment === 'custom' ? ${self}.${customField} : ${self}.environment === 'production' ? '${prod}' : '${tst}' }}`;

/**
 * n8n's oAuth2Api marks this field doNotInherit, so it is declared again. It holds an HTTP
 * status, not a secret (the scanner's name check would have it masked as a password).
 */
const TOKEN_EXPIRED_STATUS_CODE: INodeProperties = {
	displayName: 'Token Expired Status Code',
	name: 'tokenExpiredStatusCode',
	type: 'number',
	default: 401,
	description: 'HTTP status with which Ditio says the access token has expired',
};

export class DitioOAuth2Api implements ICredentialType {
	name = 'ditioOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Ditio OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-ditio/n8n-nodes-ditio#create-the-credential';

	icon: Icon = { light: 'file:../nodes/Ditio/ditio.svg', dark: 'file:../nodes/Ditio/ditio.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Test (ditio.dev)', value: 'test' },
				{ name: 'Production (ditio.app)', value: 'production' },
				{ name: 'Custom URLs', value: 'custom' },
			],
			// Never change this default once released: defaults are not stored, so it would move
			// every saved credential to another environment.
			default: 'test',
			description:
				'Ditio environment the API client was created in. Test and production have separate API clients.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://integration.ditio.no',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL of the integration API, without /api/v4/…',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://identity.ditio.app/connect/token',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'OAuth2 token endpoint of the identity server',
		},
		{
			// Off by default: a credential saved before this option existed keeps asking for the
			// integration scope alone, so an API client without the reporting scope keeps working.
			displayName: 'Use Data Extraction API (Change Feed)',
			name: 'reportingApi',
			type: 'boolean',
			default: false,
			description: `Whether the API client may also use Ditio's Data Extraction API (scope ${REPORTING_SCOPE}). The Ditio Trigger then asks Ditio's change feed what changed instead of reading every record at every poll.`,
		},
		{
			displayName: 'Reporting API Base URL',
			name: 'reportingBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://core-api.ditio.app/reporting',
			required: true,
			displayOptions: { show: { environment: ['custom'], reportingApi: [true] } },
			description: 'Base URL of the Data Extraction API, without /v1/…',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: byEnvironment('$self', 'tokenUrl', production.tokenUrl, test.tokenUrl),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// Hidden, so derived from the visible option rather than stored (see byEnvironment).
			default: `={{ $self.reportingApi === true ? '${DITIO_SCOPE} ${REPORTING_SCOPE}' : '${DITIO_SCOPE}' }}`,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Ditio's samples send id and secret form-encoded in the body; Basic auth is not
			// form-encoded by n8n, so a secret with + or % would be refused there.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			// Ditio's token request needs nothing beyond the client credentials and scope.
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			placeholder: '65f1a2b3c4d5e6f7a8b9c0d1',
			description:
				'Your Ditio company ID. Sent as companyId on every create; a node can override it per item.',
		},
		TOKEN_EXPIRED_STATUS_CODE,
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: byEnvironment('$credentials', 'baseUrl', production.apiBaseUrl, test.apiBaseUrl),
			url: '/api/v4/integration/projects',
			method: 'GET',
		},
	};
}
