/**
 * Where each family of Ditio's API lives: which base URL of the credential (the integration
 * host or the Data Extraction host) and which fixed prefix the segments follow. An operation
 * names its family (`RequestOptions.base`) and never spells a prefix. Facts and sources:
 * docs/ditio-api.md.
 */
export const API_FAMILIES = {
	/** `/api/v4/integration/…`: projects, tasks, documents, users, machines, certificates. */
	integration: { host: 'integration', prefix: ['api', 'v4', 'integration'] },
	/** `/api/v5/integration/…`: employees (v5) and the newer families. */
	integrationV5: { host: 'integration', prefix: ['api', 'v5', 'integration'] },
	/** `/api/…` on the integration host, outside the versioned prefix: the payroll export, absences. */
	integrationRoot: { host: 'integration', prefix: ['api'] },
	/** The Data Extraction API, on its own base URL (`/v1/project`, `/v1/time-registrations`, …). */
	reporting: { host: 'reporting', prefix: [] },
} as const satisfies Record<string, { host: 'integration' | 'reporting'; prefix: readonly string[] }>;

export type ApiFamily = keyof typeof API_FAMILIES;

/**
 * ERP numbers carry `/`, `#`, `?`, `%`, spaces and Norwegian letters (`P/2026/Æ 01`); each value
 * must reach Ditio as exactly one path segment, so every segment is encoded on its own.
 */
export function apiPath(family: ApiFamily, segments: readonly string[]): string {
	const { prefix } = API_FAMILIES[family];
	return `/${[...prefix, ...segments.map((s) => encodeURIComponent(s))].join('/')}`;
}

/**
 * A value of "." or ".." cannot travel as a path segment: URL parsing (WHATWG, also for the
 * percent-encoded forms) turns it into a step up, and the request would reach another record.
 */
export function unsendableSegment(segments: readonly string[]): string | undefined {
	return segments.find((s) => s === '.' || s === '..');
}
