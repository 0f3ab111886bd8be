// The GraphQL operations of editing, history and layer administration.
import type { Geometry } from 'geojson';
import { gql } from '../api/client';
import type { Attributes, Department, Feature, Layer } from '../api/types';
import type { FeatureChangeInput } from './diff';

const FEATURE_FIELDS = `id layerKey geometry attributes version updatedAt updatedBy lengthM areaM2 deletedAt`;

/** A feature as a write returns it; deletedAt is set after a delete. */
export type SavedFeature = Feature & { deletedAt?: string | null };

/** Applies the changes all or nothing; the written features come back in order. */
export async function applyChanges(changes: FeatureChangeInput[]): Promise<SavedFeature[]> {
  const data = await gql<{ applyChanges: SavedFeature[] }>(
    `mutation ApplyChanges($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { ${FEATURE_FIELDS} } }`,
    { changes },
  );
  return data.applyChanges;
}

export interface AttributeChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface FeatureVersion {
  featureId: string;
  layerKey: string;
  version: number;
  operation: string;
  changedAt: string;
  changedBy: string | null;
  changedByUsername: string | null;
  attributes: Attributes;
  geometry: Geometry;
  geometryChanged: boolean;
  changes: AttributeChange[];
}

export async function fetchFeatureHistory(id: string): Promise<FeatureVersion[]> {
  const data = await gql<{ featureHistory: FeatureVersion[] }>(
    `query FeatureHistory($id: ID!) {
      featureHistory(id: $id) {
        featureId layerKey version operation changedAt changedBy changedByUsername attributes geometry geometryChanged
        changes { field label before after }
      }
    }`,
    { id },
  );
  return data.featureHistory;
}

export async function restoreFeature(id: string, version: number, expectedVersion?: number): Promise<SavedFeature> {
  const data = await gql<{ restoreFeature: SavedFeature }>(
    `mutation Restore($id: ID!, $version: Int!, $expectedVersion: Int) {
      restoreFeature(id: $id, version: $version, expectedVersion: $expectedVersion) { ${FEATURE_FIELDS} }
    }`,
    { id, version, expectedVersion },
  );
  return data.restoreFeature;
}

export interface ChangeEntry {
  featureId: string;
  layerKey: string;
  layerName: string;
  version: number;
  operation: string;
  changedAt: string;
  changedBy: string | null;
  changedByUsername: string | null;
  geometryChanged: boolean;
  changes: AttributeChange[];
}

export interface ChangesFilter {
  layer?: string | null;
  user?: string | null;
  since?: string | null;
  until?: string | null;
  first?: number;
}

export async function fetchChanges(filter: ChangesFilter): Promise<ChangeEntry[]> {
  const data = await gql<{ changes: ChangeEntry[] }>(
    `query Changes($layer: String, $user: String, $since: DateTimeISO, $until: DateTimeISO, $first: Int!) {
      changes(layer: $layer, user: $user, since: $since, until: $until, first: $first) {
        featureId layerKey layerName version operation changedAt changedBy changedByUsername geometryChanged
        changes { field label before after }
      }
    }`,
    { first: 100, ...filter },
  );
  return data.changes;
}

export async function fetchDepartments(): Promise<Department[]> {
  const data = await gql<{ departments: Department[] }>(`query Departments { departments { key nameJa nameEn } }`);
  return data.departments;
}

/** A field definition as the layer administration API takes it (FieldInput). */
export interface FieldInput {
  key: string;
  label: string;
  labelEn?: string | null;
  type: string;
  required: boolean;
  options?: string[] | null;
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
  unit?: string | null;
  computed?: string | null;
  /** No two live features of the layer may share a value (管理番号). */
  unique?: boolean;
  /** Personal data: who besides the layer's editors reads it; null lifts the restriction. */
  restricted?: { departments: string[]; users: number[] } | null;
}

export interface LayerInput {
  key: string;
  nameJa: string;
  nameEn: string;
  departmentKey: string;
  geometryTypes: string[];
  fields: FieldInput[];
  labelField?: string | null;
  style?: Record<string, unknown>;
}

const LAYER_FIELDS = `key nameJa nameEn labelField geometryTypes featureCount extent style
  department { key nameJa nameEn }
  fields { key label labelEn type required options min max maxLength unit computed }`;

export async function createLayer(input: LayerInput): Promise<Layer> {
  const data = await gql<{ createLayer: Layer }>(`mutation CreateLayer($input: LayerInput!) { createLayer(input: $input) { ${LAYER_FIELDS} } }`, { input });
  return data.createLayer;
}

export async function updateLayer(key: string, patch: Partial<Omit<LayerInput, 'key'>>): Promise<Layer> {
  const data = await gql<{ updateLayer: Layer }>(
    `mutation UpdateLayer($key: String!, $patch: LayerPatch!) { updateLayer(key: $key, patch: $patch) { ${LAYER_FIELDS} } }`,
    { key, patch },
  );
  return data.updateLayer;
}
