import { type OperationName, resourceProperties } from '../common/display';
import { create } from './create.operation';
import { deleteProject } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { replace } from './replace.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

const summaries: Record<OperationName, string> = {
	create: 'Create a project',
	upsert: 'Create a new record, or update the current one if it already exists (upsert)',
	delete: 'Delete a project',
	get: 'Get a project by ID or project number',
	getAll: "Get the company's projects",
	replace: 'Replace a whole project; fields left out are reset',
	update: 'Change only the fields given',
};

export const projectOperations = { create, upsert, delete: deleteProject, get, getAll, replace, update };

export const projectDescription = resourceProperties(
	'project',
	{ one: 'project', many: 'projects' },
	projectOperations,
	summaries,
);
