import { EMPLOYEE_NUMBER } from './employee.fields';
import type { ApiField } from './field';

/**
 * A person's certificate (docs/ditio-api.md, Certificates). Ditio matches on employee number and
 * certificate type: a person holds one certificate per type, and sending it again updates it.
 */
export const CERTIFICATE_EMPLOYEE_NUMBER: ApiField = {
	...EMPLOYEE_NUMBER,
	description: 'The employee number of the holder, as your payroll system writes it; the employee must exist in Ditio',
};

export const CERTIFICATE_TYPE: ApiField = {
	name: 'certificateType',
	displayName: 'Certificate Type',
	kind: 'string',
	placeholder: 'Byggekort',
	description: 'The kind of certificate, such as Byggekort or Kranførerbevis. With the employee number it names the certificate: sending the same pair again updates it.',
};

export const ISSUED: ApiField = {
	name: 'issuedDateTime',
	displayName: 'Issued',
	kind: 'dateTime',
	description: 'When the certificate was issued, such as 2026-01-05 or 2026-01-05T08:00:00Z; must be before Valid Until',
};

export const VALID_UNTIL: ApiField = {
	name: 'validUntilDateTime',
	displayName: 'Valid Until',
	kind: 'dateTime',
	description: 'When the certificate runs out, such as 2031-01-05; must be after Issued',
};

/** The fields every certificate has: the key and the period. */
export const REQUIRED_CERTIFICATE_FIELDS: ApiField[] = [CERTIFICATE_EMPLOYEE_NUMBER, CERTIFICATE_TYPE, ISSUED, VALID_UNTIL];

export const OPTIONAL_CERTIFICATE_FIELDS: ApiField[] = [
	{ name: 'certificateNumber', displayName: 'Certificate Number', kind: 'string', description: "The certificate's own number, as printed on it" },
	{ name: 'notes', displayName: 'Notes', kind: 'string', description: 'Free text shown with the certificate' },
];

export const CERTIFICATE_FIELDS: ApiField[] = [...REQUIRED_CERTIFICATE_FIELDS, ...OPTIONAL_CERTIFICATE_FIELDS];
