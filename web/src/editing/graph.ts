// The edit graph, after iD's coreGraph: the stored features loaded into the session (the base)
// and the local changes on top. Edits are pure actions from one graph to the next; the base is
// never edited, only replaced when the server says what is stored now (after a save or a conflict).
import type { Geometry } from 'geojson';
import type { Attributes, Feature } from '../api/model';

/** "123" for a stored feature (its id), "new-1" for one drawn in this session. */
export type FeatureKey = string;

export interface DraftFeature {
  key: FeatureKey;
  /** Server id; null until a new feature is saved. */
  id: string | null;
  layerKey: string;
  geometry: Geometry;
  attributes: Attributes;
  /** The stored version this draft was made on (null for a new feature). */
  version: number | null;
  deleted: boolean;
}

/** Stored features as loaded, by key. */
export type Base = Readonly<Record<FeatureKey, DraftFeature>>;

/** Local changes: a draft per changed or new feature. */
export interface EditGraph {
  readonly local: Readonly<Record<FeatureKey, DraftFeature>>;
}

export type Action = (graph: EditGraph, base: Base) => EditGraph;

export const emptyGraph: EditGraph = { local: {} };

let newFeatureCounter = 0;
/** Keys of features drawn in this page; never reused, so undo/redo cannot confuse two of them. */
export function nextNewKey(): FeatureKey {
  newFeatureCounter += 1;
  return `new-${newFeatureCounter}`;
}

export function draftFromFeature(feature: Feature): DraftFeature {
  return {
    key: feature.id,
    id: feature.id,
    layerKey: feature.layerKey,
    geometry: feature.geometry,
    attributes: feature.attributes ?? {},
    version: feature.version ?? null,
    deleted: false,
  };
}

/** The feature as it is in the graph: the local draft, else the stored one. */
export function entity(graph: EditGraph, base: Base, key: FeatureKey): DraftFeature | undefined {
  return Object.prototype.hasOwnProperty.call(graph.local, key) ? graph.local[key] : base[key];
}

/** Every feature visible in the session (loaded or new), without deleted ones. */
export function entities(graph: EditGraph, base: Base): DraftFeature[] {
  const keys = new Set([...Object.keys(base), ...Object.keys(graph.local)]);
  return [...keys].map((k) => entity(graph, base, k)).filter((f): f is DraftFeature => !!f && !f.deleted);
}

function put(graph: EditGraph, feature: DraftFeature): EditGraph {
  return { local: { ...graph.local, [feature.key]: feature } };
}

function without(graph: EditGraph, key: FeatureKey): EditGraph {
  const { [key]: _removed, ...rest } = graph.local;
  return { local: rest };
}

function require(graph: EditGraph, base: Base, key: FeatureKey): DraftFeature {
  const feature = entity(graph, base, key);
  if (!feature) throw new Error(`no feature ${key} in the edit session`);
  return feature;
}

// Actions ----------------------------------------------------------------------------------------

export function actionAddFeature(feature: Omit<DraftFeature, 'id' | 'version' | 'deleted'>): Action {
  return (graph) => put(graph, { ...feature, id: null, version: null, deleted: false });
}

export function actionSetGeometry(key: FeatureKey, geometry: Geometry): Action {
  return (graph, base) => put(graph, { ...require(graph, base, key), geometry });
}

/** Sets the given attributes; null or "" clears a field (as the server reads it). */
export function actionChangeAttributes(key: FeatureKey, patch: Attributes): Action {
  return (graph, base) => {
    const feature = require(graph, base, key);
    const attributes = { ...feature.attributes };
    for (const [field, value] of Object.entries(patch)) {
      if (value === null || value === undefined || value === '') delete attributes[field];
      else attributes[field] = value;
    }
    return put(graph, { ...feature, attributes });
  };
}

/** A new feature simply disappears; a stored one is marked deleted (saved as a soft delete). */
export function actionDeleteFeature(key: FeatureKey): Action {
  return (graph, base) => {
    const feature = require(graph, base, key);
    if (feature.id === null) return without(graph, key);
    return put(graph, { ...feature, deleted: true });
  };
}

/** Drops the local changes of one feature: it is as stored again. */
export function actionRevertFeature(key: FeatureKey): Action {
  return (graph) => without(graph, key);
}

/** Moves every position of a geometry by a lon/lat offset (whole-feature move). */
export function translateGeometry(geometry: Geometry, dLon: number, dLat: number): Geometry {
  const move = (p: number[]): number[] => [p[0] + dLon, p[1] + dLat, ...p.slice(2)];
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: move(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(move) } as Geometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((r) => r.map(move)) } as Geometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(move))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => translateGeometry(g, dLon, dLat)) };
  }
}
