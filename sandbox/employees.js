// @ts-check
'use strict';
/**
 * The v5 employee endpoints: api/v5/integration/employees (docs/ditio-api.md, Employees v5).
 * The documented rules: a profile is created together with its first employment, PATCH is a
 * true PATCH (omitted = unchanged, explicit null = cleared), tags, employment history and
 * work-time arrangements only when `include` asks for them, and plain dates (yyyy-MM-dd).
 * Where Ditio's answer is unconfirmed (a duplicate number, a rehire of someone still employed),
 * the sandbox answers 409, the status Ditio gives a write that conflicts with what it holds.
 */
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */
/**
 * @typedef {{ startDate: string, endDate: string | null, department: string | null, payroll: number }} Employment
 * @typedef {{
 *   companyId: string, employeeNumber: string, firstName: string, lastName: string, phone: string,
 *   birthDate: string | null, email: string | null, workTitle: string | null,
 *   employment: Employment, employmentHistory: Employment[], tags: string[], workTimeArrangements: unknown[],
 * }} Employee
 */

/** Profile fields: type, and whether the profile cannot be without it. */
const PROFILE = {
	firstName: { type: 'string', required: true },
	lastName: { type: 'string', required: true },
	phone: { type: 'phone', required: true },
	birthDate: { type: 'date', required: false },
	email: { type: 'string', required: false },
	workTitle: { type: 'string', required: false },
};
const EMPLOYMENT = {
	startDate: { type: 'date', required: true },
	department: { type: 'string', required: false },
	payroll: { type: 'payroll', required: true },
};
const INCLUDES = { tags: 'tags', 'employment-history': 'employmentHistory', 'work-time-arrangements': 'workTimeArrangements' };

/** PascalCase, as Ditio's validation errors name fields (`Phone`). @param {string} name */
const pascal = (name) => name.replace(/(^|\.)(\w)/g, (_, dot, c) => dot + c.toUpperCase());

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** @param {unknown} v */
function isDate(v) {
	const m = typeof v === 'string' ? DATE.exec(v) : null;
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * Checks `body` against a table; `partial`: only what is sent (PATCH), where null clears an
 * optional field and is refused for a required one.
 * @param {Record<string, { type: string, required: boolean }>} table @param {Record<string, unknown>} body
 * @param {{ partial: boolean, prefix?: string }} mode
 * @returns {import('./errors').FieldError[]}
 */
function fieldErrors(table, body, { partial, prefix = '' }) {
	const errors = [];
	for (const [name, def] of Object.entries(table)) {
		const field = pascal(prefix + name);
		const value = body[name];
		const absent = value === undefined || value === null || value === '';
		if (absent) {
			if (def.required && (!partial || name in body))
				errors.push(E.fieldError(field, 'ValidationError', `The ${field} field is required.`));
			continue;
		}
		if (def.type === 'date' && !isDate(value))
			errors.push(E.fieldError(field, 'ValidationError', `The ${field} field must be a date yyyy-MM-dd.`));
		if (def.type === 'phone' && !(typeof value === 'string' && /^\+\d{8,15}$/.test(value)))
			errors.push(E.fieldError(field, 'ValidationError', `The ${field} field must be a phone number with country code, such as +4798765432.`));
		if (def.type === 'payroll' && ![0, 1, 2].includes(/** @type {number} */ (value)))
			errors.push(E.fieldError(field, 'ValidationError', `The ${field} field must be 0 (Disabled), 1 (Enabled) or 2 (Variable).`));
		if (def.type === 'string' && typeof value !== 'string')
			errors.push(E.fieldError(field, 'ValidationError', `The ${field} field must be a string.`));
	}
	for (const name of Object.keys(body))
		if (!(name in table)) errors.push(E.fieldError(pascal(prefix + name), 'UnknownField', `The field ${name} is not known.`));
	return errors;
}

/** @param {import('./errors').FieldError[]} errors @returns {Reply | undefined} */
const refuse = (errors) => (errors.length ? E.validationFailed(errors) : undefined);

/** The employees the client may see, by number. @param {Context} ctx */
function visible(ctx) {
	return [...ctx.store.employees.values()].filter((e) => ctx.companyIds.includes(e.companyId));
}

/** @param {Context} ctx @param {string} employeeNumber @returns {Employee | undefined} */
function find(ctx, employeeNumber) {
	const employee = ctx.store.employees.get(employeeNumber);
	return employee && ctx.companyIds.includes(employee.companyId) ? employee : undefined;
}

/** @param {string} employeeNumber */
const notFound = (employeeNumber) => E.notFound(`Employee ${employeeNumber} was not found`);

/** Without include, the list and the single read leave the opt-in parts out. @param {Employee} e @param {string[]} [include] */
function shown(e, include = []) {
	const { employmentHistory, tags, workTimeArrangements, ...profile } = e;
	const parts = { employmentHistory, tags, workTimeArrangements };
	const out = /** @type {Record<string, unknown>} */ ({ ...profile, employment: { ...e.employment } });
	for (const key of include) {
		const part = /** @type {keyof typeof parts} */ (INCLUDES[/** @type {keyof typeof INCLUDES} */ (key)]);
		out[part] = parts[part];
	}
	return out;
}

/** @param {Record<string, unknown>} body @param {string[]} names */
const pick = (body, names) => Object.fromEntries(names.filter((n) => n in body).map((n) => [n, body[n] === '' ? null : body[n]]));

/** POST /: the profile and its first employment together. @param {Context} ctx */
function create(ctx) {
	const { employeeNumber, employment, ...profile } = ctx.body;
	const errors = [];
	if (typeof employeeNumber !== 'string' || employeeNumber.trim() === '')
		errors.push(E.fieldError('EmployeeNumber', 'ValidationError', 'The EmployeeNumber field is required.'));
	errors.push(...fieldErrors(PROFILE, profile, { partial: false }));
	if (!employment || typeof employment !== 'object' || Array.isArray(employment))
		errors.push(E.fieldError('Employment', 'ValidationError', 'The Employment field is required: a profile is created with its first employment.'));
	else errors.push(...fieldErrors(EMPLOYMENT, /** @type {Record<string, unknown>} */ (employment), { partial: false, prefix: 'employment.' }));
	const refused = refuse(errors);
	if (refused) return refused;
	const number = /** @type {string} */ (employeeNumber);
	if (ctx.store.employees.has(number)) return E.conflict(`Ansattnummer ${number} er allerede i bruk`);
	const job = /** @type {Record<string, unknown>} */ (employment);
	/** @type {Employment} */
	const first = { startDate: String(job.startDate), endDate: null, department: /** @type {string} */ (job.department) ?? null, payroll: Number(job.payroll) };
	/** @type {Employee} */
	const record = {
		companyId: ctx.companyIds[0],
		employeeNumber: number,
		firstName: '',
		lastName: '',
		phone: '',
		birthDate: null,
		email: null,
		workTitle: null,
		.../** @type {object} */ (pick(profile, Object.keys(PROFILE))),
		employment: first,
		employmentHistory: [first],
		tags: [],
		workTimeArrangements: [],
	};
	ctx.store.employees.set(number, record);
	return E.created(shown(record));
}

/** @param {Context} ctx */
function list(ctx) {
	return E.ok(visible(ctx).map((e) => shown(e)));
}

/** @param {Context} ctx @param {string} employeeNumber */
function get(ctx, employeeNumber) {
	const employee = find(ctx, employeeNumber);
	if (!employee) return notFound(employeeNumber);
	const include = (ctx.query.get('include') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
	const unknown = include.find((i) => !(i in INCLUDES));
	if (unknown) return E.invalidArgument(`include: '${unknown}' is not one of ${Object.keys(INCLUDES).join(', ')}`);
	return E.ok(shown(employee, include));
}

/** GET /search?query=: name, phone, email or employee number. @param {Context} ctx */
function search(ctx) {
	const query = (ctx.query.get('query') ?? '').trim().toLowerCase();
	if (!query) return E.argumentIsNull('query');
	const hits = visible(ctx).filter((e) =>
		[`${e.firstName} ${e.lastName}`, e.phone, e.email, e.employeeNumber].some((v) => String(v ?? '').toLowerCase().includes(query)),
	);
	return E.ok(hits.map((e) => shown(e)));
}

/** PATCH /{n}: omitted = unchanged, null = cleared. @param {Context} ctx @param {string} employeeNumber */
function patch(ctx, employeeNumber) {
	const employee = find(ctx, employeeNumber);
	if (!employee) return notFound(employeeNumber);
	const refused = refuse(fieldErrors(PROFILE, ctx.body, { partial: true }));
	if (refused) return refused;
	Object.assign(employee, pick(ctx.body, Object.keys(PROFILE)));
	return E.ok(shown(employee));
}

/** PATCH /{n}/update-employment: the current employment. @param {Context} ctx @param {string} employeeNumber */
function updateEmployment(ctx, employeeNumber) {
	const employee = find(ctx, employeeNumber);
	if (!employee) return notFound(employeeNumber);
	const { startDate, ...rest } = EMPLOYMENT;
	const refused = refuse(fieldErrors(rest, ctx.body, { partial: true }));
	if (refused) return refused;
	Object.assign(employee.employment, pick(ctx.body, Object.keys(rest)));
	return E.ok(shown(employee));
}

/** PATCH /{n}/end-employment {endDate}. @param {Context} ctx @param {string} employeeNumber */
function endEmployment(ctx, employeeNumber) {
	const employee = find(ctx, employeeNumber);
	if (!employee) return notFound(employeeNumber);
	const refused = refuse(fieldErrors({ endDate: { type: 'date', required: true } }, ctx.body, { partial: false }));
	if (refused) return refused;
	const endDate = String(ctx.body.endDate);
	if (endDate < employee.employment.startDate)
		return E.validationFailed([E.fieldError('EndDate', 'ValidationError', `The EndDate must not be before the employment's start date ${employee.employment.startDate}.`)]);
	employee.employment.endDate = endDate;
	return E.ok(shown(employee));
}

/** POST /{n}/create-employment: a rehire, after the current employment has ended. @param {Context} ctx @param {string} employeeNumber */
function createEmployment(ctx, employeeNumber) {
	const employee = find(ctx, employeeNumber);
	if (!employee) return notFound(employeeNumber);
	const refused = refuse(fieldErrors(EMPLOYMENT, ctx.body, { partial: false }));
	if (refused) return refused;
	const { endDate } = employee.employment;
	if (endDate === null || endDate >= String(ctx.body.startDate))
		return E.conflict(`Ansatt ${employeeNumber} har et aktivt arbeidsforhold som overlapper ${ctx.body.startDate}`);
	/** @type {Employment} */
	const next = { startDate: String(ctx.body.startDate), endDate: null, department: /** @type {string} */ (ctx.body.department) ?? null, payroll: Number(ctx.body.payroll) };
	employee.employment = next;
	employee.employmentHistory.push(next);
	return E.created(shown(employee));
}

/** Routes after /core/api/v5/integration/, literal segments before parameters. */
const EMPLOYEE_ROUTES = /** @type {Array<[string, string, (ctx: Context, ...params: string[]) => Reply]>} */ ([
	['POST', 'employees', create],
	['GET', 'employees', list],
	['GET', 'employees/search', search],
	['GET', 'employees/{employeeNumber}', get],
	['PATCH', 'employees/{employeeNumber}', patch],
	['PATCH', 'employees/{employeeNumber}/update-employment', updateEmployment],
	['PATCH', 'employees/{employeeNumber}/end-employment', endEmployment],
	['POST', 'employees/{employeeNumber}/create-employment', createEmployment],
]);

/**
 * Adds an employee as a test or the demo needs one (no checks).
 * @param {import('./store').Store} store @param {string} companyId @param {Partial<Employee> & { employeeNumber: string }} fields
 */
function addEmployee(store, companyId, fields) {
	/** @type {Employment} */
	const employment = { startDate: '2020-01-01', endDate: null, department: null, payroll: 1, ...fields.employment };
	/** @type {Employee} */
	const record = {
		companyId, firstName: '', lastName: '', phone: '', birthDate: null, email: null, workTitle: null,
		employmentHistory: [employment], tags: [], workTimeArrangements: [],
		...fields, employment,
	};
	store.employees.set(record.employeeNumber, record);
	return record;
}

/**
 * The demo's people: payroll numbers as HR systems write them (one with `/` and Ø), one who has
 * left, and one of the other company (which the demo client must never see).
 * @param {import('./store').Store} store @param {string} companyId @param {string} otherCompanyId
 */
function loadDemoEmployees(store, companyId, otherCompanyId) {
	addEmployee(store, companyId, {
		employeeNumber: '1001', firstName: 'Kari', lastName: 'Nordmann', phone: '+4791234567', birthDate: '1985-04-12',
		email: 'kari.nordmann@example.no', workTitle: 'Anleggsleder', employment: { startDate: '2019-08-01', endDate: null, department: 'Anlegg', payroll: 1 },
		tags: ['Anlegg'],
	});
	addEmployee(store, companyId, {
		employeeNumber: 'ØST/17', firstName: 'Ola', lastName: 'Hansen', phone: '+4798765432', birthDate: '1990-05-15',
		email: null, workTitle: 'Maskinfører', employment: { startDate: '2021-03-01', endDate: null, department: 'Maskin', payroll: 1 },
	});
	addEmployee(store, companyId, {
		employeeNumber: '1003', firstName: 'Per', lastName: 'Ås', phone: '+4790011223', birthDate: '1978-11-30',
		email: 'per.as@example.no', workTitle: 'Tømrer', employment: { startDate: '2015-01-05', endDate: '2025-06-30', department: 'Bygg', payroll: 1 },
	});
	addEmployee(store, otherCompanyId, {
		employeeNumber: '9001', firstName: 'Annen', lastName: 'Ansatt', phone: '+4790000001', employment: { startDate: '2022-01-01', endDate: null, department: null, payroll: 1 },
	});
}

module.exports = { EMPLOYEE_ROUTES, addEmployee, loadDemoEmployees };
