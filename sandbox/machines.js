// @ts-check
'use strict';
/**
 * The machine endpoints: api/v4/integration/machines and the machine types under api/MachineType
 * (docs/ditio-api.md, Machines). The documented rules: `companyId` and `machineNumber` required on
 * create, `active` false unless sent, a machine's `typeId` one of the company's machine types
 * (`MachineService.machineTypeInvalid` otherwise; equipment is not checked), PUT and PATCH
 * preserve-on-omit (null counts as omitted, "" clears a text), fuel and consumption only through
 * PATCH /{id}/esg, and 404 for a machine that is missing or another company's.
 */
const { checkFields, requiredMissing } = require('./validate');
const { defaultOf } = require('./fields');
const { isId } = require('./ids');
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */
/** @typedef {Record<string, any> & { id: string, companyId: string, machineNumber: string }} Machine */

/** @type {import('./fields').FieldDef[]} */
const MACHINE_FIELDS = [
	{ name: 'companyId', type: 'string', required: true },
	{ name: 'machineNumber', type: 'string', required: true },
	{ name: 'name', type: 'string' },
	{ name: 'typeId', type: 'string' },
	{ name: 'isEquipment', type: 'bool' },
	{ name: 'active', type: 'bool' },
	{ name: 'department', type: 'string' },
	{ name: 'buildYear', type: 'int', min: 1900, max: 2100 },
	{ name: 'weight', type: 'double' },
	{ name: 'capacity', type: 'double' },
	{ name: 'costPrice', type: 'double' },
	{ name: 'costPriceMachine', type: 'double' },
	{ name: 'price', type: 'double' },
	{ name: 'note', type: 'string' },
	{ name: 'emissionClass', type: 'string' },
	{ name: 'hourMeter', type: 'double' },
	{ name: 'serviceDate', type: 'datetime' },
	{ name: 'serialNumber', type: 'string' },
	{ name: 'engineNumber', type: 'string' },
	{ name: 'registrationNumber', type: 'string' },
	{ name: 'responsibleId', type: 'string' },
	{ name: 'responsibleEmployeeNumber', type: 'string' },
	{ name: 'blockCheckIn', type: 'bool' },
	{ name: 'blockCheckInMessage', type: 'string' },
];
/** @type {import('./fields').FieldDef[]} */
const ESG_FIELDS = [
	{ name: 'fuelConsumptionRate', type: 'double', min: 0, max: 1e6 },
	{ name: 'fuelConsumptionUnit', type: 'int', min: 0, max: 5 },
	{ name: 'fuelType', type: 'int', min: 0, max: 7 },
];

/** @param {import('./fields').FieldDef[]} fields */
const tableOf = (fields) => ({
	fields,
	byName: new Map(fields.map((f) => [f.name, f])),
	defaults: Object.fromEntries(fields.map((f) => [f.name, defaultOf(f.type)])),
});
const MACHINE = tableOf(MACHINE_FIELDS);
const ESG = tableOf(ESG_FIELDS);

/** The company's machine types; new ones come only through Ditio support, so the list is fixed here. */
const MACHINE_TYPES = [
	{ id: 'beltemaskin', name: 'Beltemaskin' },
	{ id: 'hjullaster', name: 'Hjullaster' },
	{ id: 'dumper', name: 'Dumper' },
	{ id: 'lastebil', name: 'Lastebil' },
];

/** null counts as omitted (preserve-on-omit, on create too). @param {Record<string, unknown>} body */
const sent = (body) => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));

/** @param {Context} ctx @param {string} id @returns {Machine | undefined} */
function visible(ctx, id) {
	const machine = ctx.store.machines.get(id.toLowerCase());
	return machine && ctx.companyIds.includes(machine.companyId) ? machine : undefined;
}

/** @param {Context} ctx @param {string} companyId @param {string} machineNumber @returns {Machine | undefined} */
function byNumber(ctx, companyId, machineNumber) {
	for (const m of ctx.store.machines.values()) if (m.companyId === companyId && m.machineNumber === machineNumber) return m;
	return undefined;
}

/** @param {string} what */
const notFound = (what) => E.notFound(`Machine ${what} was not found`);

/** @param {string} machineNumber */
const numberTaken = (machineNumber) => E.conflict(`Maskinnummer ${machineNumber} er allerede i bruk`);

/** A machine's type must be one of the company's; equipment is not checked. @param {Machine} m @returns {Reply | undefined} */
function typeRefused(m) {
	if (m.isEquipment || MACHINE_TYPES.some((t) => t.id === m.typeId)) return undefined;
	return E.ditioError(400, 'MachineService.machineTypeInvalid', `Maskintypen '${m.typeId ?? ''}' finnes ikke. Gyldige typer: ${MACHINE_TYPES.map((t) => t.id).join(', ')}`);
}

/** "" clears a text. @param {Record<string, unknown>} values */
const cleared = (values) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? null : v]));

/** POST /: omitted fields take their defaults, `active` false among them. @param {Context} ctx */
function create(ctx) {
	const { errors, values } = checkFields(MACHINE, sent(ctx.body));
	if (errors.length) return E.validationFailed(errors);
	const missing = requiredMissing(MACHINE, values, false);
	if (missing) return E.argumentIsNull(missing);
	const companyId = String(values.companyId);
	if (!ctx.companyIds.includes(companyId)) return E.forbidden(`The API client has no access to company ${companyId}`);
	if (byNumber(ctx, companyId, String(values.machineNumber))) return numberTaken(String(values.machineNumber));
	/** @type {Machine} */
	const machine = /** @type {Machine} */ ({ id: newMachineId(ctx.store), ...MACHINE.defaults, ...ESG.defaults, ...cleared(values) });
	const refused = typeRefused(machine);
	if (refused) return refused;
	ctx.store.machines.set(machine.id, machine);
	return E.created(machine);
}

/** @param {import('./store').Store} store */
function newMachineId(store) {
	let id = store.newId();
	while (store.machines.has(id)) id = store.newId();
	return id;
}

/** PUT and PATCH: preserve-on-omit; the record stays in its company, whatever the body says. @param {Context} ctx @param {string} id */
function update(ctx, id) {
	const machine = visible(ctx, id);
	if (!machine) return notFound(id);
	const { companyId: _ignored, ...body } = sent(ctx.body);
	const { errors, values } = checkFields(MACHINE, body, { pathId: machine.id });
	if (errors.length) return E.validationFailed(errors);
	const missing = requiredMissing(MACHINE, values, true);
	if (missing) return E.argumentIsNull(missing);
	if ('machineNumber' in values) {
		const other = byNumber(ctx, machine.companyId, String(values.machineNumber));
		if (other && other !== machine) return numberTaken(String(values.machineNumber));
	}
	const next = { ...machine, ...cleared(values) };
	if ('typeId' in values || 'isEquipment' in values) {
		const refused = typeRefused(next);
		if (refused) return refused;
	}
	Object.assign(machine, next);
	return E.ok(machine);
}

/** PATCH /{id}/esg: fuel type, consumption rate and unit. @param {Context} ctx @param {string} id */
function esg(ctx, id) {
	const machine = visible(ctx, id);
	if (!machine) return notFound(id);
	const { errors, values } = checkFields(ESG, sent(ctx.body));
	if (errors.length) return E.validationFailed(errors);
	Object.assign(machine, values);
	return E.ok(machine);
}

/** @param {Context} ctx */
function list(ctx) {
	return E.ok([...ctx.store.machines.values()].filter((m) => ctx.companyIds.includes(m.companyId)));
}

/** @param {Context} ctx @param {string} id */
function get(ctx, id) {
	const machine = visible(ctx, id);
	return machine ? E.ok(machine) : notFound(id);
}

/**
 * By fleet number, in every company the client sees. Ditio's older reference shows the answer as
 * a one-item array; `store.machineNumberAnswer = 'object'` answers the machine itself instead.
 * @param {Context} ctx @param {string} machineNumber
 */
function getByNumber(ctx, machineNumber) {
	const found = ctx.companyIds.map((c) => byNumber(ctx, c, machineNumber)).filter((m) => m !== undefined);
	if (found.length === 0) return notFound(machineNumber);
	return E.ok(ctx.store.machineNumberAnswer === 'object' ? found[0] : found);
}

/** @param {Context} ctx @param {string} id */
function deletable(ctx, id) {
	return visible(ctx, id) ? E.ok(true) : notFound(id);
}

/** Exists, though Ditio advises deactivating instead. @param {Context} ctx @param {string} id */
function remove(ctx, id) {
	const machine = visible(ctx, id);
	if (!machine) return notFound(id);
	ctx.store.machines.delete(machine.id);
	return E.noContent();
}

/** @param {Context} _ctx */
const machineTypes = (_ctx) => E.ok(MACHINE_TYPES);

/** Routes after /core/api/, with their family's prefix; literal segments before parameters. */
const MACHINE_ROUTES = /** @type {Array<[string, string, (ctx: Context, ...params: string[]) => Reply]>} */ ([
	['GET', 'MachineType', machineTypes],
	['POST', 'v4/integration/machines', create],
	['GET', 'v4/integration/machines', list],
	['GET', 'v4/integration/machines/by-machine-number/{machineNumber}', getByNumber],
	['GET', 'v4/integration/machines/is-machine-deletable/{id}', deletable],
	['GET', 'v4/integration/machines/{id}', get],
	['PUT', 'v4/integration/machines/{id}', update],
	['PATCH', 'v4/integration/machines/{id}/esg', esg],
	['PATCH', 'v4/integration/machines/{id}', update],
	['DELETE', 'v4/integration/machines/{id}', remove],
]);

/**
 * Adds a machine as a test or the demo needs one (no checks but the id's).
 * @param {import('./store').Store} store @param {string} companyId @param {Record<string, unknown> & { machineNumber: string }} fields
 * @returns {Machine}
 */
function addMachine(store, companyId, fields) {
	const { id, ...rest } = fields;
	if (id !== undefined && (typeof id !== 'string' || !isId(id))) throw new Error(`addMachine: invalid id ${String(id)}`);
	const machine = /** @type {Machine} */ ({ id: typeof id === 'string' ? id.toLowerCase() : newMachineId(store), ...MACHINE.defaults, ...ESG.defaults, ...rest, companyId });
	store.machines.set(machine.id, machine);
	return machine;
}

/**
 * The demo fleet: fleet numbers as a machine register writes them (one with `/`, a space and Ø),
 * a machine taken out of use, a piece of equipment, and the other company's M-101.
 * @param {import('./store').Store} store @param {string} companyId @param {string} otherCompanyId
 */
function loadDemoMachines(store, companyId, otherCompanyId) {
	addMachine(store, companyId, {
		id: '68a1c0ffee0ddba11c0ffe01', machineNumber: 'M-101', name: 'Hjullaster CAT 950', typeId: 'hjullaster', active: true,
		department: 'Maskin', buildYear: 2019, registrationNumber: 'EL 12345', fuelType: 1, fuelConsumptionRate: 14.5, fuelConsumptionUnit: 0,
	});
	addMachine(store, companyId, {
		id: '68a1c0ffee0ddba11c0ffe02', machineNumber: 'GM/12 Ø', name: 'Gravemaskin Volvo EC220', typeId: 'beltemaskin', active: true, department: 'Maskin', buildYear: 2021,
	});
	addMachine(store, companyId, { id: '68a1c0ffee0ddba11c0ffe03', machineNumber: 'LB-7', name: 'Lastebil Scania R500', typeId: 'lastebil', active: false });
	addMachine(store, companyId, { id: '68a1c0ffee0ddba11c0ffe04', machineNumber: 'UT-3', name: 'Pusseskuffe 2 m', isEquipment: true, active: true });
	addMachine(store, otherCompanyId, { id: '68a1c0ffee0ddba11c0ffe05', machineNumber: 'M-101', name: 'Annet firmas hjullaster', typeId: 'hjullaster', active: true });
}

module.exports = { MACHINE_ROUTES, MACHINE_TYPES, addMachine, loadDemoMachines };
