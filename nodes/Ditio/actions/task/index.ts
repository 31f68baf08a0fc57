import { type OperationName, resourceProperties } from '../common/display';
import { create } from './create.operation';
import { deleteTask } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { replace } from './replace.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

const summaries: Record<OperationName, string> = {
	create: 'Create a work order in a project',
	upsert: 'Create a new record, or update the current one if it already exists (upsert)',
	delete: 'Delete a work order',
	get: 'Get a work order by ID, by task number or by external ID',
	getAll: 'Get the work orders of a project, of a production code or of a task number',
	replace: 'Replace a whole work order; fields left out are reset',
	update: 'Change only the fields given',
};

export const taskOperations = { create, upsert, delete: deleteTask, get, getAll, replace, update };

export const taskDescription = resourceProperties(
	'task',
	{ one: 'work order', many: 'work orders' },
	taskOperations,
	summaries,
);
