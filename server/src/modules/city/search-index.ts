import fs from 'node:fs';
import path from 'node:path';
import { Database } from '../../db/database';
import { FieldDefinition } from '../../domain/fields';
import { featureSearchKey, searchFieldKeys, searchKeyOf } from '../../domain/normalize';
import {
  featuresWithoutKeySql, townsWithoutKeySql, writeFeatureKeysSql, writeTownKeysSql,
} from './search.sql';

const BATCH = 5000;

/** Town readings (よみ) by town name without 丁目, from the reference data. */
export function loadTownReadings(dir: string | undefined): Map<string, string> {
  if (!dir) return new Map();
  const file = path.join(dir, 'yotsukaido-town-readings.json');
  if (!fs.existsSync(file)) return new Map();
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(json).filter(([name]) => !name.startsWith('_')));
}

/** 旭ケ丘一丁目 → 旭ケ丘: the name a reading is kept under. */
export const townBaseName = (name: string) => name.replace(/[0-9０-９一二三四五六七八九十]+丁目$/u, '');

/**
 * Gives search keys to the rows that have none: towns (with their readings) and features loaded in
 * bulk (the demo city, imports). The edit path keys every feature it writes; this is for the rest.
 * Towns get their readings from `referenceDir`. Returns the number of features keyed.
 */
export async function refreshSearchKeys(db: Database, referenceDir?: string): Promise<number> {
  const towns = (await db.pool.query<{ id: number; name: string; kana: string | null }>(townsWithoutKeySql)).rows;
  if (towns.length) {
    const readings = loadTownReadings(referenceDir);
    const kana = towns.map((t) => t.kana ?? readings.get(townBaseName(t.name)) ?? null);
    await db.pool.query(writeTownKeysSql,
      [towns.map((t) => t.id), kana, towns.map((t, i) => searchKeyOf([t.name, kana[i]], { joined: false }) ?? '')]);
  }
  const layers = new Map((await db.pool.query<{ id: number; fields: FieldDefinition[]; label_field: string | null }>(
    'SELECT id, fields, label_field FROM layer')).rows
    .map((l) => [l.id, searchFieldKeys({ fieldDefs: l.fields, labelField: l.label_field })]));
  let keyed = 0;
  for (let after = '0'; ;) {
    const { rows } = await db.pool.query<{ id: string; layer_id: number; attributes: Record<string, unknown> }>(
      featuresWithoutKeySql, [after, BATCH]);
    if (rows.length === 0) break;
    await db.pool.query(writeFeatureKeysSql,
      [rows.map((r) => r.id), rows.map((r) => featureSearchKey(layers.get(r.layer_id) ?? [], r.attributes))]);
    keyed += rows.length;
    after = rows[rows.length - 1].id;
  }
  return keyed;
}
