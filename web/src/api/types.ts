// Types of the GraphQL API as this client uses them (the truth is schema/schema.graphql).
import type { Geometry } from 'geojson';

export type FieldType = 'TEXT' | 'INTEGER' | 'NUMBER' | 'DATE' | 'BOOLEAN' | 'ENUM';

export interface Department {
  key: string;
  nameJa: string;
  nameEn: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  department: Department | null;
  /** Keys of the layers this user may edit (none for viewers). */
  editableLayers?: string[];
}

export interface FieldDefinition {
  key: string;
  label: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  options: string[] | null;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  unit: string | null;
  /** What the server computes the value from (e.g. LENGTH, AREA); null for user-entered fields. */
  computed: string | boolean | null;
  /** No two live features of the layer may share a value (管理番号). */
  unique?: boolean;
  /** Personal data (立会者 …): read only by the layer's editors, admins and these; null = everyone who reads the layer. */
  restricted?: { departments: string[]; users: number[] } | null;
}

/** Paint per geometry kind, plus `color` for legend swatches. */
export interface LayerStyle {
  color?: string;
  circle?: Record<string, unknown>;
  line?: Record<string, unknown>;
  fill?: Record<string, unknown>;
}

/** VECTOR: features with fields; RASTER: scanned sheets and orthophotos (issue 19). */
export type LayerKind = 'VECTOR' | 'RASTER';

export interface Layer {
  key: string;
  /** Absent from servers before raster layers: treated as VECTOR. */
  kind?: LayerKind;
  /** A raster layer offered in the base map switcher (orthophoto). */
  basemap?: boolean | null;
  nameJa: string;
  nameEn: string;
  department: Department | null;
  geometryTypes: string[];
  fields: FieldDefinition[];
  style: LayerStyle | null;
  featureCount: number;
  /** minLon, minLat, maxLon, maxLat */
  extent: number[] | null;
  labelField: string | null;
}

export type Attributes = Record<string, unknown>;

export interface Feature {
  id: string;
  layerKey: string;
  geometry: Geometry;
  attributes: Attributes;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
  updatedBy?: string | null;
  lengthM?: number | null;
  areaM2?: number | null;
}

export interface FeatureHit {
  distanceM: number;
  feature: Feature;
}

export interface AttributeFilter {
  field: string;
  eq?: unknown;
  ne?: unknown;
  in?: unknown[];
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
  contains?: string;
  isNull?: boolean;
}

export interface FeatureOrder {
  field: string;
  descending?: boolean;
}

export interface FeatureConnection {
  totalCount: number;
  edges: { cursor: string; node: Feature }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Why a hit is not exactly what was typed (codes: nearestBranch, lotNotFound, addressInTown). */
export interface SearchNote {
  code: 'nearestBranch' | 'lotNotFound' | 'addressInTown' | string;
  requested: string;
  found: string | null;
}

export interface SearchResult {
  kind: 'town' | 'address' | 'lot' | 'facility' | 'route' | 'feature' | string;
  match: 'exact' | 'prefix' | 'fuzzy' | string;
  note: SearchNote | null;
  label: string;
  sublabel: string | null;
  /** For a feature: its town and its first date (ISO), which tell equal labels apart. */
  town?: string | null;
  date?: string | null;
  layerKey: string | null;
  featureId: string | null;
  geometry: Geometry | null;
  bbox: number[] | null;
}
