import { forgetProjectNumbers, projectLocator, resolveProjectId } from '../../../shared/project-locator';
import { readProjectRef } from '../common/project-ref';
import { perItem } from '../per-item';
import type { Operation } from '../types';

const REFUSED_ADVICE =
	'Ditio refuses to delete a project that has work orders. Set Active to false with Update instead, as Ditio advises.';

export const deleteProject: Operation = {
	description: [projectLocator({ description: 'The project to delete' })],
	execute: perItem(async function (itemIndex, run) {
		const id = await resolveProjectId(run, readProjectRef.call(this, itemIndex), itemIndex);
		await run.client.request('DELETE', ['projects', id], { itemIndex, hints: { 400: REFUSED_ADVICE, 409: REFUSED_ADVICE } });
		forgetProjectNumbers(run);
		return { deleted: true, id };
	}),
};
