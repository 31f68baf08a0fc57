/**
 * ERP numbers carry `/`, `#`, `?`, `%`, spaces and Norwegian letters (`P/2026/Æ 01`); each value
 * must reach Ditio as exactly one path segment, so every segment is encoded on its own.
 */
export function integrationPath(segments: readonly string[]): string {
	return `/api/v4/integration/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}
