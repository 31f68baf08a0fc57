import type { ApiField } from './field';

/** Your fleet number: the key of Create or Update and of the by-number routes. */
export const MACHINE_NUMBER: ApiField = {
	name: 'machineNumber',
	displayName: 'Machine Number',
	kind: 'string',
	placeholder: 'M-101',
	description: 'Your fleet number for the machine, unique within the company; Create or Update matches on it',
};

export const MACHINE_ACTIVE: ApiField = {
	name: 'active',
	simplified: true,
	displayName: 'Active',
	kind: 'boolean',
	description: 'Whether the machine is active. Ditio creates machines inactive; the node sends true on create unless this is set.',
};

/** Ditio checks it against the company's machine types (docs/ditio-api.md, Machines). */
export const MACHINE_TYPE: ApiField = {
	name: 'typeId',
	simplified: true,
	displayName: 'Machine Type',
	kind: 'string',
	placeholder: 'hjullaster',
	description: "ID of one of the company's machine types, such as hjullaster or dumper (new types come only through Ditio support). Equipment needs none.",
};

/** Every field of a machine the node writes through PATCH /{id} and POST (docs/ditio-api.md, Machines). */
export const MACHINE_FIELDS: ApiField[] = [
	{ name: 'name', simplified: true, displayName: 'Name', kind: 'string', description: 'Machine name, such as Hjullaster CAT 950' },
	MACHINE_TYPE,
	{
		name: 'isEquipment',
		simplified: true,
		displayName: 'Is Equipment',
		kind: 'boolean',
		description: 'Whether this is equipment (an attachment or tool) rather than a machine; equipment needs no machine type and ignores check-in blocks',
	},
	MACHINE_ACTIVE,
	{ name: 'department', simplified: true, displayName: 'Department', kind: 'string', description: 'Department the machine belongs to' },
	{ name: 'registrationNumber', simplified: true, displayName: 'Registration Number', kind: 'string', description: 'Licence plate or registration number' },
	{ name: 'serialNumber', displayName: 'Serial Number', kind: 'string', description: 'Serial number' },
	{ name: 'engineNumber', displayName: 'Engine Number', kind: 'string', description: 'Engine number' },
	{ name: 'buildYear', displayName: 'Build Year', kind: 'number', description: 'Year the machine was built, such as 2019' },
	{ name: 'weight', displayName: 'Weight (Kg)', kind: 'number', description: 'Weight in kilograms' },
	{ name: 'capacity', displayName: 'Capacity', kind: 'number', description: 'Capacity of the machine' },
	{ name: 'costPrice', displayName: 'Cost Price', kind: 'number', description: 'Cost price, attachments included' },
	{ name: 'costPriceMachine', displayName: 'Cost Price (Machine Only)', kind: 'number', description: 'Cost price of the machine alone' },
	{ name: 'price', displayName: 'Sales Price', kind: 'number', description: 'Selling price' },
	{ name: 'hourMeter', displayName: 'Hour Meter', kind: 'number', description: 'Hour meter reading' },
	{ name: 'serviceDate', displayName: 'Service Date', kind: 'date', description: 'Date of the next or last service, such as 2026-03-01 or 01.03.2026' },
	{ name: 'emissionClass', displayName: 'Emission Class', kind: 'string', description: 'Emission class, such as Stage V or Euro 6' },
	{ name: 'responsibleEmployeeNumber', displayName: 'Responsible Employee Number', kind: 'string', description: 'Employee number of the person responsible for the machine' },
	{ name: 'note', displayName: 'Note', kind: 'string', description: 'Free text about the machine' },
	{
		name: 'blockCheckIn',
		displayName: 'Block Check-In',
		kind: 'boolean',
		description: 'Whether field workers are blocked from checking in on the machine (machines only). Left out, a block set in Ditio Web stays.',
	},
	{ name: 'blockCheckInMessage', displayName: 'Block Check-In Message', kind: 'string', description: 'What a field worker sees when check-in is blocked' },
];

/** Ditio's fuel types, by the numbers its ESG endpoint takes. */
export const FUEL_TYPES = [
	{ name: 'None', value: 0, description: 'No fuel (a trailer, a tool)' },
	{ name: 'Diesel', value: 1, description: 'Road diesel' },
	{ name: 'Biodiesel', value: 2, description: 'Biodiesel (HVO, FAME)' },
	{ name: 'Gasoline', value: 3, description: 'Petrol' },
	{ name: 'Electric', value: 4, description: 'Runs on electricity' },
	{ name: 'Gas', value: 5, description: 'Gas such as LPG or biogas' },
	{ name: 'Natural Gas', value: 6, description: 'Natural gas (CNG, LNG)' },
	{ name: 'Dyed Diesel', value: 7, description: 'Dyed (off-road) diesel, anleggsdiesel' },
];

export const FUEL_CONSUMPTION_UNITS = [
	{ name: 'Litres per Hour (L/h)', value: 0, description: 'Litres of fuel per operating hour' },
	{ name: 'Litres per Km (L/km)', value: 1, description: 'Litres of fuel per kilometre driven' },
	{ name: 'Kilowatt-Hours per Hour (kWh/h)', value: 2, description: 'Electricity per operating hour' },
	{ name: 'Kilowatt-Hours per Km (kWh/km)', value: 3, description: 'Electricity per kilometre driven' },
	{ name: 'Kilograms per Hour (Kg/h)', value: 4, description: 'Kilograms of gas per operating hour' },
	{ name: 'Kilograms per Km (Kg/km)', value: 5, description: 'Kilograms of gas per kilometre driven' },
];

/** Fuel and consumption (ESG), written through their own route, PATCH /{id}/esg. */
export const MACHINE_ESG_FIELDS: ApiField[] = [
	{ name: 'fuelType', displayName: 'Fuel Type', kind: 'number', choices: FUEL_TYPES, description: 'What the machine runs on, for emission reports' },
	{ name: 'fuelConsumptionRate', displayName: 'Fuel Consumption Rate', kind: 'number', description: 'Consumption in the Fuel Consumption Unit, such as 12.5' },
	{ name: 'fuelConsumptionUnit', displayName: 'Fuel Consumption Unit', kind: 'number', choices: FUEL_CONSUMPTION_UNITS, description: 'The unit of Fuel Consumption Rate' },
];

/** What names a machine, kept first by Simplify. */
export const MACHINE_IDENTITY = ['id', 'companyId', MACHINE_NUMBER.name] as const;
