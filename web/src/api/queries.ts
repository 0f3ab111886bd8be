// Every GraphQL operation the client sends, with typed wrappers.
import { gql } from './client';
import type {
  AttributeFilter,
  Feature,
  FeatureConnection,
  FeatureHit,
  FeatureOrder,
  Layer,
  SearchResult,
  User,
} from './types';

const USER_FIELDS = `id username displayName role editableLayers department { key nameJa nameEn }`;
const FEATURE_FIELDS = `id layerKey geometry attributes version updatedAt lengthM areaM2`;

export async function fetchMe(): Promise<User | null> {
  const data = await gql<{ me: User | null }>(`query Me { me { ${USER_FIELDS} } }`);
  return data.me;
}

export async function login(username: string, password: string): Promise<User> {
  const data = await gql<{ login: { user: User } }>(
    `mutation Login($username: String!, $password: String!) {
      login(username: $username, password: $password) { user { ${USER_FIELDS} } }
    }`,
    { username, password },
  );
  return data.login.user;
}

export async function logout(): Promise<void> {
  await gql<{ logout: boolean }>(`mutation Logout { logout }`);
}

export async function fetchLayers(): Promise<Layer[]> {
  const data = await gql<{ layers: Layer[] }>(`query Layers {
    layers {
      key nameJa nameEn kind basemap labelField geometryTypes featureCount extent style
      department { key nameJa nameEn }
      fields { key label labelEn type required options min max maxLength unit computed unique restricted { departments users } }
    }
  }`);
  return data.layers;
}

export interface FeaturesArgs {
  layer: string;
  bbox?: number[];
  where?: AttributeFilter[];
  search?: string;
  orderBy?: FeatureOrder;
  first?: number;
  after?: string | null;
}

export async function fetchFeatures(args: FeaturesArgs, signal?: AbortSignal): Promise<FeatureConnection> {
  const data = await gql<{ features: FeatureConnection }>(
    `query Features($layer: String!, $bbox: [Float!], $where: [AttributeFilter!], $search: String,
                    $orderBy: FeatureOrder, $first: Int, $after: String) {
      features(layer: $layer, bbox: $bbox, where: $where, search: $search, orderBy: $orderBy,
               first: $first, after: $after) {
        totalCount
        edges { cursor node { ${FEATURE_FIELDS} } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { ...args },
    signal,
  );
  return data.features;
}

/** The server's largest page; used to load whole layers and to export. */
export const MAX_PAGE = 5000;

/** All features matching the arguments, page by page. */
export async function fetchAllFeatures(
  args: Omit<FeaturesArgs, 'first' | 'after'>,
  signal?: AbortSignal,
  onPage?: (loaded: number, total: number) => void,
): Promise<Feature[]> {
  const features: Feature[] = [];
  let after: string | null = null;
  for (;;) {
    const page: FeatureConnection = await fetchFeatures({ ...args, first: MAX_PAGE, after }, signal);
    for (const edge of page.edges) features.push(edge.node);
    onPage?.(features.length, page.totalCount);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return features;
    after = page.pageInfo.endCursor;
  }
}

export async function fetchFeature(id: string): Promise<Feature | null> {
  const data = await gql<{ feature: Feature | null }>(
    `query Feature($id: ID!) { feature(id: $id) { ${FEATURE_FIELDS} } }`,
    { id },
  );
  return data.feature;
}

export async function fetchFeaturesAt(
  lon: number,
  lat: number,
  tolerance: number,
  layers: string[],
  signal?: AbortSignal,
): Promise<FeatureHit[]> {
  const data = await gql<{ featuresAt: FeatureHit[] }>(
    `query FeaturesAt($lon: Float!, $lat: Float!, $tolerance: Float, $layers: [String!]) {
      featuresAt(lon: $lon, lat: $lat, tolerance: $tolerance, layers: $layers) {
        distanceM feature { ${FEATURE_FIELDS} }
      }
    }`,
    { lon, lat, tolerance, layers },
    signal,
  );
  return data.featuresAt;
}

export async function search(text: string, first = 10, signal?: AbortSignal): Promise<SearchResult[]> {
  const data = await gql<{ search: SearchResult[] }>(
    `query Search($text: String!, $first: Int) {
      search(text: $text, first: $first) { kind label sublabel town date layerKey featureId geometry bbox match note { code requested found } }
    }`,
    { text, first },
    signal,
  );
  return data.search;
}
