// What to save, computed by comparing the stored features with the edit graph (after iD's
// core/difference), never tracked by hand: a feature moved away and back again is no change.
import type { Geometry } from 'geojson';
import type { Attributes, Layer } from '../api/model';
import { entity, type Base, type DraftFeature, type EditGraph, type FeatureKey } from './graph';

export type ChangeOp = 'CREATE' | 'UPDATE' | 'DELETE' | 'RESTORE';

/** One change of an applyChanges batch (FeatureChangeInput in schema/schema.graphql). */
export interface FeatureChangeInput {
  op: ChangeOp;
  layer?: string;
  id?: string;
  expectedVersion?: number;
  version?: number;
  geometry?: Geometry;
  attributes?: Attributes;
}

export interface PendingChange {
  key: FeatureKey;
  kind: 'create' | 'update' | 'delete';
  layerKey: string;
  /** Attribute keys that differ from the stored feature. */
  fields: string[];
  geometryChanged: boolean;
  input: FeatureChangeInput;
}

/**
 * Positions closer than 1e-7 degrees (about 1 cm) are the same: the API gives geometries with 7
 * decimals in reads and 9 in conflicts, and nobody drags a feature by less than a centimetre.
 */
const TOLERANCE = 1e-7;

function sameCoordinates(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= TOLERANCE;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameCoordinates(v, b[i]));
  return false;
}

export function geometryEquals(a: Geometry, b: Geometry): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'GeometryCollection' || b.type === 'GeometryCollection') return JSON.stringify(a) === JSON.stringify(b);
  return sameCoordinates(a.coordinates, b.coordinates);
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

export function valuesEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Keys whose values differ; a field only one side has counts when its value is not empty. */
export function changedFields(before: Attributes, after: Attributes): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !valuesEqual(before[k], after[k]));
}

function computedKeys(layer: Layer | undefined): Set<string> {
  return new Set((layer?.fields ?? []).filter((f) => f.computed).map((f) => f.key));
}

function withoutKeys(attributes: Attributes, drop: Set<string>): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([k, v]) => !drop.has(k) && !isEmpty(v)));
}

/**
 * The changes that turn the stored features into the graph, in the order the features were first
 * changed. Computed fields (lengths, areas) are left to the server.
 */
export function diffGraph(base: Base, graph: EditGraph, layersByKey: Map<string, Layer>): PendingChange[] {
  const changes: PendingChange[] = [];
  for (const key of Object.keys(graph.local)) {
    const draft = entity(graph, base, key) as DraftFeature;
    const stored = base[key];
    const computed = computedKeys(layersByKey.get(draft.layerKey));
    if (draft.id === null || !stored) {
      const attributes = withoutKeys(draft.attributes, computed);
      changes.push({
        key,
        kind: 'create',
        layerKey: draft.layerKey,
        fields: Object.keys(attributes),
        geometryChanged: true,
        input: { op: 'CREATE', layer: draft.layerKey, geometry: draft.geometry, attributes },
      });
      continue;
    }
    if (draft.deleted) {
      if (stored.deleted) continue;
      changes.push({
        key,
        kind: 'delete',
        layerKey: draft.layerKey,
        fields: [],
        geometryChanged: false,
        input: { op: 'DELETE', id: draft.id, expectedVersion: stored.version ?? undefined },
      });
      continue;
    }
    const fields = changedFields(stored.attributes, draft.attributes).filter((k) => !computed.has(k));
    const geometryChanged = !geometryEquals(stored.geometry, draft.geometry);
    if (!fields.length && !geometryChanged) continue;
    const input: FeatureChangeInput = { op: 'UPDATE', id: draft.id, expectedVersion: stored.version ?? undefined };
    // Only the fields that changed: a colleague's edit of another field is not overwritten.
    if (fields.length) input.attributes = Object.fromEntries(fields.map((k) => [k, isEmpty(draft.attributes[k]) ? null : draft.attributes[k]]));
    if (geometryChanged) input.geometry = draft.geometry;
    changes.push({ key, kind: 'update', layerKey: draft.layerKey, fields, geometryChanged, input });
  }
  return changes;
}
