/**
 * The example workflows in a real n8n (2.x on Node.js 24), run from its CLI:
 * `n8n import:credentials`, `n8n import:workflow`, `n8n execute --id … --rawOutput`, with the
 * package installed as a community package. Each run is checked in n8n's output AND in the
 * sandbox's data and request log afterwards (examples.ts: the same checks run on n8n 1.x in
 * compat-1x.test.ts).
 */
import { createHash } from 'node:crypto';

import { DEMO_IDS } from '../../sandbox/server';
import { SAMPLES } from '../../sandbox/samples';
import { describeExampleRuns, DRAWING, ERP, NEW_ORDERS, NIGHTLY } from './examples';
import { apiWrites, n8n } from './harness';

const world = describeExampleRuns('workflows');

describe('example 4: drawing from a URL → work order documents', () => {
	const COPY = 'ditioE2eDrawing';
	const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

	beforeAll(async () => {
		// The example downloads from `npm start`'s sandbox on port 4500; this world's sandbox has a free port.
		const { workflow } = n8n.exampleWorkflows().find((e) => e.workflow.id === DRAWING)!;
		const copy = JSON.parse(JSON.stringify(workflow).replaceAll('http://127.0.0.1:4500', world().sb.url));
		copy.id = COPY;
		await n8n.importWorkflows(world().inst, world().env, [copy]);
	});

	test('HTTP Request downloads the sample PDF and the Ditio node puts it on WO-100, found by the ERP numbers, byte for byte', async () => {
		const runTwice = async () => {
			const result = await n8n.executeWorkflow(world().inst, world().env, COPY);
			expect(result.run?.status).toBe('success');
			return result.run;
		};
		const run = await runTwice();
		const [uploaded] = n8n.nodeOutput(run, 'Upload to the work order') as Array<Record<string, unknown>>;
		expect(uploaded).toMatchObject({ name: 'WO-100 Drawing-A1.pdf', section: 'Drawings', taskId: DEMO_IDS.taskGrunnarbeid });

		type Page = { section: string; taskId: string | null; files: Array<{ id: string; name: string; data: Buffer }> };
		const page = (): Page => {
			const folder = world().sb.store.documents.get(DEMO_IDS.projectFjellhall) as { pages: Page[] } | undefined;
			const found = folder?.pages.find((p) => p.taskId === DEMO_IDS.taskGrunnarbeid);
			if (!found) throw new Error('WO-100 has no document page in the sandbox');
			return found;
		};
		expect(page().section).toBe('Drawings');
		expect(page().files.map((f) => [f.id, f.name, sha(f.data)])).toEqual([
			[uploaded.fileReferenceId, 'WO-100 Drawing-A1.pdf', sha(SAMPLES['Drawing-A1.pdf'].data)],
		]);
		// Replace is on in the example: a second run leaves one file, not two.
		await runTwice();
		expect(page().files).toHaveLength(1);
	});
});

describe('example 6: HR rows → employees → machines from a fleet CSV', () => {
	const PEOPLE_FLEET = 'ditioExPeopleFleet06';
	const run = async () => {
		const result = await n8n.executeWorkflow(world().inst, world().env, PEOPLE_FLEET);
		expect({ status: result.run?.status, error: result.run?.data?.resultData?.error }).toEqual({ status: 'success', error: undefined });
		return result.run;
	};
	const machine = (machineNumber: string) =>
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		[...(world().sb.store.machines.values() as Iterable<Record<string, any>>)].find((m) => m.machineNumber === machineNumber);

	test('people first, then the fleet: only what differs is written, new machines active, fuel by name, and a second run writes nothing', async () => {
		const first = await run();
		const [summary] = n8n.nodeOutput(first, 'Summary') as Array<Record<string, unknown>>;
		expect(summary).toMatchObject({ employees: { created: 1, updated: 1, unchanged: 1 }, machines: { created: 2, updated: 1, unchanged: 1 } });
		expect(summary.changes).toEqual([
			'updated employee 1001 (workTitle)',
			'created employee 1004',
			'updated machine GM/12 Ø (responsibleEmployeeNumber, fuelConsumptionRate, fuelConsumptionUnit, fuelType)',
			'created machine DU 4',
			'created machine UT-5',
		]);

		// What landed in the sandbox.
		const store = world().sb.store;
		expect(store.employees.get('1001')).toMatchObject({ workTitle: 'Prosjektleder', firstName: 'Kari' });
		expect(store.employees.get('1004')).toMatchObject({ lastName: 'Berg', employment: { startDate: '2026-01-05', department: 'Maskin' } });
		expect(machine('GM/12 Ø')).toMatchObject({ responsibleEmployeeNumber: 'ØST/17', fuelType: 4, fuelConsumptionRate: 38, fuelConsumptionUnit: 2, name: 'Gravemaskin Volvo EC220', department: 'Maskin' });
		expect(machine('DU 4')).toMatchObject({ active: true, typeId: 'dumper', fuelType: 7, fuelConsumptionRate: 12.5, responsibleEmployeeNumber: '1004', registrationNumber: 'EK 98765' });
		expect(machine('UT-5')).toMatchObject({ active: true, isEquipment: true, fuelType: 0 });
		// 2 people writes; GM/12 Ø's PATCH and /esg; each new machine's POST and /esg.
		expect(apiWrites(world().sb)).toHaveLength(2 + 2 + 4);

		world().sb.clearRequests();
		const second = await run();
		const [again] = n8n.nodeOutput(second, 'Summary') as Array<Record<string, unknown>>;
		expect(again).toMatchObject({ employees: { created: 0, updated: 0, unchanged: 3 }, machines: { created: 0, updated: 0, unchanged: 4 }, changes: [] });
		expect(apiWrites(world().sb)).toEqual([]);
	});
});

describe('examples/ as files', () => {
	const examples = n8n.exampleWorkflows();

	test('there are the consultant workflows', () => {
		expect(examples.map((e) => e.workflow.id).sort()).toEqual([ERP, NEW_ORDERS, NIGHTLY, DRAWING, 'ditioExPeopleFleet06'].sort());
	});

	test.each(examples.map((e) => [e.file.replace(/.*\//, ''), e.workflow]))(
		'%s: importable anywhere, runnable from the CLI',
		(_file, workflow) => {
			expect(workflow.id.length).toBeLessThanOrEqual(21);
			expect(workflow.nodes.some((n: { type: string }) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
			const ditioNodes = workflow.nodes.filter((n: { type: string }) => n.type === n8n.NODE_TYPE);
			expect(ditioNodes.length).toBeGreaterThan(0);
			for (const node of ditioNodes) {
				expect(node.credentials).toEqual({ ditioOAuth2Api: { id: n8n.CREDENTIAL_ID, name: n8n.CREDENTIAL_NAME } });
			}
			const names = new Set(workflow.nodes.map((n: { name: string }) => n.name));
			for (const [from, { main }] of Object.entries<{ main: Array<Array<{ node: string }>> }>(workflow.connections)) {
				expect(names.has(from)).toBe(true);
				for (const target of main.flat()) expect(names.has(target.node)).toBe(true);
			}
		},
	);
});
