/**
 * Ditio Trigger on Time Registration: the time-registrations dataset's change feed (Data
 * Extraction API), against the sandbox's generated month of registrations, across polls and
 * across restarts as n8n 2.41 has them (static data saved after the first poll of an activation
 * and after a poll that starts the workflow; a restart goes on from what was saved last).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useDitio } from './support/ditio';
import type { Poller } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FEED_CLIENT } = require('../../sandbox/server');

const ditio = useDitio('demo');
type Out = Awaited<ReturnType<Poller['poll']>>;
const events = (out: Out) => (out ? out[0].map((i) => i.json) : []);
const iso = (ms = Date.now()) => new Date(ms).toISOString();

interface Logged {
	api: boolean;
	reporting?: boolean;
	token: boolean;
	path: string;
	segments: string[];
}
const log = () => ditio.sandbox.requests as Logged[];
const sent = () => log().filter((r) => r.api || r.reporting);

let feedCredential: string;
beforeAll(() => {
	feedCredential = ditio.credential({ clientId: FEED_CLIENT.clientId, clientSecret: FEED_CLIENT.clientSecret, reportingApi: true, reportingBaseUrl: ditio.sandbox.reportingBaseUrl });
});
beforeEach(() => {
	ditio.sandbox.reset('demo');
	ditio.sandbox.registrations.defaultChunk = 2500;
});

const ALL = ['created', 'changed', 'approved', 'removed'];
const params = (events: string[] = ALL, options: INodeParameters = {}): INodeParameters => ({ resource: 'timeRegistration', events, options });

/** A trigger as an activated workflow in n8n has it: `saved` is what the database holds. */
function activated(parameters: INodeParameters, credentialsId = feedCredential) {
	let saved = '{}';
	let current: Poller;
	let polls = 0;
	const start = () => {
		current = ditio.engine.poller({ nodeName: 'ditioTrigger', parameters, credentialsId });
		Object.assign(current.staticData(), JSON.parse(saved));
		polls = 0;
	};
	start();
	return {
		async poll() {
			const out = await current.poll();
			if (out !== null || ++polls === 1) saved = JSON.stringify(current.staticData());
			return events(out);
		},
		restart: start,
		staticData: () => current.staticData(),
	};
}

interface Registrations {
	add(dataset: string, fields?: IDataObject, now?: number): IDataObject & { id: string };
	update(dataset: string, id: string, fields: IDataObject): IDataObject;
	remove(dataset: string, id: string): void;
	live(dataset: string): Array<IDataObject & { id: string }>;
}
/** The sandbox's registrations; it starts in beforeAll. */
const registrations = new Proxy({} as Registrations, { get: (_, name: string) => (...args: unknown[]) => ditio.sandbox.registrations[name](...args) });
/** A registration of the seed nobody has approved yet (the last three days' are not). */
const unapproved = () => registrations.live('time').find((r) => r.approved === false)!;
const approve = (id: string) => registrations.update('time', id, { approved: true, approvedDateTime: iso(), approvedByName: 'Bas Bjørnsen' });
const settle = (id: string) => registrations.update('time', id, { payrollApproved: true, payrollApprovedDateTime: iso() });
const edit = (id: string, description: string) => registrations.update('time', id, { description });
const pairs = (fired: IDataObject[]) => fired.map((e) => [e.event, e.id]);

describe('Ditio Trigger, Time Registration', () => {
	test('without the Data Extraction option: fails before any request, naming the option', async () => {
		const plain = ditio.credential();
		ditio.sandbox.clearRequests();
		const trigger = ditio.engine.poller({ nodeName: 'ditioTrigger', parameters: params(), credentialsId: plain });
		const error = await trigger.poll().then(
			() => undefined,
			(e: { message: string; description?: string }) => e,
		);
		expect(error?.message).toBe('Triggering on time registrations needs the Data Extraction API');
		expect(error?.description).toMatch(/Use Data Extraction API \(Change Feed\).*reportingapiv1.*Nothing was sent/s);
		expect(log()).toEqual([]);
	});

	test('the first poll is quiet; an idle poll is one feed page and no other read, whatever the month holds', async () => {
		const trigger = activated(params());
		expect(await trigger.poll()).toEqual([]);
		ditio.sandbox.clearRequests();
		expect(await trigger.poll()).toEqual([]);
		expect(sent().map((r) => r.segments.slice(-2).join('/'))).toEqual(['v1/time-registrations']);
		expect(new URL(sent()[0].path, 'http://x').searchParams.get('ModifiedSince')).toEqual(expect.any(String));
		// The memory is the watermark and the edge, no registration's fields.
		expect(Object.keys(trigger.staticData()).sort()).toEqual(['edge', 'since', 'watching']);
	});

	test('created, changed, approved and removed fire once each, though the overlap shows them again', async () => {
		const trigger = activated(params());
		await trigger.poll();

		const made = registrations.add('time', { qty: 7.5 });
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ resource: 'timeRegistration', event: 'created', id: made.id, record: expect.objectContaining({ qty: 7.5, approved: false }) }),
		]);
		expect(await trigger.poll()).toEqual([]);

		edit(made.id, 'Rettet');
		expect(pairs(await trigger.poll())).toEqual([['changed', made.id]]);
		expect(await trigger.poll()).toEqual([]);

		approve(made.id);
		const fired = await trigger.poll();
		expect(pairs(fired)).toEqual([
			['changed', made.id],
			['approved', made.id],
		]);
		expect(fired[1].record).toEqual(expect.objectContaining({ approved: true, approvedByName: 'Bas Bjørnsen', description: 'Rettet' }));
		expect(await trigger.poll()).toEqual([]);

		registrations.remove('time', made.id);
		const removed = await trigger.poll();
		expect(removed).toEqual([{ resource: 'timeRegistration', event: 'removed', id: made.id, record: { id: made.id, isDeleted: true, deletedDateTime: expect.any(String), modifiedDateTime: expect.any(String) } }]);
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('only the chosen events fire', async () => {
		const trigger = activated(params(['approved']));
		await trigger.poll();
		const made = registrations.add('time');
		edit(unapproved().id, 'Rettet');
		expect(await trigger.poll()).toEqual([]);
		approve(made.id);
		expect(pairs(await trigger.poll())).toEqual([['approved', made.id]]);
	});

	test('every page is followed, ModifiedSince on each, the token passed back as given', async () => {
		ditio.sandbox.registrations.defaultChunk = 2;
		const trigger = activated(params(['created']));
		await trigger.poll();
		// Each at a time of its own: Ditio never splits one modified time over two pages.
		const made = [1, 2, 3, 4, 5].map((n) => registrations.add('time', { qty: n }, Date.now() - 100 + n).id);
		ditio.sandbox.clearRequests();
		const fired = await trigger.poll();
		expect(pairs(fired).sort()).toEqual(made.map((id) => ['created', id]).sort());
		const pages = sent();
		expect(pages.length).toBeGreaterThanOrEqual(3);
		const queries = pages.map((r) => new URL(r.path, 'http://x').searchParams);
		expect(new Set(queries.map((q) => q.get('ModifiedSince'))).size).toBe(1);
		expect(queries[0].get('ModifiedSince')).not.toBeNull();
		expect(queries[0].get('ContinuationToken')).toBeNull();
		expect(queries.slice(1).every((q) => q.get('ContinuationToken'))).toBe(true);
		expect(await trigger.poll()).toEqual([]);
	});

	test('tombstones: a seed registration deleted fires removed once, over overlapping polls and restarts', async () => {
		const trigger = activated(params());
		await trigger.poll();
		const gone = registrations.live('time')[0];
		registrations.remove('time', gone.id);
		expect(await trigger.poll()).toEqual([expect.objectContaining({ event: 'removed', id: gone.id, record: expect.objectContaining({ isDeleted: true }) })]);
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('approved fires once per registration, also when edits follow and across restarts', async () => {
		const trigger = activated(params(['approved']));
		await trigger.poll();
		const reg = unapproved();
		approve(reg.id);
		expect(pairs(await trigger.poll())).toEqual([['approved', reg.id]]);
		edit(reg.id, 'Rettet etter godkjenning');
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		edit(reg.id, 'Rettet igjen mens n8n var nede');
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('approved while n8n was down: reported once after the restart', async () => {
		const trigger = activated(params(['approved']));
		await trigger.poll();
		const reg = unapproved();
		edit(reg.id, 'Sett av en stille poll');
		expect(await trigger.poll()).toEqual([]); // quiet: not saved
		trigger.restart();
		approve(reg.id);
		expect(pairs(await trigger.poll())).toEqual([['approved', reg.id]]);
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('Approval Level Payroll Approved: the foreman\'s approval does not fire, payroll approval fires once, locking after it does not', async () => {
		const trigger = activated(params(['approved'], { approvalLevel: 'payrollApproved' }));
		await trigger.poll();
		const reg = unapproved();
		approve(reg.id);
		expect(await trigger.poll()).toEqual([]);
		settle(reg.id);
		const fired = await trigger.poll();
		expect(pairs(fired)).toEqual([['approved', reg.id]]);
		expect(fired[0].record).toEqual(expect.objectContaining({ payrollApproved: true }));
		registrations.update('time', reg.id, { locked: true, lockedDateTime: iso() });
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('a failed poll moves nothing: the next good poll reports what happened', async () => {
		const trigger = activated(params(['approved']));
		await trigger.poll();
		const reg = unapproved();
		approve(reg.id);
		ditio.sandbox.injectFaults([{ status: 500, count: 10, pathIncludes: 'time-registrations' }]);
		await expect(trigger.poll()).rejects.toThrow(/Ditio answered 500/);
		ditio.sandbox.clearFaults();
		expect(pairs(await trigger.poll())).toEqual([['approved', reg.id]]);
	});

	test('the memory stays small: every registration of the month changed at once leaves only the edge, a few bytes each', async () => {
		const trigger = activated(params());
		await trigger.poll();
		const seed = registrations.live('time');
		expect(seed.length).toBeGreaterThan(100);
		for (const reg of seed) edit(reg.id, 'Masseretting');
		expect(await trigger.poll()).toHaveLength(seed.length);
		const bytes = JSON.stringify(trigger.staticData()).length;
		// 24-character ids and their times as JSON would take over 50 bytes each.
		expect(bytes).toBeLessThan(200 + seed.length * 22);
		expect(JSON.stringify(trigger.staticData())).not.toContain('Masseretting');
	});
});
