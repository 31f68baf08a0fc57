import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MACHINE_NUMBER } from '../../../shared/fields/machine.fields';
import { DITIO_ID, DITIO_ID_PATTERN } from '../../../shared/ids';
import { Memo } from '../../../shared/run-cache';
import { nothingSent } from '../../../shared/untouched';
import type { BatchRun } from '../types';
import { machinePath } from './machine-input';

export interface MachineRef {
	mode: 'id' | 'machineNumber';
	value: string;
}

/** The machine picker: by Ditio ID or by your fleet number. */
export function machineLocator(description: string): INodeProperties {
	return {
		displayName: 'Machine',
		name: 'machine',
		type: 'resourceLocator',
		default: { mode: 'machineNumber', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'By Number', name: 'machineNumber', type: 'string', placeholder: MACHINE_NUMBER.placeholder },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '68a1c0ffee0ddba11c0ffe01',
				validation: [{ type: 'regex', properties: { regex: DITIO_ID_PATTERN, errorMessage: 'A Ditio ID is 24 hex characters' } }],
			},
		],
	};
}

/** The Machine locator of one item, checked before any request. */
export function readMachineRef(this: IExecuteFunctions, itemIndex: number): MachineRef {
	const raw = this.getNodeParameter('machine', itemIndex) as INodeParameterResourceLocator | string;
	const ref: MachineRef =
		typeof raw === 'object' && raw !== null
			? { mode: raw.mode === 'id' ? 'id' : 'machineNumber', value: String(raw.value ?? '').trim() }
			: { mode: 'machineNumber', value: String(raw ?? '').trim() };
	if (!ref.value) {
		throw new NodeOperationError(this.getNode(), 'Machine is empty', {
			itemIndex,
			description: `Give the machine's number or its Ditio ID. ${nothingSent(itemIndex)}`,
		});
	}
	if (ref.mode === 'id' && !DITIO_ID.test(ref.value)) {
		throw new NodeOperationError(this.getNode(), `Machine ID "${ref.value}" is not a Ditio ID`, {
			itemIndex,
			description: `A Ditio ID is 24 hex characters. If "${ref.value}" is your fleet number, choose "By Number" in the Machine field. ${nothingSent(itemIndex)}`,
		});
	}
	return ref;
}

/**
 * Look-ups by fleet number, once per execution however many items name a machine. Ditio's older
 * reference answers the by-number route with a one-item array; either form is taken.
 */
export function machineLookup(context: IExecuteFunctions, run: BatchRun) {
	const memo = new Memo<IDataObject>();
	const byNumber = (machineNumber: string, itemIndex: number) =>
		memo.get(machineNumber, async () => {
			const hints = {
				404: `No machine of the companies of this API client has the number "${machineNumber}". Check the fleet number${DITIO_ID.test(machineNumber) ? ', or choose "By ID": it looks like a Ditio ID' : ''}.`,
			};
			const answer = await run.client.request<IDataObject | IDataObject[] | null>('GET', machinePath('by-machine-number', machineNumber), { itemIndex, hints });
			const found = Array.isArray(answer) ? (answer.find((m) => m?.[MACHINE_NUMBER.name] === machineNumber) ?? answer[0]) : answer;
			if (!found || typeof found !== 'object' || found.id === undefined) {
				throw new NodeOperationError(context.getNode(), `No machine has the number "${machineNumber}"`, { itemIndex, description: hints[404] });
			}
			return found;
		});
	return {
		byNumber,
		/** The record when it was looked up by number; by ID only the id is known until the write answers. */
		resolve: async (ref: MachineRef, itemIndex: number): Promise<{ id: string; record?: IDataObject }> => {
			if (ref.mode === 'id') return { id: ref.value };
			const record = await byNumber(ref.value, itemIndex);
			return { id: String(record.id), record };
		},
	};
}
