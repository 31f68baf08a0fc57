/**
 * What a failure left untouched, said the same way in every message. "Nothing was sent" only
 * where no request went out for the item (its input was refused before any); "nothing was
 * written" where look-ups went out but no write did.
 */
export function nothingSent(itemIndex?: number): string {
	return itemIndex === undefined ? 'Nothing was sent to Ditio.' : `Nothing was sent to Ditio for item ${itemIndex}.`;
}

export function nothingWritten(itemIndex?: number): string {
	return itemIndex === undefined ? 'Nothing was written to Ditio.' : `Nothing was written to Ditio for item ${itemIndex}.`;
}
