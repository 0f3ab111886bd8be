// A save that meets a colleague's newer version: compare the version the user edited (original),
// the user's draft (mine) and the stored one (theirs), then rebase the draft onto theirs. Nothing
// is lost silently: every field both sides changed differently must be chosen.
import type { Geometry } from 'geojson';
import type { Attributes, FieldDefinition } from '../api/model';
import { changedFields, geometryEquals, valuesEqual } from './diff';
import type { Base, DraftFeature, EditGraph, FeatureKey } from './graph';

/** The stored feature as the server's CONFLICT error carries it (extensions.current). */
export interface StoredVersion {
  id: string;
  version: number;
  attributes: Attributes;
  geometry: Geometry;
  deleted: boolean;
  /** Display name of who saved the stored version, and when (the CONFLICT error carries both). */
  updatedBy?: string | null;
  updatedAt?: string | null;
}

export type Side = 'mine' | 'theirs';

export interface ConflictRow {
  field: string;
  original: unknown;
  mine: unknown;
  theirs: unknown;
  mineChanged: boolean;
  theirsChanged: boolean;
  /** Both changed it, to different values: the user must choose. */
  clash: boolean;
  /** What merging takes unless the user chooses otherwise. */
  suggested: Side;
}

export interface ConflictComparison {
  rows: ConflictRow[];
  geometry: { mineChanged: boolean; theirsChanged: boolean; clash: boolean; suggested: Side };
}

/** One row per field that differs between mine and theirs (others need no decision). */
export function compareVersions(original: DraftFeature, mine: DraftFeature, theirs: StoredVersion, fields: FieldDefinition[]): ConflictComparison {
  const keys = new Set([...fields.filter((f) => !f.computed).map((f) => f.key), ...changedFields(mine.attributes, theirs.attributes)]);
  const computed = new Set(fields.filter((f) => f.computed).map((f) => f.key));
  const rows: ConflictRow[] = [];
  for (const field of keys) {
    if (computed.has(field)) continue;
    const [o, m, t] = [original.attributes[field], mine.attributes[field], theirs.attributes[field]];
    if (valuesEqual(m, t)) continue;
    const mineChanged = !valuesEqual(o, m);
    const theirsChanged = !valuesEqual(o, t);
    rows.push({
      field,
      original: o,
      mine: m,
      theirs: t,
      mineChanged,
      theirsChanged,
      clash: mineChanged && theirsChanged,
      // Each side keeps what it changed; on a clash the user's own value is the default.
      suggested: mineChanged ? 'mine' : 'theirs',
    });
  }
  const mineMoved = !geometryEquals(original.geometry, mine.geometry);
  const theirsMoved = !geometryEquals(original.geometry, theirs.geometry);
  const differ = !geometryEquals(mine.geometry, theirs.geometry);
  return {
    rows,
    geometry: { mineChanged: mineMoved && differ, theirsChanged: theirsMoved && differ, clash: mineMoved && theirsMoved && differ, suggested: mineMoved ? 'mine' : 'theirs' },
  };
}

export type Resolution =
  | { kind: 'mine' }
  | { kind: 'theirs' }
  | { kind: 'merge'; fields: Record<string, Side>; geometry: Side };

/** The stored version as a base feature. */
export function storedAsDraft(stored: StoredVersion, layerKey: string): DraftFeature {
  return { key: stored.id, id: stored.id, layerKey, geometry: stored.geometry, attributes: stored.attributes, version: stored.version, deleted: stored.deleted };
}

/**
 * Rebases the draft of `key` onto the stored version: the base becomes theirs, the draft becomes
 * mine, theirs or the merge. The next save then sends what differs from theirs, with their version.
 */
export function resolveConflict(
  base: Base,
  graph: EditGraph,
  key: FeatureKey,
  stored: StoredVersion,
  resolution: Resolution,
  comparison?: ConflictComparison,
): { base: Base; graph: EditGraph } {
  const mine = graph.local[key];
  const newBase: Base = { ...base, [key]: storedAsDraft(stored, mine?.layerKey ?? base[key]?.layerKey ?? '') };
  if (resolution.kind === 'theirs' || !mine) {
    const { [key]: _dropped, ...rest } = graph.local;
    return { base: newBase, graph: { local: rest } };
  }
  if (resolution.kind === 'mine') {
    return { base: newBase, graph: { local: { ...graph.local, [key]: { ...mine, version: stored.version, deleted: mine.deleted } } } };
  }
  const attributes: Attributes = { ...stored.attributes };
  for (const row of comparison?.rows ?? []) {
    const side = resolution.fields[row.field] ?? row.suggested;
    const value = side === 'mine' ? row.mine : row.theirs;
    if (value === null || value === undefined || value === '') delete attributes[row.field];
    else attributes[row.field] = value;
  }
  const geometry = resolution.geometry === 'mine' ? mine.geometry : stored.geometry;
  return { base: newBase, graph: { local: { ...graph.local, [key]: { ...mine, attributes, geometry, version: stored.version, deleted: false } } } };
}
