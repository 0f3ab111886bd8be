// The API's types as the client uses them: the shared fragments and the types generated from them
// (schema/schema.graphql → `npm run codegen` → ./generated). Nothing here is written by hand except
// the reading of JSON scalars (a layer's style) and what the client adds (a layer's `canEdit`).
import { graphql } from './generated';
import type {
  FeatureFieldsFragment,
  FeaturesAtQuery,
  FeaturesQuery,
  FieldDefinitionFieldsFragment,
  LayerFieldsFragment,
  SearchQuery,
  UserFieldsFragment,
} from './generated/graphql';

export type { AreaSelectionInput, AttributeFilter, ComputedKind, FeatureOrder, FieldType } from './generated/graphql';

/**
 * The one feature selection of every query and write that returns features.
 * @public Spread by name (`...FeatureFields`) in documents; the generator reads it here.
 */
export const FeatureFields = graphql(`
  fragment FeatureFields on Feature {
    id layerKey geometry attributes version updatedAt updatedBy lengthM areaM2 deletedAt
  }
`);

/** @public Spread by name (`...FieldDefinitionFields`) in documents; the generator reads it here. */
export const FieldDefinitionFields = graphql(`
  fragment FieldDefinitionFields on FieldDefinition {
    key label labelEn type required options min max maxLength unit computed unique format
    restricted { departments users }
  }
`);

/** @public Spread by name (`...LayerFields`) in documents; the generator reads it here. */
export const LayerFields = graphql(`
  fragment LayerFields on Layer {
    key nameJa nameEn kind basemap published publishedFields labelField geometryTypes featureCount extent style role
    readAccess { departments users }
    department { key nameJa nameEn }
    fields { ...FieldDefinitionFields }
  }
`);

/** @public Spread by name (`...UserFields`) in documents; the generator reads it here. */
export const UserFields = graphql(`
  fragment UserFields on User {
    id username displayName role department { key nameJa nameEn } disabled grantedLayers
  }
`);

export type Attributes = Record<string, unknown>;
/** A feature as the server returns it. */
export type StoredFeature = FeatureFieldsFragment;
/** A feature as the client holds it: a new draft, or a place found by search, has no version yet. */
export type Feature = Pick<StoredFeature, 'id' | 'layerKey' | 'geometry' | 'attributes'> & Partial<StoredFeature>;
export type FieldDefinition = FieldDefinitionFieldsFragment;
export type Department = NonNullable<UserFieldsFragment['department']>;
export type User = UserFieldsFragment;

/** Paint per geometry kind, plus `color` for legend swatches (the client's reading of the JSON `style`). */
export interface LayerStyle {
  color?: string;
  circle?: Record<string, unknown>;
  line?: Record<string, unknown>;
  fill?: Record<string, unknown>;
}

export type Layer = Omit<LayerFieldsFragment, 'style'> & {
  style: LayerStyle | null;
  /** The caller may edit the layer's features: asked of the server with the layers, never kept from login. */
  canEdit: boolean;
};

export type FeatureConnection = FeaturesQuery['features'];
/** A feature at a clicked place (or one shown by search, which the client makes itself). */
export type FeatureHit = Omit<FeaturesAtQuery['featuresAt'][number], 'feature'> & { feature: Feature };
/** A hit with only what naming it needs (the enquiry's nearest street light, garbage point …). */
export type FeatureRef = { distanceM: number; feature: Pick<Feature, 'id' | 'layerKey' | 'attributes'> };
export type SearchResult = SearchQuery['search'][number];
export type SearchNote = NonNullable<SearchResult['note']>;

/** The part a layer plays (the server's layer.roles.ts): the app finds the road ledger … by it, never by key. */
export type LayerRole = NonNullable<Layer['role']>;

/** The layer playing a role, if the user may read it. */
export function layerWithRole<L extends { role?: string | null }>(layers: Iterable<L> | null | undefined, role: LayerRole): L | undefined {
  for (const layer of layers ?? []) if (layer.role === role) return layer;
  return undefined;
}
