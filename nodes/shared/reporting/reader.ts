import type { IDataObject } from 'n8n-workflow';

import type { DitioClient } from '../transport/client';
import { REPORTING_SCOPE } from '../transport/environments';

/** One page of a Data Extraction answer, as far as the reader needs it. */
export interface ReportingPage {
	data?: IDataObject[];
	continuationToken?: string | null;
	syncTypeName?: string;
}

export const REPORTING_HINTS = {
	401: `Ditio refused the token for the Data Extraction API. The API client may lack scope ${REPORTING_SCOPE}: check it in Ditio Web (Company setup → Integration).`,
	403: `The API client may not read this dataset: it needs scope ${REPORTING_SCOPE}, and Ditio shows the data the client's user may see (an administrator sees all).`,
};

/**
 * Every page of one Data Extraction read, in order. The query (with ModifiedSince, when the read
 * is incremental) goes again with every page, because Ditio reads the cursor as a position in
 * modified time only when ModifiedSince is there; the cursor goes back exactly as Ditio gave it.
 * A page that fails after the transport's retries ends the read with that failure. Get Many
 * collects every page before any output; the Ditio Trigger reads its change feeds through it too.
 */
export async function* readPages(
	client: DitioClient,
	segments: readonly string[],
	qs: IDataObject,
	itemIndex?: number,
	hints: Partial<Record<number, string>> = REPORTING_HINTS,
): AsyncGenerator<IDataObject[]> {
	let token: string | undefined;
	do {
		const page = await client.request<ReportingPage>('GET', segments, {
			base: 'reporting',
			qs: { ...qs, ...(token !== undefined && { ContinuationToken: token }) },
			itemIndex,
			hints,
		});
		yield page.data ?? [];
		token = page.continuationToken || undefined;
	} while (token !== undefined);
}

/** A deleted registration: Ditio sends its id and deletion time, every other field empty. */
export const isTombstone = (record: IDataObject) => record.isDeleted === true;

/** What a tombstone is worth passing on: never its empty fields, which would overwrite a stored record. */
export function tombstone(record: IDataObject): IDataObject {
	return {
		id: record.id,
		isDeleted: true,
		deletedDateTime: record.deletedDateTime ?? record.modifiedDateTime ?? null,
		modifiedDateTime: record.modifiedDateTime ?? null,
	};
}
