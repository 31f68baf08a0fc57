import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ditioMessage, toDitioError } from '../../nodes/shared/transport/errors';

const node: INode = { id: '1', name: 'Ditio', type: 'n8n-nodes-ditio.ditio', typeVersion: 1, position: [0, 0], parameters: {} };
const site = { method: 'GET', path: '/api/v4/integration/projects/x', baseUrl: 'https://core-api.ditio.dev/core', itemIndex: 2 };

/** Shaped like what n8n's httpRequestWithAuthentication throws: a NodeApiError around the axios error. */
function thrownBy(status: number, data: unknown) {
	const axiosLike = Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data, headers: {} },
		config: { headers: { Authorization: 'Bearer SECRET-TOKEN' } },
	});
	return new NodeApiError(node, axiosLike as never);
}

describe('Ditio error bodies', () => {
	test('both of Ditio\'s error formats become one readable line', () => {
		expect(ditioMessage({ error: 'ArgumentIsNull', message: "Value cannot be null. (Parameter 'projectNumber')" })).toBe(
			"Value cannot be null. (Parameter 'projectNumber') (ArgumentIsNull)",
		);
		expect(
			ditioMessage({ message: 'Validation failed', errors: [{ category: 'Validation', code: 'X', field: 'startDate', message: 'Invalid date' }] }),
		).toBe('Validation failed: startDate: Invalid date');
		expect(ditioMessage(undefined)).toBeUndefined();
	});

	test('a 404 shows Ditio\'s words, the status and what to check, at the item', () => {
		const error = toDitioError(node, thrownBy(404, { error: 'NotFound', message: 'Project 65f… was not found' }), site);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Ditio answered 404: Project 65f… was not found (NotFound)');
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/another company answers 404/);
		expect(error.context.itemIndex).toBe(2);
	});

	test('Norwegian messages are kept as Ditio wrote them', () => {
		const said = 'Extern prosjektnummer X er ikke en gyldig. Velg fra listen';
		const error = toDitioError(node, thrownBy(400, { error: 'InvalidValue', message: said }), site);
		expect(error.message).toContain(said);
	});

	test('nothing of the request (its Authorization header) travels with the error', () => {
		const error = toDitioError(node, thrownBy(500, { error: 'ServerError', message: 'boom' }), site);
		expect(JSON.stringify(error)).not.toContain('SECRET-TOKEN');
		expect(JSON.stringify(error.cause ?? null)).not.toContain('SECRET-TOKEN');
	});

	test('an unreachable host says so instead of n8n\'s generic "perhaps it is offline"', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
		const error = toDitioError(node, new NodeApiError(node, refused as never), site);
		expect(error.message).toBe('Could not reach Ditio at https://core-api.ditio.dev/core (ECONNREFUSED)');
	});

	test.each([
		['invalid_client', /client ID or client secret/],
		['invalid_scope', /refused scope ditioapiv3/],
	])('a token refusal %s names its cause', (code, expected) => {
		const authError = Object.assign(new Error('x'), { body: { error: code }, code: 'EAUTH' });
		const operational = Object.assign(new Error('Failed to acquire OAuth2 access token: x'), { cause: authError });
		const error = toDitioError(node, new NodeApiError(node, operational as never), site);
		expect(error.message).toMatch(expected);
	});
});

describe('token failures as n8n 1.x hands them over (text only)', () => {
	test.each([
		['Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).', /refused the client ID or client secret \(invalid_client\)/],
		['The requested scope is invalid, unknown, or malformed.', /refused scope ditioapiv3/],
		['HTTP status 404', /token URL answered HTTP 404/],
	])('"%s" still names its cause', (text, expected) => {
		const error = toDitioError(node, new NodeApiError(node, new Error(text) as never), site);
		expect(error.message).toMatch(expected);
	});
});
