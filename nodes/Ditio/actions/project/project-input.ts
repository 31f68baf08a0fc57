import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOptions, readFields, readRequired } from '../../../shared/fields/collection';
import { PROJECT_FIELDS, PROJECT_NUMBER } from '../../../shared/fields/project.fields';
import { companyIdFor, COMPANY_ID_OPTION } from '../common/company';
import type { BatchRun } from '../types';

export const projectNumberParameter: INodeProperties = {
	displayName: 'Project Number',
	name: 'projectNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'P-2026-001',
	description: 'Your internal project number, unique within the company',
};

export const additionalFieldsParameter: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Only the fields you add are sent',
	options: [COMPANY_ID_OPTION, ...collectionOptions(PROJECT_FIELDS)],
};

export const updateFieldsParameter: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'The fields to change; the others stay as they are',
	options: collectionOptions([PROJECT_NUMBER, ...PROJECT_FIELDS]),
};

export interface ProjectInput {
	companyId: string;
	projectNumber: string;
	/** The optional fields the user gave, checked and converted; nothing else. */
	fields: IDataObject;
}

/** Project Number + Additional Fields of one item, checked before any request. */
export function readProjectInput(this: IExecuteFunctions, run: BatchRun, itemIndex: number): ProjectInput {
	const node = this.getNode();
	const projectNumber = readRequired(node, itemIndex, PROJECT_NUMBER, this.getNodeParameter('projectNumber', itemIndex));
	const { companyId: override, ...given } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields = readFields(node, itemIndex, PROJECT_FIELDS, given);
	const companyId = companyIdFor.call(this, run, itemIndex, override);
	return { companyId, projectNumber, fields };
}

export const projectBody = (input: ProjectInput): IDataObject => ({
	companyId: input.companyId,
	projectNumber: input.projectNumber,
	...input.fields,
});

/** Update and Replace can give a project a number that another project has: Ditio answers 409. */
export const NUMBER_TAKEN_HINTS = {
	409: 'Another project of the company already has this Project Number; project numbers are unique within a company. Choose another number, or change that project instead.',
};
