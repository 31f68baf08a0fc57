import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldsCollection, identityParameter, readFields, readRequired } from '../../../shared/fields/collection';
import { COMPANY_ID } from '../../../shared/fields/company.fields';
import { EXTERNAL_ID, PARENT_EXTERNAL_ID, TASK_FIELDS, TASK_ID } from '../../../shared/fields/task.fields';
import { companyIdFor } from '../common/company';
import { DITIO_ID } from '../../../shared/ids';
import { type ProjectRef } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import type { BatchRun } from '../types';
import { nothingSent } from '../../../shared/untouched';

export const externalIdParameter = identityParameter(EXTERNAL_ID);

export const taskIdParameter = identityParameter(TASK_ID);

export const additionalFieldsParameter = fieldsCollection(
	'additionalFields',
	[COMPANY_ID, PARENT_EXTERNAL_ID, ...TASK_FIELDS],
	"Only the fields you add are sent. On create, settings you leave out are filled by Ditio from the project's template work order (prices, unit, SJA).",
);

export const updateFieldsParameter = fieldsCollection('updateFields', [EXTERNAL_ID, PARENT_EXTERNAL_ID, ...TASK_FIELDS]);

export const ifParentNotMarkedParameter: INodeProperties = {
	displayName: 'If the Parent Is Not Marked as Parent',
	name: 'ifParentNotMarked',
	type: 'options',
	default: 'notice',
	options: [
		{
			name: 'Add a Notice to the Output',
			value: 'notice',
			description: 'Write the work order and say in its output that the parent lacks Is Parent',
		},
		{ name: 'Mark the Parent', value: 'mark', description: 'Set Is Parent on the parent work order first' },
		{ name: 'Fail the Item', value: 'error', description: 'Write nothing and stop with an error for this item' },
	],
	description: 'Ditio expects a parent work order to have Is Parent set; it does not set it by itself',
};

export interface TaskInput {
	companyId: string;
	project: ProjectRef;
	externalId: string;
	/** The optional fields the user gave, checked and converted; nothing else, so the template fills the rest. */
	fields: IDataObject;
	parentExternalId?: string;
}

/** Splits off the node's own helper field; the rest must be Ditio fields. */
export function readTaskFields(this: IExecuteFunctions, itemIndex: number, table = TASK_FIELDS, given: IDataObject) {
	const { [PARENT_EXTERNAL_ID.name]: parentExternalId, ...rest } = given;
	const fields = readFields(this.getNode(), itemIndex, table, rest);
	const parent = typeof parentExternalId === 'string' ? parentExternalId.trim() : String(parentExternalId ?? '');
	// An empty Parent Work Order ID (an ERP column empty for top-level rows) means no parent, as an
	// empty Parent External ID does; Ditio would refuse "" as an id.
	if (typeof fields.parentActivityId === 'string') {
		const parentId = fields.parentActivityId.trim();
		if (parentId) fields.parentActivityId = parentId;
		else delete fields.parentActivityId;
	}
	if (parent && fields.parentActivityId) {
		throw new NodeOperationError(this.getNode(), 'Parent given twice', {
			itemIndex,
			description: 'Use either Parent Work Order ID or Parent External ID, not both.',
		});
	}
	return { fields, parentExternalId: parent || undefined };
}

/** The Work Order ID of one item; a number where an ID belongs gets a hint. */
export function readTaskId(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(this.getNodeParameter(TASK_ID.name, itemIndex) ?? '').trim();
	if (!DITIO_ID.test(id)) {
		throw new NodeOperationError(this.getNode(), `Work Order ID "${id}" is not a Ditio ID`, {
			itemIndex,
			description: id
				? `A Ditio ID is 24 hex characters. If "${id}" is your own work order number, look the work order up with Get (by External ID or Task Number) and use its id. ${nothingSent(itemIndex)}`
				: `Give the Ditio ID of the work order. ${nothingSent(itemIndex)}`,
		});
	}
	return id;
}

/** The body of a create or a replace: the work order's identity, then the fields given. */
export const taskBody = (input: TaskInput, projectId: string, fields: IDataObject): IDataObject => ({
	[COMPANY_ID.name]: input.companyId,
	projectId,
	[EXTERNAL_ID.name]: input.externalId,
	...fields,
});

export function readTaskInput(this: IExecuteFunctions, run: BatchRun, itemIndex: number): TaskInput {
	const node = this.getNode();
	const project = readProjectRef.call(this, itemIndex);
	const externalId = readRequired(node, itemIndex, EXTERNAL_ID, this.getNodeParameter(EXTERNAL_ID.name, itemIndex));
	const { [COMPANY_ID.name]: override, ...given } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { fields, parentExternalId } = readTaskFields.call(this, itemIndex, TASK_FIELDS, given);
	const companyId = companyIdFor.call(this, run, itemIndex, override);
	return { companyId, project, externalId, fields, parentExternalId };
}
