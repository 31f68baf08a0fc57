import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiFamily } from '../../../shared/transport/paths';
import { nothingSent } from '../../../shared/untouched';

/**
 * Ditio's samples give the absence endpoint under two paths (docs/ditio-api.md, Absences push);
 * which one a Ditio serves is unconfirmed, so the user picks it without a release. The default is
 * the one of the samples' C# example and of the newer README.
 */
const PATHS = {
	v5: { base: 'integrationV5', segments: ['absences'] },
	unversioned: { base: 'integrationRoot', segments: ['integration', 'absences'] },
} as const satisfies Record<string, { base: ApiFamily; segments: readonly string[] }>;

type PathChoice = keyof typeof PATHS;

export const absencePathOption: INodeProperties = {
	displayName: 'Absence API Path',
	name: 'absencePath',
	type: 'options',
	default: 'v5',
	options: [
		{ name: 'Unversioned', value: 'unversioned', description: "/api/integration/absences, the path of an older version of Ditio's samples" },
		{ name: 'V5', value: 'v5', description: "/api/v5/integration/absences, the path of Ditio's sample code (the default)" },
	],
	description: 'Where Ditio takes absences. Ditio\'s samples name both; choose the other if your Ditio answers 404 for every absence.',
};

export interface AbsenceRoute {
	base: ApiFamily;
	segments: (externalId?: string) => string[];
}

export function readAbsenceRoute(this: IExecuteFunctions, itemIndex: number): AbsenceRoute {
	const options = this.getNodeParameter('options', itemIndex, {}) as { absencePath?: string };
	const choice = (options.absencePath ?? 'v5') as PathChoice;
	const path = PATHS[choice];
	if (!path) {
		throw new NodeOperationError(this.getNode(), `Options → Absence API Path "${String(options.absencePath)}" is not known`, {
			itemIndex,
			description: `Choose /api/v5/integration/absences or /api/integration/absences. ${nothingSent(itemIndex)}`,
		});
	}
	return { base: path.base, segments: (externalId) => (externalId === undefined ? [...path.segments] : [...path.segments, externalId]) };
}
