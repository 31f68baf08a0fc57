// @ts-check
'use strict';
/** The work-order endpoints: api/v4/integration/tasks (docs/ditio-api.md, Paths). */
const { TASK, makeRecord, replacementValues, patchValues } = require('./fields');
const { checkWrite, companyChange } = require('./writes');
const { visibleProject, visibleProjectByNumber, projectNotFound } = require('./projects');
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */
/** @typedef {import('./store').TaskRecord} TaskRecord @typedef {import('./store').ProjectRecord} ProjectRecord */

/** A missing task and another company's task get the same answer. @param {string} what */
const taskNotFound = (what) => E.notFound(`Task ${what} was not found`);

/** @param {Context} ctx @param {string} id */
function visibleTask(ctx, id) {
	const task = ctx.store.getTask(id);
	return task && ctx.companyIds.includes(task.companyId) ? task : undefined;
}

/** @param {Context} ctx @param {(t: TaskRecord) => boolean} [keep] @returns {TaskRecord[]} */
function visibleTasks(ctx, keep = () => true) {
	const out = [];
	for (const t of ctx.store.tasks.values()) if (ctx.companyIds.includes(t.companyId) && keep(t)) out.push(t);
	return out;
}

/** @param {Context} ctx @param {string} externalProjectNumber @returns {ProjectRecord[]} */
function projectsByExternalNumber(ctx, externalProjectNumber) {
	return [...ctx.store.projects.values()].filter(
		(p) => ctx.companyIds.includes(p.companyId) && p.externalProjectNumber === externalProjectNumber,
	);
}

/** @param {string} n */
const externalNotFound = (n) => E.notFound(`No project with external project number ${n} was found`);

/**
 * externalId is unique within a project.
 * @param {Context} ctx @param {string} projectId @param {Record<string, unknown>} values @param {TaskRecord} [self]
 * @returns {Reply | undefined}
 */
function externalIdConflict(ctx, projectId, values, self) {
	if (!('externalId' in values)) return undefined;
	const other = ctx.store.findTaskByExternalId(projectId, String(values.externalId));
	if (other && other !== self)
		return E.conflict(`Arbeidsordre med ekstern id ${values.externalId} finnes allerede i prosjektet`);
	return undefined;
}

/**
 * parentActivityId: a task of the same project, and never the task itself or one of its descendants.
 * @param {Context} ctx @param {string} projectId @param {Record<string, unknown>} values @param {TaskRecord} [self]
 * @returns {Reply | undefined}
 */
function parentProblem(ctx, projectId, values, self) {
	const parentId = values.parentActivityId;
	if (typeof parentId !== 'string') return undefined;
	const parent = ctx.store.getTask(parentId);
	if (!parent || parent.projectId !== projectId)
		return E.invalidParent(`Parent work order ${parentId} was not found in project ${projectId}`);
	const seen = new Set();
	for (let t = /** @type {TaskRecord | undefined} */ (parent); t && !seen.has(t.id); t = t.parentActivityId ? ctx.store.getTask(t.parentActivityId) : undefined) {
		if (self && t.id === self.id) return E.invalidParent(`Work order ${self.id} cannot be its own parent or ancestor`);
		seen.add(t.id);
	}
	return undefined;
}

/**
 * The template's settings for every inheritable field the body left out (or sent as null).
 * @param {Context} ctx @param {string} projectId @param {Record<string, unknown>} values
 */
function fromTemplate(ctx, projectId, values) {
	/** @type {Record<string, unknown>} */
	const inherited = {};
	const template = ctx.store.templateOf(projectId);
	if (!template) return inherited;
	for (const f of TASK.fields) if (f.inherit && (values[f.name] ?? null) === null) inherited[f.name] = template[f.name];
	return inherited;
}

/** @param {Context} ctx */
function create(ctx) {
	const checked = checkWrite(ctx, TASK, { partial: false });
	if ('reply' in checked) return checked.reply;
	const { values } = checked;
	const project = ctx.store.getProject(String(values.projectId));
	if (!project || project.companyId !== values.companyId) return projectNotFound(String(values.projectId));
	const refused = externalIdConflict(ctx, project.id, values) ?? parentProblem(ctx, project.id, values);
	if (refused) return refused;
	const record = makeRecord(TASK, ctx.store.newId(), {
		...values,
		...fromTemplate(ctx, project.id, values),
		projectId: project.id,
		taskNumber: values.externalId,
		isTemplate: false,
	});
	return E.created(ctx.store.insertTask(/** @type {TaskRecord} */ (record)));
}

/** @param {Context} ctx @param {string} id */
function get(ctx, id) {
	const task = visibleTask(ctx, id);
	return task ? E.ok(task) : taskNotFound(id);
}

/**
 * PUT (partial false: the template is not consulted, omitted fields reset) and PATCH (partial true).
 * @param {Context} ctx @param {string} id @param {boolean} partial
 */
function update(ctx, id, partial) {
	const task = visibleTask(ctx, id);
	if (!task) return taskNotFound(id);
	const checked = checkWrite(ctx, TASK, { pathId: task.id, partial });
	if ('reply' in checked) return checked.reply;
	const { values } = checked;
	if ('projectId' in values && values.projectId !== task.projectId)
		return E.invalidArgument(`A work order cannot be moved to another project: task ${task.id} belongs to project ${task.projectId}`);
	const refused = companyChange(values, task) ?? externalIdConflict(ctx, task.projectId, values, task) ?? parentProblem(ctx, task.projectId, values, task);
	if (refused) return refused;
	const changes = partial ? patchValues(TASK, values) : replacementValues(TASK, values);
	if ('externalId' in changes) changes.taskNumber = changes.externalId;
	ctx.store.updateTask(task, changes);
	return E.ok(task);
}

/** @param {Context} ctx @param {string} id */
function remove(ctx, id) {
	const task = visibleTask(ctx, id);
	if (!task) return taskNotFound(id);
	if (ctx.store.hasChildren(task))
		return E.ditioError(400, 'TaskHasChildren',
			'Arbeidsordren har underordnede arbeidsordrer og kan ikke slettes. Sett active: false i stedet.');
	if (ctx.store.registrationCount(task.id) > 0)
		return E.ditioError(400, 'TaskHasRegistrations',
			'Arbeidsordren har timeregistreringer og kan ikke slettes. Sett active: false i stedet.');
	ctx.store.deleteTask(task);
	return E.noContent();
}

/** @param {Context} ctx @param {string} projectId */
function listByProjectId(ctx, projectId) {
	const project = visibleProject(ctx, projectId);
	return project ? E.ok(ctx.store.tasksOfProject(project.id)) : projectNotFound(projectId);
}

/** @param {Context} ctx @param {string} projectNumber */
function listByProjectNumber(ctx, projectNumber) {
	const project = visibleProjectByNumber(ctx, projectNumber);
	return project ? E.ok(ctx.store.tasksOfProject(project.id)) : projectNotFound(projectNumber);
}

/** @param {Context} ctx @param {string} projectNumber @param {string} taskNumber */
function getByTaskNumber(ctx, projectNumber, taskNumber) {
	const project = visibleProjectByNumber(ctx, projectNumber);
	if (!project) return projectNotFound(projectNumber);
	const task = ctx.store.tasksOfProject(project.id).find((t) => t.taskNumber === taskNumber);
	return task ? E.ok(task) : E.notFound(`Task with task number ${taskNumber} was not found in project ${projectNumber}`);
}

/** @param {Context} ctx @param {string} projectNumber @param {string} taskNumber */
function listByTaskNumber(ctx, projectNumber, taskNumber) {
	const project = visibleProjectByNumber(ctx, projectNumber);
	if (!project) return projectNotFound(projectNumber);
	return E.ok(ctx.store.tasksOfProject(project.id).filter((t) => t.taskNumber === taskNumber));
}

/** @param {Context} ctx @param {string} externalProjectNumber */
function listByExternalProjectNumber(ctx, externalProjectNumber) {
	const projects = projectsByExternalNumber(ctx, externalProjectNumber);
	if (!projects.length) return externalNotFound(externalProjectNumber);
	return E.ok(projects.flatMap((p) => ctx.store.tasksOfProject(p.id)));
}

/** @param {Context} ctx @param {string} externalProjectNumber @param {string} externalId */
function getByExternalId(ctx, externalProjectNumber, externalId) {
	const projects = projectsByExternalNumber(ctx, externalProjectNumber);
	if (!projects.length) return externalNotFound(externalProjectNumber);
	for (const p of projects) {
		const task = ctx.store.findTaskByExternalId(p.id, externalId);
		if (task) return E.ok(task);
	}
	return E.notFound(`Task with external id ${externalId} was not found in projects with external project number ${externalProjectNumber}`);
}

/** @param {Context} ctx @param {string} code */
function listByProductionCode(ctx, code) {
	return E.ok(visibleTasks(ctx, (t) => t.externalDim01 === code));
}

module.exports = {
	create,
	get,
	/** @param {Context} ctx @param {string} id */ replace: (ctx, id) => update(ctx, id, false),
	/** @param {Context} ctx @param {string} id */ patch: (ctx, id) => update(ctx, id, true),
	remove,
	listByProjectId,
	listByProjectNumber,
	getByTaskNumber,
	listByTaskNumber,
	listByExternalProjectNumber,
	getByExternalId,
	listByProductionCode,
};
