import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldsCollection, identityParameter, readFields, readRequired } from '../../../shared/fields/collection';
import { COMPANY_ID } from '../../../shared/fields/company.fields';
import { PROJECT_FIELDS, PROJECT_NUMBER } from '../../../shared/fields/project.fields';
import { companyIdFor } from '../common/company';
import type { BatchRun } from '../types';

export const projectNumberParameter = identityParameter(PROJECT_NUMBER);

export const additionalFieldsParameter = fieldsCollection('additionalFields', [COMPANY_ID, ...PROJECT_FIELDS]);

export const updateFieldsParameter = fieldsCollection('updateFields', [PROJECT_NUMBER, ...PROJECT_FIELDS]);

export interface ProjectInput {
	companyId: string;
	projectNumber: string;
	/** The optional fields the user gave, checked and converted; nothing else. */
	fields: IDataObject;
}

/** Project Number + Additional Fields of one item, checked before any request. */
export function readProjectInput(this: IExecuteFunctions, run: BatchRun, itemIndex: number): ProjectInput {
	const node = this.getNode();
	const projectNumber = readRequired(node, itemIndex, PROJECT_NUMBER, this.getNodeParameter(PROJECT_NUMBER.name, itemIndex));
	const { [COMPANY_ID.name]: override, ...given } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields = readFields(node, itemIndex, PROJECT_FIELDS, given);
	const companyId = companyIdFor.call(this, run, itemIndex, override);
	return { companyId, projectNumber, fields };
}

/** The body of a create or a replace: the project's identity, then the fields given. */
export const projectBody = (input: ProjectInput): IDataObject => ({
	[COMPANY_ID.name]: input.companyId,
	[PROJECT_NUMBER.name]: input.projectNumber,
	...input.fields,
});

/** Update and Replace can give a project a number that another project has: Ditio answers 409. */
export const NUMBER_TAKEN_HINTS = {
	409: 'Another project of the company already has this Project Number; project numbers are unique within a company. Choose another number, or change that project instead.',
};
