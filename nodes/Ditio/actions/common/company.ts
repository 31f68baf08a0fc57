import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { COMPANY_ID } from '../../../shared/fields/company.fields';
import type { BatchRun } from '../types';
import { nothingSent } from '../../../shared/untouched';

/** The item's own companyId wins over the credential's; with neither, fail before any request. */
export function companyIdFor(this: IExecuteFunctions, run: BatchRun, itemIndex: number, override: unknown): string {
	if (override !== undefined && override !== null && typeof override !== 'string') {
		// Dropping it would write into the credential's company instead: refuse.
		throw new NodeOperationError(this.getNode(), `Invalid ${COMPANY_ID.displayName} (${COMPANY_ID.name}): it is not text`, {
			itemIndex,
			description: `${COMPANY_ID.displayName} must be a Ditio company ID such as 5f0c0ffee0ddba11c0ffee01, not ${JSON.stringify(override)}. ${nothingSent(itemIndex)}`,
		});
	}
	const own = (override ?? '').trim();
	const companyId = own || run.client.companyId;
	if (!companyId) {
		throw new NodeOperationError(this.getNode(), 'No Company ID for this item', {
			itemIndex,
			description: `Set Company ID in the Ditio credential, or add Company ID under Additional Fields. ${nothingSent(itemIndex)}`,
		});
	}
	return companyId;
}
