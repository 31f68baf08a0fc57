/**
 * Ditio's registration datasets on the Data Extraction API, one table each: where it lives, the
 * date its work-date window reads, the fields Simplify keeps, and how each approval state is
 * asked for (a query parameter Ditio filters on, or a record field the node checks). Field names
 * Ditio has not confirmed (docs/ditio-api.md, "Data Extraction") are spelled here and nowhere else.
 */
export type Approval = 'any' | 'approved' | 'notApproved' | 'payrollApproved' | 'locked';

export interface ApprovalRule {
	/** Sent to Ditio, which then answers only matching records. */
	qs?: Record<string, boolean>;
	/** Checked on every live record the node receives: this field must have this value. */
	field?: { key: string; value: boolean };
}

export interface Dataset {
	/** The resource name in the node. */
	resource: string;
	noun: { one: string; many: string };
	segments: readonly string[];
	/** The record's date a work-date window applies to, as Ditio orders a full sync by it. */
	windowField: string;
	/** Ditio refuses a window with only one end. */
	windowBothEnds: boolean;
	simplify: readonly string[];
	/** Approval states the dataset can tell; one it cannot (no such field) is refused by name. */
	approval: Partial<Record<Exclude<Approval, 'any'>, ApprovalRule>>;
	/** What the Ditio Trigger reads off a record of this dataset's change feed. */
	trigger?: RegistrationEvents;
}

/** The trigger's approval levels. */
export type ApprovalLevel = 'approved' | 'payrollApproved';

export interface RegistrationEvents {
	/** When the registration was made. */
	createdField: string;
	/**
	 * Per level, the states that reach it, each a flag and the time it was set: the first flag
	 * that is true gives the approval's time, which stays the same through later edits.
	 */
	approvalLevels: Record<ApprovalLevel, ReadonlyArray<{ flag: string; time: string }>>;
}

const APPROVAL_BY_FIELDS: Dataset['approval'] = {
	approved: { field: { key: 'approved', value: true } },
	notApproved: { field: { key: 'approved', value: false } },
	payrollApproved: { field: { key: 'payrollApproved', value: true } },
	locked: { field: { key: 'locked', value: true } },
};

export const TIME_REGISTRATIONS: Dataset = {
	resource: 'timeRegistration',
	noun: { one: 'time registration', many: 'time registrations' },
	segments: ['v1', 'time-registrations'],
	windowField: 'workDate',
	windowBothEnds: false,
	simplify: [
		'id', 'workDate', 'startDateTime', 'stopDateTime', 'userId', 'userName', 'userEmployeeNumber', 'resourceId', 'resourceName',
		'resourceNumber', 'resourceTypeName', 'projectId', 'projectNumber', 'projectName', 'taskId', 'taskName', 'taskWbsNumber',
		'qty', 'breakQty', 'unitQty', 'unitName', 'approved', 'approvedDateTime', 'payrollApproved', 'payrollApprovedDateTime',
		'locked', 'lockedDateTime', 'modifiedDateTime',
	],
	// No approval parameter is documented for this dataset: the node filters on the record's flags.
	approval: APPROVAL_BY_FIELDS,
	trigger: {
		createdField: 'createdDateTime',
		approvalLevels: {
			approved: [{ flag: 'approved', time: 'approvedDateTime' }],
			// Payroll-approved or locked counts as settled; locking follows payroll approval.
			payrollApproved: [
				{ flag: 'payrollApproved', time: 'payrollApprovedDateTime' },
				{ flag: 'locked', time: 'lockedDateTime' },
			],
		},
	},
};

export const MACHINE_REGISTRATIONS: Dataset = {
	resource: 'machineRegistration',
	noun: { one: 'machine registration', many: 'machine registrations' },
	segments: ['v1', 'machine-registrations'],
	// Machine usage is windowed and ordered by its stop time (a night shift belongs to the day it ends).
	windowField: 'stopDateTime',
	windowBothEnds: true,
	simplify: [
		'id', 'startDateTime', 'stopDateTime', 'machineId', 'machineName', 'resourceNumber', 'machineTypeName', 'driverId', 'driverName',
		'projectId', 'projectNumber', 'projectName', 'qty', 'approved', 'modifiedDateTime',
	],
	// Machine registrations carry no payroll-approval or lock fields.
	approval: { approved: APPROVAL_BY_FIELDS.approved, notApproved: APPROVAL_BY_FIELDS.notApproved },
};

export const ABSENCE_REGISTRATIONS: Dataset = {
	resource: 'absenceRegistration',
	noun: { one: 'absence registration', many: 'absence registrations' },
	segments: ['v1', 'absence-registrations'],
	windowField: 'date',
	windowBothEnds: false,
	simplify: [
		'id', 'registrationId', 'date', 'userId', 'employeeNumber', 'absenceTypeCode', 'absenceTypeName', 'projectId', 'qty',
		'approved', 'approvedDateTime', 'payrollApproved', 'payrollApprovedDateTime', 'locked', 'lockedDateTime', 'modifiedDateTime',
	],
	// This dataset has its own approval parameters; the flags are checked as well, which costs nothing.
	approval: {
		approved: { qs: { Approved: true }, field: { key: 'approved', value: true } },
		notApproved: { qs: { Approved: false }, field: { key: 'approved', value: false } },
		payrollApproved: { qs: { ApprovedPayroll: true }, field: { key: 'payrollApproved', value: true } },
		locked: { qs: { Locked: true }, field: { key: 'locked', value: true } },
	},
};

export const DATASETS: readonly Dataset[] = [TIME_REGISTRATIONS, MACHINE_REGISTRATIONS, ABSENCE_REGISTRATIONS];

/** Ditio's page size (ChunkLimit): its default and its ceiling. */
export const PAGE_SIZE = { default: 2500, max: 10000 } as const;
