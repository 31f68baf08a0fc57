import { integrationPath } from '../../nodes/Ditio/transport/paths';

describe('integration paths', () => {
	test('every ERP number becomes exactly one path segment', () => {
		const path = integrationPath(['projects', 'by-project-number', 'P/2026/Æ 01#?%']);
		expect(path).toBe('/api/v4/integration/projects/by-project-number/P%2F2026%2F%C3%86%2001%23%3F%25');
		const segments = path.split('/').slice(4);
		expect(segments.map(decodeURIComponent)).toEqual(['projects', 'by-project-number', 'P/2026/Æ 01#?%']);
	});
});
