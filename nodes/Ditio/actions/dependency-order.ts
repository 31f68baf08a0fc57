/**
 * Orders items so that every item comes after the items it depends on (a parent before its
 * children, the first of two equal numbers before the second), keeping input order otherwise.
 * A dependency that closes a cycle is dropped, so the schedule can never wait on itself;
 * Ditio then refuses what cannot be right.
 */
export function dependencyOrder(items: Array<{ itemIndex: number; after: number[] }>): Array<{ itemIndex: number; after: number[] }> {
	const byIndex = new Map(items.map((item) => [item.itemIndex, item]));
	const state = new Map<number, 'visiting' | 'placed'>();
	const ordered: Array<{ itemIndex: number; after: number[] }> = [];
	const place = (itemIndex: number) => {
		const item = byIndex.get(itemIndex)!;
		state.set(itemIndex, 'visiting');
		const after = item.after.filter((dep) => byIndex.has(dep) && state.get(dep) !== 'visiting');
		for (const dep of after) if (!state.has(dep)) place(dep);
		state.set(itemIndex, 'placed');
		ordered.push({ itemIndex, after });
	};
	for (const item of items) if (!state.has(item.itemIndex)) place(item.itemIndex);
	return ordered;
}
