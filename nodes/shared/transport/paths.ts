/**
 * ERP numbers carry `/`, `#`, `?`, `%`, spaces and Norwegian letters (`P/2026/Æ 01`); each value
 * must reach Ditio as exactly one path segment, so every segment is encoded on its own.
 */
export function integrationPath(segments: readonly string[]): string {
	return `/api/v4/integration/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

/** A path of the Data Extraction API, which has its own base URL (`/v1/project`, …). */
export function reportingPath(segments: readonly string[]): string {
	return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

/**
 * A value of "." or ".." cannot travel as a path segment: URL parsing (WHATWG, also for the
 * percent-encoded forms) turns it into a step up, and the request would reach another record.
 */
export function unsendableSegment(segments: readonly string[]): string | undefined {
	return segments.find((s) => s === '.' || s === '..');
}
