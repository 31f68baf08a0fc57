/** Ditio ids are 24 hex characters (docs/ditio-api.md, Paths); anything else cannot be an id. */
export const DITIO_ID = /^[0-9a-f]{24}$/i;
export const DITIO_ID_PATTERN = '^[0-9a-fA-F]{24}$';
