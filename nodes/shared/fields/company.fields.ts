import type { ApiField } from './field';

/** Sent with every create of both resources; the credential's unless an item names its own. */
export const COMPANY_ID: ApiField = {
	name: 'companyId',
	displayName: 'Company ID',
	kind: 'string',
	description: "Ditio company ID for this item. Overrides the credential's Company ID.",
};
