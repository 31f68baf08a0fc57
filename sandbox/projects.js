// @ts-check
'use strict';
/** The project endpoints: api/v4/integration/projects (docs/ditio-api.md, Paths). */
const { PROJECT, makeRecord, replacementValues, patchValues } = require('./fields');
const { checkWrite, companyChange } = require('./writes');
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */
/** @typedef {import('./store').ProjectRecord} ProjectRecord */

/** A missing project and another company's project get the same answer. @param {string} what */
const projectNotFound = (what) => E.notFound(`Project ${what} was not found`);

/** @param {Context} ctx @param {string} id */
function visibleProject(ctx, id) {
	const project = ctx.store.getProject(id);
	return project && ctx.companyIds.includes(project.companyId) ? project : undefined;
}

/**
 * The project with this number in one of the client's companies (the first
 * company that has it, when a client sees several).
 * @param {Context} ctx @param {string} projectNumber
 */
function visibleProjectByNumber(ctx, projectNumber) {
	for (const companyId of ctx.companyIds) {
		const project = ctx.store.findProjectByNumber(companyId, projectNumber);
		if (project) return project;
	}
	return undefined;
}

/**
 * @param {Context} ctx @param {Record<string, unknown>} values @param {ProjectRecord} project
 * @returns {Reply | undefined}
 */
function numberConflict(ctx, values, project) {
	if (!('projectNumber' in values)) return undefined;
	const other = ctx.store.findProjectByNumber(project.companyId, String(values.projectNumber));
	if (other && other !== project)
		return E.conflict(`Prosjektnummer ${values.projectNumber} er allerede i bruk av et annet prosjekt`);
	return undefined;
}

/** POST: idempotent on projectNumber: an existing project comes back unchanged, with 200. @param {Context} ctx */
function create(ctx) {
	const checked = checkWrite(ctx, PROJECT, { partial: false });
	if ('reply' in checked) return checked.reply;
	const { values } = checked;
	const existing = ctx.store.findProjectByNumber(String(values.companyId), String(values.projectNumber));
	if (existing) return E.ok(existing);
	return E.created(ctx.store.insertProject(/** @type {ProjectRecord} */ (makeRecord(PROJECT, ctx.store.newId(), values))));
}

/** @param {Context} ctx */
function list(ctx) {
	return E.ok([...ctx.store.projects.values()].filter((p) => ctx.companyIds.includes(p.companyId)));
}

/** @param {Context} ctx @param {string} id */
function get(ctx, id) {
	const project = visibleProject(ctx, id);
	return project ? E.ok(project) : projectNotFound(id);
}

/** @param {Context} ctx @param {string} projectNumber */
function getByNumber(ctx, projectNumber) {
	const project = visibleProjectByNumber(ctx, projectNumber);
	return project ? E.ok(project) : projectNotFound(projectNumber);
}

/**
 * PUT (partial false) and PATCH (partial true).
 * @param {Context} ctx @param {string} id @param {boolean} partial
 */
function update(ctx, id, partial) {
	const project = visibleProject(ctx, id);
	if (!project) return projectNotFound(id);
	const checked = checkWrite(ctx, PROJECT, { pathId: project.id, partial });
	if ('reply' in checked) return checked.reply;
	const { values } = checked;
	const refused = companyChange(values, project) ?? numberConflict(ctx, values, project);
	if (refused) return refused;
	ctx.store.updateProject(project, partial ? patchValues(PROJECT, values) : replacementValues(PROJECT, values));
	return E.ok(project);
}

/** @param {Context} ctx @param {string} id */
function remove(ctx, id) {
	const project = visibleProject(ctx, id);
	if (!project) return projectNotFound(id);
	if (ctx.store.tasksByProject.get(project.id)?.size)
		return E.ditioError(400, 'ProjectHasTasks',
			'Prosjektet har arbeidsordrer og kan ikke slettes. Sett prosjektet inaktivt (active: false) i stedet.');
	ctx.store.deleteProject(project);
	return E.noContent();
}

module.exports = {
	create,
	list,
	get,
	getByNumber,
	/** @param {Context} ctx @param {string} id */ replace: (ctx, id) => update(ctx, id, false),
	/** @param {Context} ctx @param {string} id */ patch: (ctx, id) => update(ctx, id, true),
	remove,
	// shared with tasks.js
	visibleProject,
	visibleProjectByNumber,
	projectNotFound,
};
