/**
 * The order in which to write a batch so that a parent named by external id is written before
 * its children, whatever the input order. Items keep their input order otherwise.
 */
export function parentsFirst(
	entries: Array<{ itemIndex: number; projectId: string; externalId: string; parentExternalId?: string }>,
): number[] {
	const byKey = new Map(entries.map((e) => [`${e.projectId}\u0000${e.externalId}`, e]));
	const placed = new Set<number>();
	const visiting = new Set<number>();
	const order: number[] = [];
	const place = (entry: (typeof entries)[number]) => {
		if (placed.has(entry.itemIndex) || visiting.has(entry.itemIndex)) return; // a cycle is left to Ditio to refuse
		visiting.add(entry.itemIndex);
		const parent = entry.parentExternalId ? byKey.get(`${entry.projectId}\u0000${entry.parentExternalId}`) : undefined;
		if (parent && parent.itemIndex !== entry.itemIndex) place(parent);
		visiting.delete(entry.itemIndex);
		placed.add(entry.itemIndex);
		order.push(entry.itemIndex);
	};
	entries.forEach(place);
	return order;
}
