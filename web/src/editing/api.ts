// The GraphQL operations of editing, history and layer administration.
import { gql } from '../api/client';
import { graphql } from '../api/generated';
import type { ChangesQuery, ChangesQueryVariables, FeatureHistoryQuery, LayerFieldsFragment, LayerInput, LayerPatch } from '../api/generated/graphql';
import type { Department, StoredFeature } from '../api/model';
import type { FeatureChangeInput } from './diff';

export type { FieldInput, LayerInput } from '../api/generated/graphql';

/** A feature as a write returns it; deletedAt is set after a delete. */
export type SavedFeature = StoredFeature;

const ApplyChangesMutation = graphql(`
  mutation ApplyChanges($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { ...FeatureFields } }
`);

/** Applies the changes all or nothing; the written features come back in order. */
export async function applyChanges(changes: FeatureChangeInput[]): Promise<SavedFeature[]> {
  const data = await gql(ApplyChangesMutation, { changes });
  return data.applyChanges;
}

const FeatureHistoryQuery = graphql(`
  query FeatureHistory($id: ID!) {
    featureHistory(id: $id) {
      featureId layerKey version operation changedAt changedBy changedByUsername attributes geometry geometryChanged
      changes { field label before after }
    }
  }
`);

export type FeatureVersion = FeatureHistoryQuery['featureHistory'][number];

export async function fetchFeatureHistory(id: string): Promise<FeatureVersion[]> {
  const data = await gql(FeatureHistoryQuery, { id });
  return data.featureHistory;
}

const RestoreMutation = graphql(`
  mutation Restore($id: ID!, $version: Int!, $expectedVersion: Int) {
    restoreFeature(id: $id, version: $version, expectedVersion: $expectedVersion) { ...FeatureFields }
  }
`);

export async function restoreFeature(id: string, version: number, expectedVersion?: number): Promise<SavedFeature> {
  const data = await gql(RestoreMutation, { id, version, expectedVersion });
  return data.restoreFeature;
}

const ChangesQuery = graphql(`
  query Changes($layer: String, $user: String, $since: DateTimeISO, $until: DateTimeISO, $first: Int!) {
    changes(layer: $layer, user: $user, since: $since, until: $until, first: $first) {
      featureId layerKey layerName label version operation changedAt changedBy changedByUsername geometryChanged
      changes { field label before after }
    }
  }
`);

export type ChangeEntry = ChangesQuery['changes'][number];
export type ChangesFilter = Partial<ChangesQueryVariables>;

export async function fetchChanges(filter: ChangesFilter): Promise<ChangeEntry[]> {
  const data = await gql(ChangesQuery, { first: 100, ...filter });
  return data.changes;
}

const DepartmentsQuery = graphql(`query Departments { departments { key nameJa nameEn } }`);

export async function fetchDepartments(): Promise<Department[]> {
  const data = await gql(DepartmentsQuery);
  return data.departments;
}

const CreateLayerMutation = graphql(`mutation CreateLayer($input: LayerInput!) { createLayer(input: $input) { ...LayerFields } }`);

const UpdateLayerMutation = graphql(`mutation UpdateLayer($key: String!, $patch: LayerPatch!) { updateLayer(key: $key, patch: $patch) { ...LayerFields } }`);

// The written layer comes back without the caller's permissions: the app reads the layers again (fetchLayers).
export async function createLayer(input: LayerInput): Promise<LayerFieldsFragment> {
  const data = await gql(CreateLayerMutation, { input });
  return data.createLayer;
}

export async function updateLayer(key: string, patch: LayerPatch): Promise<LayerFieldsFragment> {
  const data = await gql(UpdateLayerMutation, { key, patch });
  return data.updateLayer;
}
