// @ts-check
'use strict';
/**
 * Demo data (seed 'demo') and the demo API client. Ids are fixed, so examples
 * and tests can name them; the two ids from Ditio's docs are used for
 * "Prosjekt Fjellhall" and its work order WO-100.
 */

const { seedPage } = require('./documents');
const { loadDemoEmployees } = require('./employees');
const { loadDemoAbsenceTypes } = require('./absences');
const { loadDemoMachines } = require('./machines');
const { SAMPLES } = require('./samples');

const DEMO_COMPANY_ID = '5f0c0ffee0ddba11c0ffee01';
/** Has data, but the demo client cannot see it: for the 404-of-another-company cases. */
const OTHER_COMPANY_ID = '5f0c0ffee0ddba11c0ffee02';

const DEMO_CLIENT = Object.freeze({
	clientId: 'ditio-sandbox-client',
	// `+ % / =` make a client that does not form-encode the secret fail, as at Ditio.
	clientSecret: 'sandbox-secret-+%/=',
	companyIds: [DEMO_COMPANY_ID],
	scopes: ['ditioapiv3'],
});

/** An API client allowed Ditio's Data Extraction API (the change feed) too. */
const FEED_CLIENT = Object.freeze({
	clientId: 'ditio-sandbox-feed-client',
	clientSecret: 'sandbox-feed-secret-+%/=',
	companyIds: [DEMO_COMPANY_ID],
	scopes: ['ditioapiv3', 'reportingapiv1'],
});

const DEMO_IDS = Object.freeze({
	projectFjellhall: '65f1a2b3c4d5e6f7a8b9c0d1', // P-2026-001
	projectBarnehage: '65f1a2b3c4d5e6f7a8b9c0d2', // P/2026/Æ-01
	projectBryggen: '65f1a2b3c4d5e6f7a8b9c0d3', // P-2025-017, inactive
	taskTemplate: '66a1b2c3d4e5f6a7b8c9d0e1', // MAL, the template work order of P-2026-001
	taskGrunnarbeid: '66a1b2c3d4e5f6a7b8c9d0e2', // WO-100
	taskMasseflytting: '66a1b2c3d4e5f6a7b8c9d0e3', // WO-200, parent of WO-201 and WO-202
	taskGraving: '66a1b2c3d4e5f6a7b8c9d0e4', // WO-201
	taskTransport: '66a1b2c3d4e5f6a7b8c9d0e5', // WO-202
	taskBetong: '66a1b2c3d4e5f6a7b8c9d0e6', // WO-300, has time registrations
	taskRiving: '66a1b2c3d4e5f6a7b8c9d0e7', // A-01 in P/2026/Æ-01
	taskUtomhus: '66a1b2c3d4e5f6a7b8c9d0e8', // UT/01 #2? 50% Æ, in P/2026/Æ-01
	taskFasade: '66a1b2c3d4e5f6a7b8c9d0e9', // B-001 in the inactive project
	otherProject: '65f1a2b3c4d5e6f7a8b9c0f1', // the other company's P-2026-001
	otherTask: '66a1b2c3d4e5f6a7b8c9d0f1', // the other company's WO-100
	fileDrawingA1: '67d0c0ffee0ddba11c0ffe01', // Drawing-A1.pdf in the Drawings section of P-2026-001
	fileOtherDrawing: '67d0c0ffee0ddba11c0ffe02', // a drawing of the other company's P-2026-001
});

/** @param {import('./store').Store} store */
function loadDemo(store) {
	const c = DEMO_COMPANY_ID;
	const ids = DEMO_IDS;
	store.addProject(c, {
		id: ids.projectFjellhall,
		projectNumber: 'P-2026-001',
		name: 'Prosjekt Fjellhall',
		externalProjectNumber: 'ERP-1001',
		description: 'Ny fjellhall med adkomsttunnel',
		active: true,
		startDate: '2026-03-01T00:00:00Z',
		finishedDatePlanned: '2026-12-31T00:00:00Z',
		estimatedHourQty: 12000,
		projectCustomerName: 'Eksempel Kommune',
		customerNumber: 'K-1001',
		projectAddress: 'Fjellveien 1, Trondheim',
		mainContactEmail: 'prosjektleder@example.com',
		projectLocationLatitude: 63.4305,
		projectLocationLongitude: 10.3951,
		workBreakLunchStartTime: '11:30',
		workBreakLunchLength: 30,
	});
	store.addProject(c, {
		id: ids.projectBarnehage,
		projectNumber: 'P/2026/Æ-01',
		name: 'Ærfuglveien barnehage',
		externalProjectNumber: 'ERP-1002',
		active: true,
		startDate: '2026-04-15T00:00:00Z',
		projectCustomerName: 'Øvre Åsen borettslag',
		projectAddress: 'Ærfuglveien 7, Tromsø',
	});
	store.addProject(c, {
		id: ids.projectBryggen,
		projectNumber: 'P-2025-017',
		name: 'Bryggen rehabilitering',
		externalProjectNumber: 'ERP-0917',
		active: false,
		startDate: '2025-02-01T00:00:00Z',
		finishedDate: '2025-11-28T00:00:00Z',
		projectAddress: 'Bryggen 12, Bergen',
	});

	const p1 = ids.projectFjellhall;
	store.addTask(c, {
		id: ids.taskTemplate,
		projectId: p1,
		externalId: 'MAL',
		name: 'Mal for arbeidsordrer',
		isTemplate: true,
		safeJobAnalysisApprovalRequired: true,
		safeJobAnalysisUserPromptText: 'Gjennomfør SJA før arbeidet starter.',
		unitId: 'm3',
		measureUnitQty: true,
		costPrice: 850,
		price: 1150,
		fixedResourcePrice: 0,
		textRequired: true,
		summationType: 1,
		doubleRegistration: false,
		unitQtyReportLevel: 2,
		taskType: 1,
		externalDim02: 'AVD-20',
	});
	store.addTask(c, {
		id: ids.taskGrunnarbeid,
		projectId: p1,
		externalId: 'WO-100',
		name: 'Grunnarbeid',
		active: true,
		externalDim01: 'PROD-10',
		startDate: '2026-03-15T00:00:00Z',
		finishedDatePlanned: '2026-05-01T00:00:00Z',
		estimatedHourQty: 500,
		safeJobAnalysisApprovalRequired: true,
		unitId: 'm3',
		costPrice: 850,
		price: 1150,
	});
	store.addTask(c, { id: ids.taskMasseflytting, projectId: p1, externalId: 'WO-200', name: 'Masseflytting', isParent: true, active: true });
	store.addTask(c, {
		id: ids.taskGraving, projectId: p1, externalId: 'WO-201', name: 'Graving', parentActivityId: ids.taskMasseflytting,
		active: true, externalDim01: 'PROD-20',
	});
	store.addTask(c, {
		id: ids.taskTransport, projectId: p1, externalId: 'WO-202', name: 'Transport', parentActivityId: ids.taskMasseflytting,
		active: true, externalDim01: 'PROD-20',
	});
	store.addTask(c, { id: ids.taskBetong, projectId: p1, externalId: 'WO-300', name: 'Betongarbeid', active: true, estimatedHourQty: 320 });
	store.addRegistrations(ids.taskBetong, 3);

	store.addTask(c, { id: ids.taskRiving, projectId: ids.projectBarnehage, externalId: 'A-01', name: 'Riving', active: true });
	store.addTask(c, {
		id: ids.taskUtomhus, projectId: ids.projectBarnehage, externalId: 'UT/01 #2? 50% Æ', name: 'Utomhus, østre del', active: true,
	});
	store.addTask(c, { id: ids.taskFasade, projectId: ids.projectBryggen, externalId: 'B-001', name: 'Fasade', active: false });

	// Another company, with the same numbers, that the demo client must never see.
	store.addProject(OTHER_COMPANY_ID, {
		id: ids.otherProject, projectNumber: 'P-2026-001', name: 'Annet firmas prosjekt', externalProjectNumber: 'ERP-1001', active: true,
	});
	store.addTask(OTHER_COMPANY_ID, {
		id: ids.otherTask, projectId: ids.otherProject, externalId: 'WO-100', name: 'Annet firmas arbeidsordre', active: true, externalDim01: 'PROD-10',
	});

	// Documents: a Drawings section on Prosjekt Fjellhall (the sample PDF of /samples/), one on the other company's project.
	seedPage(store, p1, {
		section: 'Drawings',
		description: 'Current construction drawings. Check the revision before you start.',
		files: [{ id: ids.fileDrawingA1, name: 'Drawing-A1.pdf', data: SAMPLES['Drawing-A1.pdf'].data }],
	});
	seedPage(store, ids.otherProject, {
		section: 'Drawings',
		files: [{ id: ids.fileOtherDrawing, name: 'Other-company.pdf', data: SAMPLES['Method-statement.pdf'].data }],
	});

	loadDemoEmployees(store, c, OTHER_COMPANY_ID);
	loadDemoAbsenceTypes(store, c);
	loadDemoMachines(store, c, OTHER_COMPANY_ID);
}

module.exports = { DEMO_CLIENT, FEED_CLIENT, DEMO_COMPANY_ID, OTHER_COMPANY_ID, DEMO_IDS, loadDemo };
