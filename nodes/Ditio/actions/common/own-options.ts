import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsParameter } from './options';

/**
 * An Options collection of a resource's own: its settings first, then the request settings every
 * operation has, without those that belong to the project and work-order Create or Update
 * (Preview Only, Deactivate Missing), which an upsert of another resource would silently ignore.
 */
export function ownOptions(description: string, own: INodeProperties[] = []): INodeProperties {
	const requestOnly = (requestOptionsParameter.options as INodeProperties[]).filter((option) => option.displayOptions === undefined);
	return { ...requestOptionsParameter, description, options: [...own, ...requestOnly] };
}
