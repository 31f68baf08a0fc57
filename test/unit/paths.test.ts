import { apiPath } from '../../nodes/shared/transport/paths';

describe('integration paths', () => {
	test('every ERP number becomes exactly one path segment', () => {
		const path = apiPath('integration', ['projects', 'by-project-number', 'P/2026/Æ 01#?%']);
		expect(path).toBe('/api/v4/integration/projects/by-project-number/P%2F2026%2F%C3%86%2001%23%3F%25');
		const segments = path.split('/').slice(4);
		expect(segments.map(decodeURIComponent)).toEqual(['projects', 'by-project-number', 'P/2026/Æ 01#?%']);
	});
});

describe('API families', () => {
	test('each family puts its own prefix before the encoded segments', () => {
		expect(apiPath('integrationV5', ['employees', 'A/1 Ø'])).toBe('/api/v5/integration/employees/A%2F1%20%C3%98');
		expect(apiPath('integrationRoot', ['payroll-export', 'readonly'])).toBe('/api/payroll-export/readonly');
		expect(apiPath('reporting', ['v1', 'time-registrations'])).toBe('/v1/time-registrations');
	});
});

describe('values that cannot be a path segment', () => {
	test('"." and ".." are caught before sending; dots inside a number are fine', () => {
		const { unsendableSegment } = jest.requireActual('../../nodes/shared/transport/paths');
		expect(unsendableSegment(['tasks', 'by-project-number', '..'])).toBe('..');
		expect(unsendableSegment(['projects', '.'])).toBe('.');
		expect(unsendableSegment(['projects', 'by-project-number', 'P.2026..01', '...'])).toBeUndefined();
	});
});
