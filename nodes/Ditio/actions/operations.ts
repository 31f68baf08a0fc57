import type { INodeProperties } from 'n8n-workflow';

import { absenceDescription, absenceOperations } from './absence';
import { certificateDescription, certificateOperations } from './certificate';
import { documentDescription, documentOperations } from './document';
import { employeeDescription, employeeOperations } from './employee';
import { machineDescription, machineOperations } from './machine';
import { payrollDescription, payrollOperations } from './payroll';
import { registrationResource } from './registration';
import { ABSENCE_REGISTRATIONS, MACHINE_REGISTRATIONS, TIME_REGISTRATIONS } from '../../shared/reporting/datasets';
import { projectDescription, projectOperations } from './project';
import { taskDescription, taskOperations } from './task';
import { requestOptionsParameter } from './common/options';
import type { Operation } from './types';

const timeRegistration = registrationResource(TIME_REGISTRATIONS);
const machineRegistration = registrationResource(MACHINE_REGISTRATIONS);
const absenceRegistration = registrationResource(ABSENCE_REGISTRATIONS);

/** Resource → operation name → operation. A resource is one entry here and one option below. */
export const OPERATIONS: Record<string, Record<string, Operation> | undefined> = {
	project: projectOperations,
	task: taskOperations,
	document: documentOperations,
	timeRegistration: timeRegistration.operations,
	machineRegistration: machineRegistration.operations,
	absenceRegistration: absenceRegistration.operations,
	payroll: payrollOperations,
	employee: employeeOperations,
	certificate: certificateOperations,
	absence: absenceOperations,
	machine: machineOperations,
};

/** Resources whose operations hold the request options in an Options collection of their own. */
const OWN_OPTIONS = ['document', 'timeRegistration', 'machineRegistration', 'absenceRegistration', 'payroll', 'certificate', 'absence'];

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Absence', value: 'absence', description: 'An absence (sick leave, vacation …) pushed from your HR system, matched on its External ID' },
		{ name: 'Absence Registration', value: 'absenceRegistration', description: 'Absence days (sick leave, vacation …) with their payroll codes (Data Extraction API)' },
		{ name: 'Certificate', value: 'certificate', description: "A person's certificate (Byggekort, Kranførerbevis …), matched on employee number and type" },
		{ name: 'Document', value: 'document', description: 'A file (drawing, contract, method statement) on a project or work order, seen in the field app' },
		{ name: 'Employee', value: 'employee', description: 'A person who registers hours, matched on the employee number of your payroll system' },
		{ name: 'Machine', value: 'machine', description: 'A machine or piece of equipment of your fleet, matched on its machine number' },
		{ name: 'Machine Registration', value: 'machineRegistration', description: "Usage of your company's machines, also on other companies' projects (Data Extraction API)" },
		{ name: 'Payroll', value: 'payroll', description: "Payroll summaries per person and day from Ditio's payroll export" },
		{ name: 'Project', value: 'project', description: 'A Ditio project, the container of work orders' },
		{ name: 'Time Registration', value: 'timeRegistration', description: 'Hours of people, machines and vehicles on projects and work orders (Data Extraction API)' },
		// Ditio's API says task; its users say work order.
		{ name: 'Work Order', value: 'task', description: 'A work order (task) in a project, on which time is registered' },
	],
	default: 'project',
	description: 'What to work on in Ditio',
};

export const properties: INodeProperties[] = [
	resourceProperty,
	...projectDescription,
	...taskDescription,
	...documentDescription,
	...employeeDescription,
	...machineDescription,
	...timeRegistration.description,
	...machineRegistration.description,
	...absenceRegistration.description,
	...payrollDescription,
	...certificateDescription,
	...absenceDescription,
	// Documents and the hours-out resources have their own Options that include these.
	{ ...requestOptionsParameter, displayOptions: { hide: { resource: OWN_OPTIONS } } },
];
