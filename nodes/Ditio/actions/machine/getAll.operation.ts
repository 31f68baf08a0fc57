import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { MACHINE_IDENTITY, MACHINE_NUMBER, MACHINE_TYPE } from '../../../shared/fields/machine.fields';
import { shaped, simplifyParameter } from '../../../shared/fields/simplify';
import { applyLimit, containsText, filtersParameter, matchesActive, readLimit, RETURN_ALL_AND_LIMIT } from '../common/list';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { machinePath, SIMPLIFY_TABLE } from './machine-input';

const description: INodeProperties[] = [
	...RETURN_ALL_AND_LIMIT,
	simplifyParameter,
	{
		displayName: 'Include Equipment Details',
		name: 'includeEquipmentDetails',
		type: 'boolean',
		default: false,
		description: "Whether Ditio adds the equipment's details to the list",
	},
	filtersParameter([
		{
			displayName: 'Machines or Equipment',
			name: 'equipment',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'Both', value: 'all', description: 'Keep machines and equipment' },
				{ name: 'Equipment Only', value: 'equipment', description: 'Keep records whose Is Equipment is true' },
				{ name: 'Machines Only', value: 'machines', description: 'Keep records whose Is Equipment is false' },
			],
			description: 'Whether to keep machines, equipment, or both',
		},
		{ displayName: `${MACHINE_NUMBER.displayName} Contains`, name: 'machineNumberContains', type: 'string', default: '', description: 'Only machines whose fleet number contains this text (case-insensitive)' },
		{ displayName: 'Name Contains', name: 'nameContains', type: 'string', default: '', description: 'Only machines whose name contains this text (case-insensitive)' },
		{ displayName: MACHINE_TYPE.displayName, name: MACHINE_TYPE.name, type: 'string', default: '', placeholder: MACHINE_TYPE.placeholder, description: 'Only machines of this machine type ID' },
	]),
];

const isKind = (machine: IDataObject, kind: unknown) =>
	kind === 'equipment' ? machine.isEquipment === true : kind === 'machines' ? machine.isEquipment !== true : true;

export async function executeMachineGetAll(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	return await executeItems(this, run, {
		read: (itemIndex) => ({
			filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			details: this.getNodeParameter('includeEquipmentDetails', itemIndex, false) as boolean,
			limit: readLimit.call(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		run: async ({ filters, details, limit, simplify }, itemIndex) => {
			const machines = await run.client.request<IDataObject[]>('GET', machinePath(), { itemIndex, ...(details && { qs: { includeEquipmentDetails: true } }) });
			const type = String(filters[MACHINE_TYPE.name] ?? '').trim();
			const wanted = machines.filter(
				(m) =>
					matchesActive(m, filters.active) &&
					isKind(m, filters.equipment) &&
					(type === '' || m[MACHINE_TYPE.name] === type) &&
					containsText(m.name, filters.nameContains) &&
					containsText(m[MACHINE_NUMBER.name], filters.machineNumberContains),
			);
			return shaped(simplify, applyLimit(wanted, limit), MACHINE_IDENTITY, SIMPLIFY_TABLE);
		},
	});
}

export const getAll: Operation = { description, execute: executeMachineGetAll };
