import type { PoolClient } from 'pg';
import { Config } from '../../config';
import { Database } from '../../db/database';
import { diffAttributes, mergeAttributes } from '../../domain/diff';
import { describeProblems, featureLabel, FieldDefinition, normalizeAttributes, validateAttributes } from '../../domain/fields';
import { checkGeoJSONGeometry, checkLonLatPositions, checkPlanePositions, positionsOf } from '../../domain/geometry';
import { featureSearchKey, searchFieldKeys } from '../../domain/normalize';
import { AppError, appError } from '../../errors';
import { canSeeLoginNames, omitFields, requireAdmin, requireEditor, requireUser, SessionUser } from '../auth/permissions';
import { LayerRecord } from '../layers/layer.service';
import {
  bumpLayerVersionSql, changesSql, CheckedWriteRow, currentStateSql, ensureServiceAreaSql, historySql, historyVersionSql,
  duplicateValuesSql, insertFeaturesSql, lockFeatureSql, lockFeaturesSql, lockLayerUniqueSql, restoreFeatureSql, setImportIdSql,
  softDeleteFeatureSql, updateFeaturesSql,
} from './edit.sql';
import { requireVisibleFeature } from './visibility';
import { GeometryWrite, pointsFollowGeometry } from '../survey/boundary-points';
import { EventBus } from '../live/event.bus';
import { announceEdits } from '../live/live.publisher';
import { canonicalId, isId } from '../../domain/ids';
import { isPlaneSrid, PLANE_SRIDS } from '../../domain/planeZones';

export const MAX_POSITIONS = 50_000;
export const MAX_ATTRIBUTES_BYTES = 64 * 1024;

export type ChangeOp = 'create' | 'update' | 'delete' | 'restore';

/** One requested change, as the API receives it. */
export interface FeatureChange {
  op: ChangeOp;
  layer?: string;
  id?: string;
  expectedVersion?: number;
  /** For restore: the version to bring back. */
  version?: number;
  geometry?: unknown;
  attributes?: Record<string, unknown>;
  /** SRID of the geometry's coordinates: 4326 (default) or a JGD2011 plane zone (6669–6687), [easting, northing]. */
  srid?: number;
}

interface LockedRow {
  id: string;
  layer_id: number;
  version: number;
  deleted_at: Date | null;
  attributes: Record<string, unknown>;
}

/** Rows locked ahead of a batch's changes, by feature id. */
type Locked = Map<string, LockedRow>;

/** Locks every feature a batch changes in one statement (ids that are not features are left to their change). */
async function lockAll(tx: PoolClient, changes: FeatureChange[]): Promise<Locked> {
  const ids = [...new Set(changes.filter((c) => c.op !== 'create' && typeof c.id === 'string' && isId(c.id)).map((c) => canonicalId(c.id!)))];
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<LockedRow>(lockFeaturesSql, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}


/**
 * Updates that are checked (locked, version, attributes, the geometry's structure) but not yet written.
 * They are written together, one statement per layer that also checks the new geometries in PostGIS,
 * which makes a large batch several times faster than a statement per feature.
 */
class PendingUpdates {
  private readonly byLayer = new Map<number, {
    layer: LayerRecord; ids: string[]; geometries: (string | null)[]; srids: number[]; attributes: string[]; versions: number[];
    searchKeys: string[]; indexes: number[];
  }>();
  private readonly ids = new Set<string>();

  has(id: string | undefined): boolean {
    return !!id && isId(id) && this.ids.has(canonicalId(id));
  }

  /** geometry: GeoJSON text in `srid` (checked when written), or null to keep the stored one. */
  add(layer: LayerRecord, row: LockedRow, geometry: string | null, srid: number, attributes: Record<string, unknown>, index: number): void {
    let group = this.byLayer.get(layer.id);
    if (!group) this.byLayer.set(layer.id, group = { layer, ids: [], geometries: [], srids: [], attributes: [], versions: [], searchKeys: [], indexes: [] });
    group.ids.push(row.id);
    group.geometries.push(geometry);
    group.srids.push(srid);
    group.attributes.push(JSON.stringify(attributes));
    group.versions.push(row.version);
    group.searchKeys.push(searchKeyFor(layer, attributes));
    group.indexes.push(index);
    this.ids.add(row.id);
  }

  async flush(tx: PoolClient, userId: number, marginM: number, batch: boolean): Promise<void> {
    const groups = [...this.byLayer.values()];
    this.byLayer.clear();
    this.ids.clear();
    const refused: Refused[] = [];
    for (const { layer, ids, geometries, srids, attributes, versions, searchKeys, indexes } of groups) {
      const { rows } = await tx.query<CheckedWriteRow>(updateFeaturesSql(layer.fieldDefs),
        [ids, geometries, attributes, versions, userId, searchKeys, srids, marginM]);
      const bad = rows.filter((r) => r.n !== null);
      if (bad.length) { refused.push(...bad.map((r) => ({ row: r, index: indexes[r.n! - 1] }))); continue; }
      // The rows were locked and their versions checked: anything else is a bug, and rolls back.
      const count = Number(rows[0]?.id);
      if (count !== ids.length) throw new Error(`batch update wrote ${count} of ${ids.length} features of layer ${layer.key}`);
    }
    refuseFirst(refused, marginM, batch);
  }
}

/** A geometry PostGIS refused in a set-based write, and the index of its change. */
interface Refused { row: CheckedWriteRow; index: number }

/** Throws for the refused geometry of the earliest change, if any (nothing of its statement was written). */
function refuseFirst(refused: Refused[], marginM: number, batch: boolean): void {
  if (refused.length === 0) return;
  const first = refused.reduce((a, b) => (b.index < a.index ? b : a));
  try {
    geometryVerdict({ valid: !!first.row.valid, reason: first.row.reason ?? '', inside: !!first.row.inside }, marginM);
  } catch (err) {
    throw withIndex(err, batch ? first.index : null);
  }
  throw new Error('a refused geometry had no verdict'); // unreachable: a refused row is invalid or outside
}

/**
 * Creates that are checked (permission, attributes, the geometry's structure) but not yet written.
 * They are written in one statement per layer that also checks their geometries in PostGIS.
 */
class PendingCreates {
  private items: { layer: LayerRecord; geometry: string; srid: number; attributes: Record<string, unknown>; index: number }[] = [];

  add(layer: LayerRecord, geometry: unknown, srid: number, attributes: Record<string, unknown>, index: number): void {
    this.items.push({ layer, geometry: JSON.stringify(geometry), srid, attributes, index });
  }

  /** Writes the queued creates; puts each new id at its change's index in `ids`. */
  async flush(tx: PoolClient, userId: number, marginM: number, ids: string[], batch: boolean): Promise<void> {
    if (this.items.length === 0) return;
    const byLayer = new Map<number, typeof this.items>();
    for (const item of this.items) {
      const group = byLayer.get(item.layer.id);
      if (group) group.push(item); else byLayer.set(item.layer.id, [item]);
    }
    this.items = [];
    const refused: Refused[] = [];
    for (const items of byLayer.values()) {
      const layer = items[0].layer;
      const { rows } = await tx.query<CheckedWriteRow>(insertFeaturesSql(layer.fieldDefs),
        [layer.id, items.map((i) => i.geometry), items.map((i) => i.srid), items.map((i) => JSON.stringify(i.attributes)), userId,
          items.map((i) => searchKeyFor(layer, i.attributes)), marginM]);
      const bad = rows.filter((r) => r.n !== null);
      if (bad.length) { refused.push(...bad.map((r) => ({ row: r, index: items[r.n! - 1].index }))); continue; }
      const newIds = rows.map((r) => r.id!).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      if (newIds.length !== items.length) throw new Error(`batch create wrote ${newIds.length} of ${items.length} features of layer ${layer.key}`);
      items.forEach((item, j) => { ids[item.index] = newIds[j]; });
    }
    refuseFirst(refused, marginM, batch);
  }
}

/** PostGIS's verdict on a geometry: invalid (with its reason) or outside the service area. */
function geometryVerdict(r: { valid: boolean; reason: string; inside: boolean }, marginM: number): void {
  if (!r.valid) throw appError('geometryInvalid', { detail: r.reason }, { field: 'geometry' });
  if (!r.inside) throw appError('outsideServiceArea', { marginM }, { field: 'geometry' });
}

/** Thrown inside a batch to prefix the failing change's position without losing the error code. */
function withIndex(err: unknown, index: number | null): unknown {
  if (index === null || !(err instanceof AppError)) return err;
  return new AppError(err.extensions.code as never, `changes[${index}]: ${err.message}`, { ...err.extensions, index });
}

/**
 * All feature writes. Each call is one transaction: permission, validation on the server,
 * the write with a version bump, one history row, and the layer's data version bump.
 */
export class EditService {
  /** events: committed edits are published here for other maps (live updates). */
  constructor(private readonly db: Database, private readonly config: Config, private readonly events?: EventBus) {}

  async ensureServiceArea(): Promise<void> {
    await this.db.pool.query(ensureServiceAreaSql, [this.config.serviceAreaMarginM, this.config.planeSrid]);
  }

  /** Applies the changes atomically (all or nothing); returns the ids of the written features in order. */
  async apply(user: SessionUser | null, layers: LayerRecord[], changes: FeatureChange[]): Promise<string[]> {
    return this.db.transaction((tx) => this.applyIn(tx, user, layers, changes));
  }

  /** The same inside a transaction the caller holds (for writes that change more than features). */
  async applyIn(tx: PoolClient, user: SessionUser | null, layers: LayerRecord[], changes: FeatureChange[],
    options: { importId?: string } = {}): Promise<string[]> {
    requireUser(user);
    if (changes.length === 0) throw appError('changesEmpty', {}, { field: 'changes' });
    if (changes.length > this.config.batchMaxChanges) {
      throw appError('batchTooLarge', { max: this.config.batchMaxChanges }, { field: 'changes' });
    }
    const batch = changes.length > 1;
    const locked = batch ? await lockAll(tx, changes) : new Map<string, LockedRow>();
    const pending = new PendingUpdates();
    const creates = new PendingCreates();
    const ids: string[] = [];
    const touched = new Set<number>();
    const geometryWrites: GeometryWrite[] = [];
    // History rows of an import name it (the column's default reads this setting).
    if (options.importId) await tx.query(setImportIdSql, [options.importId]);
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i];
      // Creates are queued until another kind of change comes (their errors name their own index).
      if (change.op !== 'create') await creates.flush(tx, user.id, this.config.serviceAreaMarginM, ids, batch);
      try {
        // Anything but an update of a feature not yet touched sees the queued updates written first.
        if (change.op !== 'update' || pending.has(change.id)) await pending.flush(tx, user.id, this.config.serviceAreaMarginM, batch);
        const { id, layerId } = change.op === 'create'
          ? await this.create(tx, user, layers, change, creates, i)
          : await this.applyOne(tx, user, layers, change, locked, pending, i);
        ids.push(id);
        touched.add(layerId);
        if (change.op === 'restore') geometryWrites.push({ id, restoredVersion: change.version });
        else if (change.op === 'update' && change.geometry !== undefined && change.geometry !== null) geometryWrites.push({ id });
      } catch (err) {
        throw withIndex(err, batch ? i : null);
      }
    }
    await pending.flush(tx, user.id, this.config.serviceAreaMarginM, batch);
    await creates.flush(tx, user.id, this.config.serviceAreaMarginM, ids, batch);
    await pointsFollowGeometry(tx, geometryWrites);
    await this.checkUnique(tx, layers.filter((l) => touched.has(l.id)), ids);
    await checkLayersAtCommit(tx, layers, touched);
    this.db.changes.touched(tx, 'layers'); // new data versions: tiles and the catalogue move on
    if (options.importId) await tx.query(setImportIdSql, ['']);
    if (this.events) await announceEdits(tx, this.events, ids.map((id, i) => ({ id, op: changes[i].op })));
    return ids;
  }

  /** Fields declared unique hold each value once among live features: refused with the duplicates named. */
  private async checkUnique(tx: PoolClient, layers: LayerRecord[], ids: string[]): Promise<void> {
    for (const layer of layers) {
      const unique = layer.fieldDefs.filter((f) => f.unique && !f.computed);
      if (unique.length === 0) continue;
      await tx.query(lockLayerUniqueSql, [layer.id]);
      for (const field of unique) {
        const { rows } = await tx.query<{ value: string; ids: string[] }>(duplicateValuesSql, [layer.id, field.key, ids]);
        if (rows.length) {
          const list = rows.map((r) => `「${r.value}」(features ${r.ids.join(', ')})`).join(', ');
          throw appError('uniqueValue', { label: field.label, list, field: field.key, layer: layer.key },
            { field: field.key, duplicates: rows.map((r) => ({ value: r.value, featureIds: r.ids })) });
        }
      }
    }
  }

  private async applyOne(tx: PoolClient, user: SessionUser, layers: LayerRecord[], change: FeatureChange, locked: Locked,
    pending: PendingUpdates, index: number) {
    switch (change.op) {
      case 'update': return this.update(tx, user, layers, change, locked, pending, index);
      case 'delete': return this.remove(tx, user, layers, change, locked);
      case 'restore': return this.restore(tx, user, layers, change, locked);
      default: throw appError('unknownOp', { op: String(change.op) }, { field: 'op' });
    }
  }

  /** Checks a create and queues it: its id is known when the queue is written (a placeholder until then). */
  private async create(_tx: PoolClient, user: SessionUser, layers: LayerRecord[], change: FeatureChange, creates: PendingCreates, index: number) {
    const layer = layers.find((l) => l.key === change.layer);
    if (!layer) throw appError('unknownLayer', { layer: change.layer ?? '' }, { field: 'layer' });
    requireEditor(user, layer);
    if (change.geometry === undefined || change.geometry === null) throw appError('geometryRequired', {}, { field: 'geometry' });
    const attributes = checkAttributes(layer.fieldDefs, change.attributes ?? {}, {});
    const srid = this.precheckGeometry(layer, change.geometry, change.srid);
    creates.add(layer, change.geometry, srid, attributes, index);
    return { id: '', layerId: layer.id };
  }

  /** Checks an update and queues it; its new geometry is checked in PostGIS when the queue is written. */
  private async update(tx: PoolClient, user: SessionUser, layers: LayerRecord[], change: FeatureChange, locked: Locked,
    pending: PendingUpdates, index: number) {
    const { row, layer } = await this.lockForWrite(tx, user, layers, change, locked);
    if (row.deleted_at) throw appError('featureDeleted', {}, await current(tx, row));
    const attributes = change.attributes ? checkAttributes(layer.fieldDefs, change.attributes, row.attributes) : row.attributes;
    const hasGeometry = change.geometry !== undefined && change.geometry !== null; // none: keep the stored geometry
    const srid = hasGeometry ? this.precheckGeometry(layer, change.geometry, change.srid) : 4326;
    pending.add(layer, row, hasGeometry ? JSON.stringify(change.geometry) : null, srid, attributes, index);
    return { id: row.id, layerId: layer.id };
  }

  private async remove(tx: PoolClient, user: SessionUser, layers: LayerRecord[], change: FeatureChange, locked: Locked) {
    const { row, layer } = await this.lockForWrite(tx, user, layers, change, locked);
    if (row.deleted_at) throw appError('featureAlreadyDeleted', {}, await current(tx, row));
    await tx.query(softDeleteFeatureSql, [row.id, user.id, row.version]);
    return { id: row.id, layerId: layer.id };
  }

  /** Brings back an older version's attributes and geometry as a new version (also undeletes). */
  private async restore(tx: PoolClient, user: SessionUser, layers: LayerRecord[], change: FeatureChange, locked: Locked) {
    const { row, layer } = await this.lockForWrite(tx, user, layers, change, locked, { versionOptional: true });
    if (!Number.isInteger(change.version)) throw appError('restoreVersionRequired', {}, { field: 'version' });
    const { rows: old } = await tx.query(historyVersionSql, [row.id, change.version]);
    if (!old[0]) throw appError('versionNotFound', { id: row.id, version: String(change.version) });
    const problems = validateAttributes(layer.fieldDefs, withoutComputed(layer.fieldDefs, old[0].attributes));
    if (problems.length) {
      throw appError('restoreDoesNotFit', { version: String(change.version), problems: describeProblems(problems) }, { problems });
    }
    const attributes = withoutComputed(layer.fieldDefs, old[0].attributes);
    await tx.query(restoreFeatureSql(layer.fieldDefs), [row.id, old[0].geojson, JSON.stringify(attributes), row.version, user.id, searchKeyFor(layer, attributes)]);
    return { id: row.id, layerId: layer.id };
  }

  /** Locks the row, checks the caller may edit its layer and that the expected version is current. */
  private async lockForWrite(tx: PoolClient, user: SessionUser, layers: LayerRecord[], change: FeatureChange, locked: Locked,
    options: { versionOptional?: boolean } = {}): Promise<{ row: LockedRow; layer: LayerRecord }> {
    if (!change.id || !isId(change.id)) throw appError('notFeatureId', { value: change.id ?? '' }, { field: 'id' });
    const expected = change.expectedVersion;
    if (!options.versionOptional || expected !== undefined && expected !== null) {
      if (!Number.isInteger(expected)) throw appError('expectedVersionRequired', {}, { field: 'expectedVersion' });
    }
    // A row locked up front is used once: a second change of the same feature reads the first's result.
    const id = canonicalId(change.id);
    let row = locked.get(id);
    if (row) locked.delete(id);
    else row = (await tx.query<LockedRow>(lockFeatureSql, [id])).rows[0];
    if (!row) throw appError('featureNotFound', { id: change.id });
    const layer = layers.find((l) => l.id === row.layer_id)!;
    requireEditor(user, layer);
    if (expected !== undefined && expected !== null && row.version !== expected) {
      throw appError('staleVersion', { expected, current: row.version }, await current(tx, row));
    }
    return { row, layer };
  }

  /** The checks that need no database: GeoJSON structure, the layer's types, size, SRID, lon/lat range. Returns the SRID. */
  private precheckGeometry(layer: LayerRecord, geometry: unknown, srid = 4326): number {
    const bad = checkGeoJSONGeometry(geometry);
    if (bad) throw appError('geometryInvalid', { detail: bad }, { field: 'geometry' });
    const g = geometry as { type: string; coordinates: unknown };
    if (!layer.geometryTypes.includes(g.type)) {
      throw appError('geometryType', { layer: layer.key, layerName: layer.nameJa, types: layer.geometryTypes.join(' or '), type: String(g.type) }, { field: 'geometry' });
    }
    if (positionsOf(g.coordinates).length > MAX_POSITIONS) throw appError('tooManyPositions', { max: MAX_POSITIONS }, { field: 'geometry' });
    if (srid !== 4326 && !isPlaneSrid(srid)) {
      throw appError('badSrid', { min: PLANE_SRIDS.min, max: PLANE_SRIDS.max }, { field: 'srid' });
    }
    const outOfRange = srid === 4326 ? checkLonLatPositions(g.coordinates) : checkPlanePositions(g.coordinates);
    if (outOfRange) throw appError('geometryInvalid', { detail: outOfRange }, { field: 'geometry' });
    return srid;
  }

  async history(user: SessionUser | null, id: string, layers: LayerRecord[]) {
    if (!isId(id)) throw appError('notFeatureId', { value: id }, { field: 'id' });
    await requireVisibleFeature(this.db.pool, user, layers, id);
    const loginNames = canSeeLoginNames(user, this.config.showLoginNames);
    const { rows } = await this.db.pool.query(historySql, [id]);
    return rows.map((r, i) => {
      const previous = rows[i + 1];
      const layer = layers.find((l) => l.key === r.layer_key);
      const fields = layer?.fieldDefs ?? [];
      // Restricted fields the caller may not read are left out of the versions and of the diffs.
      const visible = (a: Record<string, unknown>) => omitFields(a, layer?.hiddenFields ?? []);
      return {
        featureId: r.feature_id, layerKey: r.layer_key, version: r.version, operation: r.operation, changedAt: r.changed_at,
        changedBy: r.changed_by, changedByUsername: loginNames ? r.changed_by_username : null, attributes: visible(r.attributes), geometry: r.geometry,
        changes: diffAttributes(previous ? visible(previous.attributes) : null, visible(r.attributes), fields),
        geometryChanged: !previous || JSON.stringify(previous.geometry) !== JSON.stringify(r.geometry), importId: r.import_id,
      };
    });
  }

  async changes(user: SessionUser | null, layers: LayerRecord[], filter: { layer?: string; user?: string; since?: Date; until?: Date; first?: number }) {
    requireAdmin(user);
    const first = filter.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > 1000) throw appError('pageSize', { field: 'first', min: 1, max: 1000 }, { field: 'first' });
    if (filter.layer && !layers.some((l) => l.key === filter.layer)) throw appError('unknownLayer', { layer: filter.layer }, { field: 'layer' });
    const { rows } = await this.db.pool.query(changesSql, [filter.layer ?? null, filter.user ?? null, filter.since ?? null, filter.until ?? null, first]);
    return rows.map((r) => {
      const layer = layers.find((l) => l.key === r.layer_key);
      return {
        featureId: r.feature_id, layerKey: r.layer_key, layerName: r.layer_name, label: layer ? featureLabel(layer, r.attributes) : null,
        version: r.version, operation: r.operation,
        changedAt: r.changed_at, changedBy: r.changed_by, changedByUsername: r.changed_by_username,
        changes: diffAttributes(r.version > 1 ? r.previous_attributes : null, r.attributes, layer?.fieldDefs ?? []),
        geometryChanged: r.version === 1 || !!r.geometry_changed, importId: r.import_id,
      };
    });
  }
}

/**
 * Bumps the touched layers' data versions (locking them until commit) and refuses the edit when a
 * layer's definition changed after the request read it: the edit was validated against rules that
 * no longer hold (e.g. an enum option removed meanwhile). Of an edit and a concurrent updateLayer,
 * either this CONFLICT or updateLayer's "features in the way" refusal fires, never neither.
 */
async function checkLayersAtCommit(tx: PoolClient, layers: LayerRecord[], touched: Set<number>): Promise<void> {
  const { rows } = await tx.query<{ id: number; fields: unknown; geometry_types: string[] }>(bumpLayerVersionSql, [[...touched]]);
  for (const row of rows) {
    const layer = layers.find((l) => l.id === row.id)!;
    if (JSON.stringify(row.fields) !== JSON.stringify(layer.fieldDefs) || JSON.stringify(row.geometry_types) !== JSON.stringify(layer.geometryTypes)) {
      throw appError('layerChangedMeanwhile', { layer: layer.key, layerName: layer.nameJa }, { layer: layer.key });
    }
  }
}

/** Every write keeps the feature's search key in step with its attributes. */
const searchKeyFor = (layer: LayerRecord, attributes: Record<string, unknown>) => featureSearchKey(searchFieldKeys(layer), attributes);

const withoutComputed = (fields: FieldDefinition[], attrs: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(attrs).filter(([k]) => !fields.some((f) => f.key === k && f.computed)));

/**
 * Validates attributes against the layer (merged onto the stored ones for an update).
 * Computed fields sent by a client are ignored: the server computes them.
 */
function checkAttributes(fields: FieldDefinition[], patch: Record<string, unknown>, stored: Record<string, unknown>) {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw appError('attributesNotObject', {}, { field: 'attributes' });
  if (JSON.stringify(patch).length > MAX_ATTRIBUTES_BYTES) throw appError('attributesTooLarge', { maxKb: MAX_ATTRIBUTES_BYTES / 1024 }, { field: 'attributes' });
  const clean = withoutComputed(fields, patch);
  const partialProblems = validateAttributes(fields, clean, { partial: true });
  const merged = normalizeAttributes(mergeAttributes(withoutComputed(fields, stored), clean));
  const problems = [...partialProblems, ...validateAttributes(fields, merged).filter((p) => !partialProblems.some((q) => q.field === p.field))];
  if (problems.length) {
    throw appError('attributesInvalid', { problems: describeProblems(problems) }, { field: problems[0].field, problems });
  }
  return merged;
}

/** The feature as it is, for a CONFLICT (read only then: a batch locks thousands of rows without their geometry). */
async function current(tx: PoolClient, row: LockedRow) {
  const { rows: [state] } = await tx.query<{ geojson: string; updated_at: Date; updated_by: string | null }>(currentStateSql, [row.id]);
  return {
    currentVersion: row.version,
    current: {
      id: row.id, version: row.version, attributes: row.attributes, geometry: JSON.parse(state.geojson), deleted: !!row.deleted_at,
      updatedAt: state.updated_at, updatedBy: state.updated_by,
    },
  };
}
