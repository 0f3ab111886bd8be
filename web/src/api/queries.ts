// The GraphQL operations of reading the map, with typed wrappers (types generated from schema/schema.graphql).
import { gql } from './client';
import { graphql } from './generated';
import type { FeaturesQueryVariables } from './generated/graphql';
import type { AreaSelectionInput, FeatureConnection, FeatureHit, Layer, SearchResult, StoredFeature, User } from './model';

const MeQuery = graphql(`query Me { me { ...UserFields } }`);

export async function fetchMe(): Promise<User | null> {
  const data = await gql(MeQuery);
  return data.me ?? null;
}

const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!, $newPassword: String) {
    login(username: $username, password: $password, newPassword: $newPassword) { user { ...UserFields } }
  }
`);

/** Logs in; with `newPassword` the password is changed first (required once it expired: reason passwordExpired). */
export async function login(username: string, password: string, newPassword?: string): Promise<User> {
  const data = await gql(LoginMutation, { username, password, newPassword: newPassword ?? null });
  return data.login.user;
}

const LogoutMutation = graphql(`mutation Logout { logout }`);

export async function logout(): Promise<void> {
  await gql(LogoutMutation);
}

// The caller's editable layers come with the layers, so a layer made or granted during the session
// is editable as soon as the layers are read again (never from the state at login).
const LayersQuery = graphql(`
  query Layers {
    layers { ...LayerFields }
    me { editableLayers }
  }
`);

export async function fetchLayers(): Promise<Layer[]> {
  const data = await gql(LayersQuery);
  return withPermissions(data.layers, data.me?.editableLayers ?? []);
}

/** Marks each layer with whether the caller may edit it (the server's `editableLayers`). */
export function withPermissions<L extends { key: string; style: Record<string, unknown> | null }>(
  layers: L[],
  editableLayers: readonly string[],
): (Omit<L, 'style'> & { style: Layer['style']; canEdit: boolean })[] {
  const editable = new Set(editableLayers);
  return layers.map((layer) => ({ ...layer, style: layer.style as Layer['style'], canEdit: editable.has(layer.key) }));
}

export type FeaturesArgs = Omit<FeaturesQueryVariables, 'layer'> & { layer: string };

const FeaturesQuery = graphql(`
  query Features($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!], $search: String,
                 $orderBy: FeatureOrder, $first: Int, $after: String) {
    features(layer: $layer, bbox: $bbox, area: $area, where: $where, search: $search, orderBy: $orderBy,
             first: $first, after: $after) {
      totalCount
      edges { cursor node { ...FeatureFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export async function fetchFeatures(args: FeaturesArgs, signal?: AbortSignal): Promise<FeatureConnection> {
  const data = await gql(FeaturesQuery, { ...args }, signal);
  return data.features;
}

const FeaturesExtentQuery = graphql(`
  query FeaturesExtent($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!]) {
    features(layer: $layer, bbox: $bbox, area: $area, where: $where, first: 0) { totalCount extent }
  }
`);

/** [minLon, minLat, maxLon, maxLat] of every feature matching the filter (null when none). */
export async function fetchFeaturesExtent(args: Pick<FeaturesArgs, 'layer' | 'bbox' | 'area' | 'where'>): Promise<number[] | null> {
  const data = await gql(FeaturesExtentQuery, { ...args });
  return data.features.extent ?? null;
}

const AreaOutlineQuery = graphql(`query AreaOutline($area: AreaSelectionInput!) { areaOutline(area: $area) }`);

/** What an area selects, to outline on the map (a buffer as the server measures it). */
export async function fetchAreaOutline(area: AreaSelectionInput, signal?: AbortSignal): Promise<GeoJSON.Geometry> {
  return (await gql(AreaOutlineQuery, { area }, signal)).areaOutline;
}

/** The server's largest page; used to load whole layers and to export. */
export const MAX_PAGE = 5000;

/** All features matching the arguments, page by page. */
export async function fetchAllFeatures(
  args: Omit<FeaturesArgs, 'first' | 'after'>,
  signal?: AbortSignal,
  onPage?: (loaded: number, total: number) => void,
): Promise<StoredFeature[]> {
  const features: StoredFeature[] = [];
  let after: string | null = null;
  for (;;) {
    const page: FeatureConnection = await fetchFeatures({ ...args, first: MAX_PAGE, after }, signal);
    for (const edge of page.edges) features.push(edge.node);
    onPage?.(features.length, page.totalCount);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return features;
    after = page.pageInfo.endCursor;
  }
}

const FeatureQuery = graphql(`query Feature($id: ID!) { feature(id: $id) { ...FeatureFields } }`);

export async function fetchFeature(id: string): Promise<StoredFeature | null> {
  const data = await gql(FeatureQuery, { id });
  return data.feature ?? null;
}

const FeaturesAtQuery = graphql(`
  query FeaturesAt($lon: Float!, $lat: Float!, $tolerance: Float, $layers: [String!]) {
    featuresAt(lon: $lon, lat: $lat, tolerance: $tolerance, layers: $layers) {
      distanceM feature { ...FeatureFields }
    }
  }
`);

export async function fetchFeaturesAt(
  lon: number,
  lat: number,
  tolerance: number,
  layers: string[],
  signal?: AbortSignal,
): Promise<FeatureHit[]> {
  const data = await gql(FeaturesAtQuery, { lon, lat, tolerance, layers }, signal);
  return data.featuresAt;
}

const SearchQuery = graphql(`
  query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) {
      kind label sublabel town date layerKey featureId geometry bbox match note { code requested found }
    }
  }
`);

export async function search(text: string, first = 10, signal?: AbortSignal): Promise<SearchResult[]> {
  const data = await gql(SearchQuery, { text, first }, signal);
  return data.search;
}
