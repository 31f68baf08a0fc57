import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldsCollection, identityParameter, readFields, readRequired } from '../../../shared/fields/collection';
import { COMPANY_ID } from '../../../shared/fields/company.fields';
import type { ApiField } from '../../../shared/fields/field';
import { MACHINE_ACTIVE, MACHINE_ESG_FIELDS, MACHINE_FIELDS, MACHINE_NUMBER } from '../../../shared/fields/machine.fields';
import { companyIdFor } from '../common/company';
import type { BatchRun } from '../types';

export const machinePath = (id?: string, ...rest: string[]) => (id === undefined ? ['machines'] : ['machines', id, ...rest]);

/** Ditio's refusal of a type names only its code; the user needs to know where types come from. */
export const MACHINE_HINTS = {
	400: "Ditio refused the values sent. Correct the field it names and run again. For MachineService.machineTypeInvalid: Machine Type (typeId) must be the ID of one of the company's machine types (new types come only through Ditio support); equipment (Is Equipment) needs none.",
	409: 'Another machine of the company already has this Machine Number; fleet numbers are unique within a company. Use Create or Update to change the existing machine.',
};

export const machineNumberParameter = identityParameter(MACHINE_NUMBER);

export const additionalFieldsParameter = fieldsCollection('additionalFields', [COMPANY_ID, ...MACHINE_FIELDS, ...MACHINE_ESG_FIELDS]);

export const updateFieldsParameter = fieldsCollection('updateFields', [MACHINE_NUMBER, ...MACHINE_FIELDS, ...MACHINE_ESG_FIELDS]);

/** A machine's fields as two bodies: PATCH /{id} (and POST) take the first, PATCH /{id}/esg the second. */
export interface MachineFields {
	fields: IDataObject;
	esg: IDataObject;
}

export interface MachineInput extends MachineFields {
	companyId: string;
	machineNumber: string;
}

const isEsg = (name: string) => MACHINE_ESG_FIELDS.some((f) => f.name === name);

/** Checks and converts the given fields, each into the body of the route that writes it. */
export function readMachineFields(this: IExecuteFunctions, itemIndex: number, given: IDataObject, table: ApiField[] = MACHINE_FIELDS): MachineFields {
	const node = this.getNode();
	const esgGiven = Object.fromEntries(Object.entries(given).filter(([name]) => isEsg(name)));
	const rest = Object.fromEntries(Object.entries(given).filter(([name]) => !isEsg(name)));
	return { fields: readFields(node, itemIndex, table, rest), esg: readFields(node, itemIndex, MACHINE_ESG_FIELDS, esgGiven) };
}

/** Machine Number + Additional Fields of one item, checked before any request. */
export function readMachineInput(this: IExecuteFunctions, run: BatchRun, itemIndex: number): MachineInput {
	const node = this.getNode();
	const machineNumber = readRequired(node, itemIndex, MACHINE_NUMBER, this.getNodeParameter(MACHINE_NUMBER.name, itemIndex));
	const { [COMPANY_ID.name]: override, ...given } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { fields, esg } = readMachineFields.call(this, itemIndex, given);
	return { companyId: companyIdFor.call(this, run, itemIndex, override), machineNumber, fields, esg };
}

/**
 * The POST body. Ditio creates a machine inactive unless told otherwise, which no one importing a
 * fleet means: `active: true` unless the item sets Active itself.
 */
export const machineBody = (input: MachineInput): IDataObject => ({
	[COMPANY_ID.name]: input.companyId,
	[MACHINE_NUMBER.name]: input.machineNumber,
	[MACHINE_ACTIVE.name]: true,
	...input.fields,
});

/** Creates the machine, then sets its fuel and consumption, which Ditio takes only through /esg. */
export async function createMachine(run: BatchRun, input: MachineInput, itemIndex: number): Promise<IDataObject> {
	const created = await run.client.request<IDataObject>('POST', machinePath(), { body: machineBody(input), itemIndex, hints: MACHINE_HINTS });
	return await writeEsg(run, created, input.esg, itemIndex);
}

/** PATCH /{id}/esg when there is anything to set; the record as it then is. */
export async function writeEsg(run: BatchRun, record: IDataObject, esg: IDataObject, itemIndex: number): Promise<IDataObject> {
	if (Object.keys(esg).length === 0) return record;
	const answer = await run.client.request<IDataObject>('PATCH', machinePath(String(record.id), 'esg'), { body: esg, itemIndex, hints: MACHINE_HINTS });
	// What the ESG route answers is not documented: keep the record and lay what came back over it.
	return { ...record, ...(answer && typeof answer === 'object' ? answer : {}), ...esg };
}

export const SIMPLIFY_TABLE = [...MACHINE_FIELDS, ...MACHINE_ESG_FIELDS];
