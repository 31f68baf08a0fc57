import type { FieldKind } from './kinds';

/**
 * One row of a resource's field table: the API name is also the n8n parameter name. The tables
 * are the only place a field is written: the editor's parameters and collections, the value
 * checks and the request bodies are all made from these rows.
 */
export interface ApiField {
	name: string;
	displayName: string;
	kind: FieldKind;
	description: string;
	/** Shown in an empty identity parameter (Project Number, External ID …). */
	placeholder?: string;
	/** One of the fields a consultant reads first: kept by the Simplify option. */
	simplified?: boolean;
	/**
	 * A field Ditio takes as a number from a fixed list (a fuel type): the editor shows the names,
	 * and an item may give the name or the number.
	 */
	choices?: ReadonlyArray<{ name: string; value: number; description: string }>;
}
