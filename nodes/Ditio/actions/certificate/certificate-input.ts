import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldsCollection, identityParameter, readFields, readRequired } from '../../../shared/fields/collection';
import {
	CERTIFICATE_EMPLOYEE_NUMBER,
	CERTIFICATE_TYPE,
	ISSUED,
	OPTIONAL_CERTIFICATE_FIELDS,
	VALID_UNTIL,
} from '../../../shared/fields/certificate.fields';
import type { ApiField } from '../../../shared/fields/field';
import { KINDS } from '../../../shared/fields/kinds';
import { nothingSent } from '../../../shared/untouched';

const dateTimeParameter = (field: ApiField): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: 'dateTime',
	default: '',
	required: true,
	description: field.description,
});

export const certificateParameters: INodeProperties[] = [
	identityParameter(CERTIFICATE_EMPLOYEE_NUMBER),
	identityParameter(CERTIFICATE_TYPE),
	dateTimeParameter(ISSUED),
	dateTimeParameter(VALID_UNTIL),
	fieldsCollection('additionalFields', OPTIONAL_CERTIFICATE_FIELDS),
];

/** One certificate as it goes into the array Ditio takes: the API's own names and forms. */
export interface Certificate extends IDataObject {
	employeeNumber: string;
	certificateType: string;
	issuedDateTime: string;
	validUntilDateTime: string;
}

function readDateTime(this: IExecuteFunctions, itemIndex: number, field: ApiField): string {
	const node = this.getNode();
	const raw = this.getNodeParameter(field.name, itemIndex, '');
	if (raw === '' || raw === null || raw === undefined) {
		throw new NodeOperationError(node, `Missing ${field.displayName} (${field.name})`, {
			itemIndex,
			description: `${field.displayName} must be ${KINDS[field.kind].expected}. ${nothingSent(itemIndex)}`,
		});
	}
	return readFields(node, itemIndex, [field], { [field.name]: raw as IDataObject[string] })[field.name] as string;
}

/**
 * One item's certificate, checked: every bad item is found here, before the array request, so a
 * bad row never takes the good ones of its request down with it.
 */
export function readCertificate(this: IExecuteFunctions, itemIndex: number): Certificate {
	const node = this.getNode();
	const employeeNumber = readRequired(node, itemIndex, CERTIFICATE_EMPLOYEE_NUMBER, this.getNodeParameter(CERTIFICATE_EMPLOYEE_NUMBER.name, itemIndex, ''));
	const certificateType = readRequired(node, itemIndex, CERTIFICATE_TYPE, this.getNodeParameter(CERTIFICATE_TYPE.name, itemIndex, ''));
	const issuedDateTime = readDateTime.call(this, itemIndex, ISSUED);
	const validUntilDateTime = readDateTime.call(this, itemIndex, VALID_UNTIL);
	if (Date.parse(issuedDateTime) >= Date.parse(validUntilDateTime)) {
		throw new NodeOperationError(node, `Invalid ${VALID_UNTIL.displayName} (${VALID_UNTIL.name}): ${validUntilDateTime} is not after ${ISSUED.displayName} ${issuedDateTime}`, {
			itemIndex,
			description: `Ditio requires a certificate to be issued before it runs out. ${nothingSent(itemIndex)}`,
		});
	}
	const given = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const optional = readFields(node, itemIndex, OPTIONAL_CERTIFICATE_FIELDS, given);
	return { employeeNumber, certificateType, issuedDateTime, validUntilDateTime, ...optional };
}
