import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { changesOf } from '../../../shared/fields/collection';
import { MACHINE_ESG_FIELDS, MACHINE_FIELDS, MACHINE_NUMBER } from '../../../shared/fields/machine.fields';
import { withOutcome } from '../common/outcome';
import { changesView, type Deactivation, previewed, runDeactivations, stopIfRefused, stopIfTooMany, type UpsertMode, upsertMode } from '../common/plan';
import { executeItems, type ReadyItem, type RefusedItem } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import {
	additionalFieldsParameter,
	createMachine,
	MACHINE_HINTS,
	machineBody,
	type MachineInput,
	machineNumberParameter,
	machinePath,
	readMachineInput,
	writeEsg,
} from './machine-input';

const keyOf = (companyId: unknown, machineNumber: unknown) => `${String(companyId ?? '')}\u0000${String(machineNumber)}`;

/** Only what differs is sent: the machine's fields by PATCH, fuel and consumption through /esg. */
async function writeChanges(run: BatchRun, mode: UpsertMode, itemIndex: number, existing: IDataObject, input: MachineInput) {
	const main = changesOf(MACHINE_FIELDS, input.fields, existing);
	const esg = changesOf(MACHINE_ESG_FIELDS, input.esg, existing);
	const changed = [...main.changed, ...esg.changed];
	if (changed.length === 0) return mode.preview ? previewed(existing, 'unchanged') : withOutcome(existing, 'unchanged');
	const after = { ...existing, ...main.body, ...esg.body };
	if (mode.preview) return previewed(after, 'updated', { changedFields: changed, changes: changesView(changed, after, existing) });
	let record = existing;
	if (main.changed.length > 0) {
		record = await run.client.request<IDataObject>('PATCH', machinePath(String(existing.id)), { body: main.body, itemIndex, hints: MACHINE_HINTS });
	}
	record = await writeEsg(run, record, esg.body, itemIndex);
	return withOutcome(record, 'updated', { changedFields: changed });
}

async function upsertOne(run: BatchRun, mode: UpsertMode, known: Map<string, IDataObject>, itemIndex: number, input: MachineInput) {
	const key = keyOf(input.companyId, input.machineNumber);
	const existing = known.get(key);
	const answer = existing
		? await writeChanges(run, mode, itemIndex, existing, input)
		: mode.preview
			? previewed({ ...machineBody(input), ...input.esg }, 'created')
			: withOutcome(await createMachine(run, input, itemIndex), 'created');
	// A later item with the same number compares with what this one left.
	known.set(key, answer);
	return answer;
}

/** Deactivate Missing: the active machines (and equipment) of each company of the run that the input does not name. */
function missingMachines(
	node: INode,
	mode: UpsertMode,
	known: Map<string, IDataObject> | undefined,
	ready: ReadonlyArray<ReadyItem<MachineInput & { known: Map<string, IDataObject> }>>,
	refused: ReadonlyArray<RefusedItem>,
): Deactivation[] {
	stopIfRefused(node, refused, 'machine');
	if (!known) return [];
	const companies = new Map<string, { itemIndex: number; numbers: Set<string> }>();
	for (const { itemIndex, input } of ready) {
		const company = companies.get(input.companyId) ?? { itemIndex, numbers: new Set<string>() };
		company.numbers.add(input.machineNumber);
		companies.set(input.companyId, company);
	}
	const targets: Deactivation[] = [];
	for (const [companyId, c] of companies) {
		const active = [...known.values()].filter((m) => String(m.companyId) === companyId && m.active === true);
		const missing = active.filter((m) => !c.numbers.has(String(m[MACHINE_NUMBER.name])));
		stopIfTooMany(node, mode, { missing: missing.length, active: active.length, where: `company ${companyId}`, what: 'machines', itemIndex: c.itemIndex });
		for (const record of missing) targets.push({ record, path: machinePath(String(record.id)), pairedWith: c.itemIndex });
	}
	return targets;
}

/**
 * One list read for the whole batch, matched on company and fleet number, then a write only where
 * something differs: an unchanged fleet costs no write. Items with the same number run in turn.
 */
export async function executeMachineUpsert(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const mode = upsertMode.call(this);
	let listing: Promise<Map<string, IDataObject>> | undefined;
	const listMachines = async (itemIndex: number) => {
		const machines = await run.client.request<IDataObject[]>('GET', machinePath(), { itemIndex });
		return new Map(machines.map((m) => [keyOf(m.companyId, m[MACHINE_NUMBER.name]), m]));
	};
	let deactivations: Deactivation[] = [];
	const answers = await executeItems(this, run, {
		read: (itemIndex) => readMachineInput.call(this, run, itemIndex),
		prepare: async (input, itemIndex) => ({ ...input, known: await (listing ??= listMachines(itemIndex)) }),
		plan: (ready, refused) => {
			if (mode.deactivateMissing) deactivations = missingMachines(this.getNode(), mode, ready[0]?.input.known, ready, refused);
		},
		parallel: true,
		after: (ready) => {
			const last = new Map<string, number>();
			const after = new Map<number, number[]>();
			for (const { itemIndex, input } of ready) {
				const key = keyOf(input.companyId, input.machineNumber);
				const previous = last.get(key);
				last.set(key, itemIndex);
				if (previous !== undefined) after.set(itemIndex, [previous]);
			}
			return after;
		},
		run: async (input, itemIndex) => await upsertOne(run, mode, input.known, itemIndex, input),
	});
	return [...answers, ...(await runDeactivations(this, run, deactivations, mode.preview))];
}

export const upsert: Operation = { description: [machineNumberParameter, additionalFieldsParameter], execute: executeMachineUpsert };
