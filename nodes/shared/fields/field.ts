import type { FieldKind } from './kinds';

/** One row of a resource's field table: the API name is also the n8n parameter name. */
export interface ApiField {
	name: string;
	displayName: string;
	kind: FieldKind;
	description: string;
	/** Work orders only: on create, Ditio copies a left-out value from the project's template. */
	templateFilled?: boolean;
	/** One of the fields a consultant reads first: kept by the Simplify option. */
	simplified?: boolean;
}
