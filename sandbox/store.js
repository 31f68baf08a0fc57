// @ts-check
'use strict';
/**
 * The in-memory data: projects and tasks in Maps (insertion order = creation
 * order), with the indexes the endpoints look up by. Write only through the
 * methods below, so the indexes stay right; after changing a record's
 * companyId, projectNumber, projectId or externalId by hand, call reindex().
 */
const { PROJECT, TASK, makeRecord } = require('./fields');
const { checkFields, requiredMissing } = require('./validate');
const { newId, isId } = require('./ids');

/** @typedef {Record<string, any> & { id: string, companyId: string, projectNumber: string }} ProjectRecord */
/** @typedef {Record<string, any> & { id: string, companyId: string, projectId: string, externalId: string, taskNumber: string | null, parentActivityId: string | null, isTemplate: boolean }} TaskRecord */

const key = (/** @type {string} */ a, /** @type {unknown} */ b) => `${a}\u0000${b}`;

class Store {
	constructor() {
		/** @type {Map<string, ProjectRecord>} id → project */
		this.projects = new Map();
		/** @type {Map<string, TaskRecord>} id → task */
		this.tasks = new Map();
		/** @type {Map<string, number>} task id → number of time registrations */
		this.registrations = new Map();
		/** @type {Map<string, ProjectRecord>} companyId+projectNumber → project */
		this.projectByNumber = new Map();
		/** @type {Map<string, Map<string, TaskRecord>>} projectId → its tasks in creation order */
		this.tasksByProject = new Map();
		/** @type {Map<string, TaskRecord>} projectId+externalId → task */
		this.taskByExternalId = new Map();
		/** @type {Map<string, import('./documents').Folder>} projectId → its document folder (documents.js) */
		this.documents = new Map();
		/** @type {Map<string, import('./employees').Employee>} employee number → v5 employee (employees.js) */
		this.employees = new Map();
		/** @type {Map<string, import('./certificates').Certificate>} companyId+employeeNumber+certificateType → certificate (certificates.js) */
		this.certificates = new Map();
		/** @type {Map<string, import('./absences').Absence>} companyId+externalId → pushed absence (absences.js) */
		this.absences = new Map();
		/** @type {import('./absences').AbsenceType[]} the companies' absence types */
		this.absenceTypes = [];
		/** @type {Map<string, import('./machines').Machine>} id → machine (machines.js) */
		this.machines = new Map();
		/** How GET machines/by-machine-number answers (machines.js): a one-item array, or the machine. @type {'array' | 'object'} */
		this.machineNumberAnswer = 'array';
		/**
		 * Ids written through the methods below since the change feed last looked (feed.js
		 * scanWritten): so a write costs the feed one record, not a pass over the whole store.
		 * @type {{ project: Set<string>, task: Set<string> }}
		 */
		this.written = { project: new Set(), task: new Set() };
	}

	clear() {
		for (const map of [this.projects, this.tasks, this.registrations, this.projectByNumber, this.tasksByProject, this.taskByExternalId, this.documents, this.employees, this.certificates, this.absences]) map.clear();
		this.absenceTypes.length = 0;
		this.written.project.clear();
		this.written.task.clear();
		this.machines.clear();
		this.machineNumberAnswer = 'array';
	}

	/** Rebuilds every index from the two Maps. */
	reindex() {
		this.projectByNumber.clear();
		this.tasksByProject.clear();
		this.taskByExternalId.clear();
		for (const p of this.projects.values()) this.#indexProject(p);
		for (const t of this.tasks.values()) this.#indexTask(t);
	}

	/** @returns {string} an id no record has */
	newId() {
		let id = newId();
		while (this.projects.has(id) || this.tasks.has(id)) id = newId();
		return id;
	}

	// ---- look-ups ----

	/** @param {string} id */
	getProject(id) {
		return this.projects.get(id.toLowerCase());
	}

	/** @param {string} id */
	getTask(id) {
		return this.tasks.get(id.toLowerCase());
	}

	/** @param {string} companyId @param {string} projectNumber */
	findProjectByNumber(companyId, projectNumber) {
		return this.projectByNumber.get(key(companyId, projectNumber));
	}

	/** @param {string} projectId @returns {TaskRecord[]} */
	tasksOfProject(projectId) {
		return [...(this.tasksByProject.get(projectId)?.values() ?? [])];
	}

	/** @param {string} projectId @param {string} externalId */
	findTaskByExternalId(projectId, externalId) {
		return this.taskByExternalId.get(key(projectId, externalId));
	}

	/** @param {string} projectId @returns {TaskRecord | undefined} the project's template work order */
	templateOf(projectId) {
		for (const t of this.tasksByProject.get(projectId)?.values() ?? []) if (t.isTemplate) return t;
		return undefined;
	}

	/** @param {TaskRecord} task @returns {boolean} */
	hasChildren(task) {
		for (const t of this.tasksByProject.get(task.projectId)?.values() ?? []) if (t.parentActivityId === task.id) return true;
		return false;
	}

	/** @param {string} taskId */
	registrationCount(taskId) {
		return this.registrations.get(taskId) ?? 0;
	}

	// ---- writes (the endpoints check the rules before calling these) ----

	/** @param {ProjectRecord} project */
	insertProject(project) {
		this.written.project.add(project.id);
		this.projects.set(project.id, project);
		this.#indexProject(project);
		return project;
	}

	/** @param {ProjectRecord} project @param {Record<string, unknown>} changes applied in place */
	updateProject(project, changes) {
		this.written.project.add(project.id);
		this.projectByNumber.delete(key(project.companyId, project.projectNumber));
		Object.assign(project, changes);
		this.#indexProject(project);
		return project;
	}

	/** @param {ProjectRecord} project */
	deleteProject(project) {
		this.written.project.add(project.id);
		this.projects.delete(project.id);
		this.projectByNumber.delete(key(project.companyId, project.projectNumber));
		this.tasksByProject.delete(project.id);
	}

	/** @param {TaskRecord} task */
	insertTask(task) {
		this.written.task.add(task.id);
		this.tasks.set(task.id, task);
		this.#indexTask(task);
		return task;
	}

	/** @param {TaskRecord} task @param {Record<string, unknown>} changes applied in place */
	updateTask(task, changes) {
		this.written.task.add(task.id);
		this.taskByExternalId.delete(key(task.projectId, task.externalId));
		Object.assign(task, changes);
		this.#indexTask(task);
		return task;
	}

	/** @param {TaskRecord} task */
	deleteTask(task) {
		this.written.task.add(task.id);
		this.tasks.delete(task.id);
		this.registrations.delete(task.id);
		this.tasksByProject.get(task.projectId)?.delete(task.id);
		this.taskByExternalId.delete(key(task.projectId, task.externalId));
	}

	/** @param {ProjectRecord} p */
	#indexProject(p) {
		this.projectByNumber.set(key(p.companyId, p.projectNumber), p);
	}

	/** @param {TaskRecord} t */
	#indexTask(t) {
		let ofProject = this.tasksByProject.get(t.projectId);
		if (!ofProject) this.tasksByProject.set(t.projectId, (ofProject = new Map()));
		ofProject.set(t.id, t);
		this.taskByExternalId.set(key(t.projectId, t.externalId), t);
	}

	// ---- test setup: bypasses HTTP, may set backoffice-only fields, throws on mistakes ----

	/**
	 * @param {string} companyId
	 * @param {Record<string, unknown>} fields any project fields; `id` to choose the id
	 * @returns {ProjectRecord}
	 */
	addProject(companyId, fields) {
		const { id, values } = this.#checked(PROJECT, { ...fields, companyId });
		if (this.findProjectByNumber(companyId, String(values.projectNumber)))
			throw new Error(`addProject: company ${companyId} already has project number ${values.projectNumber}`);
		return this.insertProject(/** @type {ProjectRecord} */ (makeRecord(PROJECT, id, values)));
	}

	/**
	 * @param {string} companyId
	 * @param {Record<string, unknown>} fields any task fields (projectId and externalId required), also
	 *   isTemplate, taskNumber (defaults to externalId) and the template settings; `id` to choose the id.
	 *   No template is applied.
	 * @returns {TaskRecord}
	 */
	addTask(companyId, fields) {
		const { id, values } = this.#checked(TASK, { ...fields, companyId });
		const project = this.getProject(String(values.projectId));
		if (!project || project.companyId !== companyId) throw new Error(`addTask: company ${companyId} has no project ${values.projectId}`);
		if (this.findTaskByExternalId(project.id, String(values.externalId)))
			throw new Error(`addTask: project ${project.projectNumber} already has a task with externalId ${values.externalId}`);
		const parentId = values.parentActivityId;
		if (typeof parentId === 'string' && this.getTask(parentId)?.projectId !== project.id)
			throw new Error(`addTask: parent ${parentId} is not a task of project ${project.projectNumber}`);
		const task = /** @type {TaskRecord} */ (makeRecord(TASK, id, { taskNumber: values.externalId, ...values }));
		this.insertTask(task);
		if (task.isTemplate) this.setTemplate(task.id);
		return task;
	}

	/** Makes the task its project's one template work order. @param {string} taskId */
	setTemplate(taskId) {
		const task = this.getTask(taskId);
		if (!task) throw new Error(`setTemplate: no task ${taskId}`);
		for (const t of this.tasksByProject.get(task.projectId)?.values() ?? []) t.isTemplate = t === task;
		return task;
	}

	/** Time registrations make a task undeletable. @param {string} taskId @param {number} count */
	addRegistrations(taskId, count) {
		const task = this.getTask(taskId);
		if (!task) throw new Error(`addRegistrations: no task ${taskId}`);
		this.registrations.set(task.id, this.registrationCount(task.id) + count);
		return this.registrationCount(task.id);
	}

	/**
	 * Fast bulk seeding: `count` active tasks with externalId `${prefix}${n}`,
	 * n = 1..count (default prefix 'WO-'), name `Arbeidsordre ${n}`.
	 * @param {string} companyId @param {string} projectId @param {number} count
	 * @param {{ prefix?: string, fields?: Record<string, unknown> }} [options] fields: the same extra values on every task (not checked)
	 * @returns {TaskRecord[]}
	 */
	seedTasks(companyId, projectId, count, options = {}) {
		const project = this.getProject(projectId);
		if (!project || project.companyId !== companyId) throw new Error(`seedTasks: company ${companyId} has no project ${projectId}`);
		const prefix = options.prefix ?? 'WO-';
		/** @type {Record<string, unknown>} the same object for every task: makeRecord copies it */
		const values = { ...options.fields, companyId, projectId: project.id, active: true };
		const created = [];
		for (let n = 1; n <= count; n++) {
			const externalId = `${prefix}${n}`;
			if (this.findTaskByExternalId(project.id, externalId)) throw new Error(`seedTasks: ${externalId} exists already`);
			values.externalId = values.taskNumber = externalId;
			values.name = `Arbeidsordre ${n}`;
			created.push(this.insertTask(/** @type {TaskRecord} */ (makeRecord(TASK, this.newId(), values))));
		}
		return created;
	}

	/**
	 * @param {import('./fields').FieldTable} table @param {Record<string, unknown>} fields
	 * @returns {{ id: string, values: Record<string, unknown> }}
	 */
	#checked(table, fields) {
		const { id, ...rest } = fields;
		if (id !== undefined && (!isId(id) || this.projects.has(id.toLowerCase()) || this.tasks.has(id.toLowerCase())))
			throw new Error(`invalid or taken id ${String(id)}`);
		const { errors, values } = checkFields(table, rest, { allowReadOnly: true });
		if (errors.length) throw new Error(errors.map((e) => e.message).join(' '));
		const missing = requiredMissing(table, values, false);
		if (missing) throw new Error(`${missing} is required`);
		return { id: id === undefined ? this.newId() : id.toLowerCase(), values };
	}
}

module.exports = { Store };
