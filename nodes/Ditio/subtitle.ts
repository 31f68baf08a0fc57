import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The node's subtitle on the canvas, "Create or Update · Work Order", in the names the editor's
 * selectors show, made from the Resource and Operation selectors so a new resource or operation
 * needs nothing here. No braces (n8n ends an expression at the first `}}`) and `.at()` rather
 * than `[index]`: n8n's expression sandbox answers undefined for an array indexed by a call.
 * An unknown pair gives indexOf -1, and `.at(-1)` the empty name put last for it.
 */
export function subtitleOf(properties: INodeProperties[]): string {
	const resources = (properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	const keys: string[] = [];
	const names: string[] = [];
	for (const selector of properties.filter((p) => p.name === 'operation')) {
		for (const resource of selector.displayOptions?.show?.resource ?? []) {
			const resourceName = resources.find((r) => r.value === resource)?.name ?? String(resource);
			for (const option of (selector.options ?? []) as INodePropertyOptions[]) {
				keys.push(`${String(resource)}:${String(option.value)}`);
				names.push(`${option.name} · ${resourceName}`);
			}
		}
	}
	names.push('');
	return `={{ ${JSON.stringify(names)}.at(${JSON.stringify(keys)}.indexOf($parameter["resource"] + ":" + $parameter["operation"])) }}`;
}
