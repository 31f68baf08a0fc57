import type { IExecuteFunctions } from 'n8n-workflow';

import { type ProjectRef, projectRefOf } from '../../../shared/project-locator';

/** The Project locator of one item, checked before any request. */
export function readProjectRef(this: IExecuteFunctions, itemIndex: number, name = 'project'): ProjectRef {
	return projectRefOf(this.getNode(), this.getNodeParameter(name, itemIndex), itemIndex);
}
