/**
 * Ids and keys as the API takes them: pure rules, shared by the server and the web client.
 */

/** Ids of features, attachments and import jobs: a PostgreSQL bigint as decimal text (18 digits always fit). */
export const isId = (value: unknown): value is string => typeof value === 'string' && /^\d{1,18}$/.test(value);

/** An id as PostgreSQL prints it ("007" is 7). Only for ids already checked with isId. */
export const canonicalId = (id: string) => String(BigInt(id));

/** A layer key (also its name in tile URLs): a lower-case letter, then 1–62 lower-case letters, digits or _. */
export const isLayerKey = (key: string) => /^[a-z][a-z0-9_]{1,62}$/.test(key);

/** A field key: a lower-case letter, then up to 62 lower-case letters, digits or _. */
export const isFieldKey = (key: string) => /^[a-z][a-z0-9_]{0,62}$/.test(key);
