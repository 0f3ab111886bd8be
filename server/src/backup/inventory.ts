import { ident } from '../db/sql';
import { attachmentDigestsSql, checksumsSql, tablesSql } from './backup.sql';

/** What a backup must bring back: rows per table, fingerprints of features and history, every attachment's sha256. */
export interface Inventory {
  counts: Record<string, number>;
  checksums: Record<string, string>;
  attachments: { id: string; sha256: string }[];
}

/** Runs a query: a pg client, or PGlite opened directly on a dump. */
export type Query = (sql: string) => Promise<{ rows: any[] }>;

export async function takeInventory(query: Query): Promise<Inventory> {
  const counts: Record<string, number> = {};
  for (const { tablename } of (await query(tablesSql)).rows) {
    counts[tablename] = (await query(`SELECT count(*)::int AS n FROM ${ident(tablename)}`)).rows[0].n;
  }
  const checksums = (await query(checksumsSql)).rows[0];
  const digests = (await query(attachmentDigestsSql)).rows;
  const damaged = digests.filter((a) => a.sha256 !== a.recorded);
  if (damaged.length) throw new Error(`attachments ${damaged.map((a) => a.id).join(', ')} do not match their recorded sha256`);
  return { counts, checksums, attachments: digests.map((a) => ({ id: a.id, sha256: a.sha256 })) };
}

/** The differences between what a backup recorded and what a database holds ([] = identical). */
export function compareInventories(expected: Inventory, actual: Inventory): string[] {
  const problems: string[] = [];
  for (const table of new Set([...Object.keys(expected.counts), ...Object.keys(actual.counts)])) {
    if (expected.counts[table] !== actual.counts[table]) problems.push(`${table}: ${expected.counts[table]} rows expected, ${actual.counts[table]} found`);
  }
  for (const [name, sum] of Object.entries(expected.checksums)) {
    if (actual.checksums[name] !== sum) problems.push(`${name}: checksum differs`);
  }
  const found = new Map(actual.attachments.map((a) => [a.id, a.sha256]));
  for (const a of expected.attachments) {
    if (found.get(a.id) !== a.sha256) problems.push(`attachment ${a.id}: ${found.has(a.id) ? 'content differs' : 'missing'}`);
  }
  return problems;
}
