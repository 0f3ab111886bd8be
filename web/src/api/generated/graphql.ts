/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccessTokenInput = {
  /** Days until it expires (default 365, at most ACCESS_TOKEN_MAX_DAYS) */
  expiresInDays?: number | null | undefined;
  /** Limit the token to these layer keys */
  layers?: Array<string> | null | undefined;
  /** What the token is for, e.g. "QGIS 税務課" */
  name: string;
  readOnly?: boolean;
};

/** Area selection: features inside a drawn polygon, or within distance metres of a feature (or of the polygon) */
export type AreaSelectionInput = {
  /** A feature the caller may read: select around it */
  around?: string | number | null | undefined;
  /** Metres, 0 to 5000 (default 0: inside or touching) */
  distance?: number | null | undefined;
  /** One ring of [lon, lat] corners (closed or not), at most 1000 */
  polygon?: Array<Array<number>> | null | undefined;
};

/** Conditions on one attribute field; all given conditions must hold */
export type AttributeFilter = {
  /** Text contains (case-insensitive) */
  contains?: string | null | undefined;
  eq?: unknown;
  /** Field key */
  field: string;
  gt?: unknown;
  gte?: unknown;
  /** Any of these values (enum sets) */
  in?: Array<unknown> | null | undefined;
  /** true: the field is empty; false: it has a value */
  isNull?: boolean | null | undefined;
  lt?: unknown;
  lte?: unknown;
  ne?: unknown;
};

/** Audit log filter; every part optional */
export type AuditFilter = {
  /** From this time (inclusive) */
  from?: string | null | undefined;
  /** A kind, or its first part ("login" matches login.failed too) */
  kind?: string | null | undefined;
  /** Until this time (exclusive) */
  until?: string | null | undefined;
  username?: string | null | undefined;
};

export type BasemapInput = {
  attribution?: string | null | undefined;
  enabled?: boolean;
  isDefault?: boolean;
  kind: BasemapKind;
  nameEn: string;
  nameJa: string;
  sortOrder?: number;
  url: string;
};

/** STYLE: a MapLibre style JSON URL; RASTER: an XYZ tile URL template with {z}, {x} and {y} */
export type BasemapKind =
  | 'RASTER'
  | 'STYLE';

/** Fields to change; those left out stay as they are */
export type BasemapPatch = {
  attribution?: string | null | undefined;
  enabled?: boolean | null | undefined;
  isDefault?: boolean | null | undefined;
  kind?: BasemapKind | null | undefined;
  nameEn?: string | null | undefined;
  nameJa?: string | null | undefined;
  sortOrder?: number | null | undefined;
  url?: string | null | undefined;
};

export type ChangeOp =
  | 'CREATE'
  | 'DELETE'
  | 'RESTORE'
  | 'UPDATE';

/** What the server computes a field from */
export type ComputedKind =
  | 'AREA'
  | 'LENGTH';

export type DepartmentInput = {
  key: string;
  nameEn: string;
  nameJa: string;
};

/** One change of a batch (applyChanges): all changes of a batch are applied, or none */
export type FeatureChangeInput = {
  /** Create: all attributes; update: the ones to change (null clears) */
  attributes?: Record<string, unknown> | null | undefined;
  /** The version the change was made on (update, delete; optional for restore) */
  expectedVersion?: number | null | undefined;
  geometry?: import('geojson').Geometry | null | undefined;
  /** Feature id (update, delete, restore) */
  id?: string | number | null | undefined;
  /** Layer key (create) */
  layer?: string | null | undefined;
  op: ChangeOp;
  /** 4326 (default) or a JGD2011 plane zone 6669–6687 with [easting, northing] coordinates */
  srid?: number | null | undefined;
  /** Version to bring back (restore) */
  version?: number | null | undefined;
};

export type FeatureOrder = {
  descending?: boolean;
  /** A field key, or "id" */
  field: string;
};

/** A field definition; the key identifies the field and cannot be renamed */
export type FieldInput = {
  computed?: ComputedKind | null | undefined;
  /** A validated text format ('collectionDays' is 収集曜日); omitted keeps the stored one, null removes it */
  format?: string | null | undefined;
  key: string;
  /** Japanese label */
  label: string;
  labelEn?: string | null | undefined;
  max?: number | null | undefined;
  maxLength?: number | null | undefined;
  min?: number | null | undefined;
  options?: Array<string> | null | undefined;
  required?: boolean;
  /** Personal data: only the layer's editors, admins and these read it (empty lists: editors only) */
  restricted?: LayerReadAccessInput | null | undefined;
  type: FieldType;
  /** No two features may share a value */
  unique?: boolean;
  unit?: string | null | undefined;
};

/** Type of a layer attribute field */
export type FieldType =
  | 'BOOLEAN'
  | 'DATE'
  | 'ENUM'
  | 'INTEGER'
  | 'NUMBER'
  | 'TEXT';

export type LayerInput = {
  /** Raster layers only: offer it in the base map switcher */
  basemap?: boolean | null | undefined;
  departmentKey: string;
  /** [] for a raster layer */
  fields: Array<FieldInput>;
  /** Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon; [] for a raster layer */
  geometryTypes: Array<string>;
  /** Lower-case letters, digits and _, e.g. "fire_hydrants" */
  key: string;
  /** Default VECTOR */
  kind?: LayerKind | null | undefined;
  labelField?: string | null | undefined;
  nameEn: string;
  nameJa: string;
  /** Show it on the public map (/public), unrestricted fields only; default false */
  published?: boolean | null | undefined;
  /** The unrestricted fields the public map shows; omitted or null = all of them */
  publishedFields?: Array<string> | null | undefined;
  /** Who may read the layer; omitted or null = all staff */
  readAccess?: LayerReadAccessInput | null | undefined;
  /** The part the new layer plays (e.g. a replacement road ledger); taken from the layer that played it */
  role?: LayerRole | null | undefined;
  sortOrder?: number | null | undefined;
  style?: Record<string, unknown> | null | undefined;
};

/** VECTOR: features with fields; RASTER: scanned sheets and orthophotos (issue 19) */
export type LayerKind =
  | 'RASTER'
  | 'VECTOR';

/** Changes to a layer; fields, when given, is the complete new list */
export type LayerPatch = {
  /** Raster layers only: offer it in the base map switcher */
  basemap?: boolean | null | undefined;
  departmentKey?: string | null | undefined;
  fields?: Array<FieldInput> | null | undefined;
  geometryTypes?: Array<string> | null | undefined;
  labelField?: string | null | undefined;
  nameEn?: string | null | undefined;
  nameJa?: string | null | undefined;
  /** Show it on the public map (/public), unrestricted fields only; omitted = unchanged */
  published?: boolean | null | undefined;
  /** The unrestricted fields the public map shows; null = all of them, omitted = unchanged */
  publishedFields?: Array<string> | null | undefined;
  /** Who may read the layer; null = all staff, omitted = unchanged */
  readAccess?: LayerReadAccessInput | null | undefined;
  /** The part the layer plays, taken from the layer that played it; null = none (refused for the road ledger and boundary records: give the role to another layer instead); omitted = unchanged */
  role?: LayerRole | null | undefined;
  sortOrder?: number | null | undefined;
  style?: Record<string, unknown> | null | undefined;
};

/** Who may read a layer besides its editors and administrators */
export type LayerReadAccessInput = {
  departments?: Array<string>;
  users?: Array<number>;
};

/** The part a layer plays for the application (道路台帳, 境界確定, 地番図 …); at most one layer plays each */
export type LayerRole =
  | 'BOUNDARY_RECORDS'
  | 'BUILDINGS'
  | 'CURVE_MIRRORS'
  | 'DISASTER_HISTORY'
  | 'FACILITIES'
  | 'GARBAGE_POINTS'
  | 'PARCELS'
  | 'RAILWAYS'
  | 'RIVERS'
  | 'ROAD_LEDGER'
  | 'STREET_LIGHTS';

export type NewUserInput = {
  departmentKey?: string | null | undefined;
  displayName: string;
  password: string;
  role: Role;
  username: string;
};

export type RasterControlPointInput = {
  col: number;
  row: number;
  /** X: northing in metres */
  x: number;
  /** Y: easting in metres */
  y: number;
};

/** CORNERS: the 図郭 corners typed in; CONTROL_POINTS: clicked points; GEOREFERENCED: from the GeoTIFF or world file */
export type RasterPlacementMethod =
  | 'CONTROL_POINTS'
  | 'CORNERS'
  | 'GEOREFERENCED';

/** UPLOADED: not yet placed; PLACING: being warped and tiled (see progress); PLACED: on the map; FAILED: see problem */
export type RasterSheetStatus =
  | 'FAILED'
  | 'PLACED'
  | 'PLACING'
  | 'UPLOADED';

/** Fit from image pixels to the plane: AFFINE (≥3 points), PROJECTIVE (≥4), POLYNOMIAL2 (≥6) */
export type RasterTransform =
  | 'AFFINE'
  | 'POLYNOMIAL2'
  | 'PROJECTIVE';

/** admin manages users and layers; editor edits its department's layers; viewer only reads */
export type Role =
  | 'ADMIN'
  | 'EDITOR'
  | 'VIEWER';

/** Changes to the security settings; omitted ones stay */
export type SecuritySettingsPatch = {
  passwordHistoryCount?: number | null | undefined;
  passwordMaxAgeDays?: number | null | undefined;
  sessionLifetimeHours?: number | null | undefined;
};

/** Changes to a user; omitted fields stay as they are */
export type UserPatch = {
  departmentKey?: string | null | undefined;
  disabled?: boolean | null | undefined;
  displayName?: string | null | undefined;
  /** Layer keys the user may edit beyond its department (replaces the list) */
  grantedLayers?: Array<string> | null | undefined;
  /** true: the user must set a new password at the next login (reason passwordChangeRequired) */
  mustChangePassword?: boolean | null | undefined;
  password?: string | null | undefined;
  role?: Role | null | undefined;
};

export type AuditLogQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  first?: number | null | undefined;
  before?: string | number | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, nextBefore: string | null, entries: Array<{ id: string, at: string, kind: string, username: string | null, clientAddress: string | null, target: string | null, layerKey: string | null, rowCount: number | null, details: Record<string, unknown> }> } };

export type AccessTokenFieldsFragment = { id: string, name: string, prefix: string, readOnly: boolean, layers: Array<string> | null, createdAt: string, expiresAt: string, lastUsedAt: string | null, lastUsedAddress: string | null, revokedAt: string | null };

export type AccessTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type AccessTokensQuery = { accessTokens: Array<{ id: string, name: string, prefix: string, readOnly: boolean, layers: Array<string> | null, createdAt: string, expiresAt: string, lastUsedAt: string | null, lastUsedAddress: string | null, revokedAt: string | null }> };

export type CreateAccessTokenMutationVariables = Exact<{
  input: AccessTokenInput;
}>;


export type CreateAccessTokenMutation = { createAccessToken: { token: string, accessToken: { id: string, name: string, prefix: string, readOnly: boolean, layers: Array<string> | null, createdAt: string, expiresAt: string, lastUsedAt: string | null, lastUsedAddress: string | null, revokedAt: string | null } } };

export type RevokeAccessTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeAccessTokenMutation = { revokeAccessToken: boolean };

export type BasemapsQueryVariables = Exact<{ [key: string]: never; }>;


export type BasemapsQuery = { basemaps: Array<{ id: string, nameJa: string, nameEn: string, kind: BasemapKind, url: string, attribution: string | null, isDefault: boolean, sortOrder: number, enabled: boolean }> };

export type CreateBasemapMutationVariables = Exact<{
  input: BasemapInput;
}>;


export type CreateBasemapMutation = { createBasemap: { id: string } };

export type UpdateBasemapMutationVariables = Exact<{
  id: string | number;
  patch: BasemapPatch;
}>;


export type UpdateBasemapMutation = { updateBasemap: { id: string } };

export type DeleteBasemapMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteBasemapMutation = { deleteBasemap: boolean };

export type RouteQueryVariables = Exact<{
  routeNo: string;
}>;


export type RouteQuery = { route: { routeNo: string, routeName: string | null, roadClass: string | null, certifiedOn: string | null, startPoint: string | null, endPoint: string | null, lengthM: number, widthMinM: number | null, widthMaxM: number | null, segmentCount: number, bbox: Array<number>, geometry: import('geojson').Geometry, segments: Array<{ id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null }> } | null };

export type CoordinateTableQueryVariables = Exact<{
  id: string | number;
}>;


export type CoordinateTableQuery = { coordinateTable: { featureId: string, recordNo: string | null, srid: number | null, closed: boolean, perimeterM: number, areaM2: number | null, points: Array<{ seq: number, name: string, markerType: string | null, x: string, y: string, srid: number, lon: number, lat: number, sideLengthM: number | null, surveyed: boolean }> } };

export type ParseCoordinatesQueryVariables = Exact<{
  text: string;
}>;


export type ParseCoordinatesQuery = { parseCoordinateTable: { points: Array<{ name: string, x: string, y: string, markerType: string | null }>, problems: Array<{ line: number, code: string, params: Record<string, unknown>, message: string }> } };

export type CreateBoundaryRecordMutationVariables = Exact<{
  attributes: Record<string, unknown>;
  coordinates: string;
  closed: boolean;
  srid?: number | null | undefined;
}>;


export type CreateBoundaryRecordMutation = { createBoundaryRecord: { id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null } };

export type SetBoundaryPointsMutationVariables = Exact<{
  id: string | number;
  version: number;
  coordinates: string;
  closed: boolean;
  srid?: number | null | undefined;
}>;


export type SetBoundaryPointsMutation = { setBoundaryPoints: { id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null } };

export type AttachmentsQueryVariables = Exact<{
  id: string | number;
}>;


export type AttachmentsQuery = { attachments: Array<{ id: string, featureId: string, filename: string, contentType: string, sizeBytes: number, uploadedAt: string, uploadedBy: string | null, url: string }> };

export type DeleteAttachmentMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAttachmentMutation = { deleteAttachment: boolean };

export type EnquiryQueryVariables = Exact<{
  lon: number;
  lat: number;
  layers?: Array<string> | string | null | undefined;
}>;


export type EnquiryQuery = { enquiry: { lon: number, lat: number, town: string | null, planeX: number, planeY: number, planeSrid: number, route: { routeNo: string, routeName: string | null, roadClass: string | null, widthMinM: number | null, widthMaxM: number | null, lengthM: number } | null, streetLight: { distanceM: number, feature: { id: string, layerKey: string, attributes: Record<string, unknown> } } | null, garbagePoint: { distanceM: number, feature: { id: string, layerKey: string, attributes: Record<string, unknown> } } | null, curveMirror: { distanceM: number, feature: { id: string, layerKey: string, attributes: Record<string, unknown> } } | null, features: Array<{ distanceM: number, feature: { id: string, layerKey: string, attributes: Record<string, unknown> } }>, parcel: { featureId: string, label: string, landCategory: string | null, registeredAreaM2: number | null, areaM2: number, geometry: import('geojson').Geometry, roadFrontage: Array<{ routeNo: string, routeName: string | null, roadClass: string | null, widthMinM: number | null, widthMaxM: number | null, distanceM: number, frontageM: number }>, boundaryRecords: Array<{ featureId: string, recordNo: string | null, determinedOn: string | null }> } | null } };

export type EnquiryHitFragment = { distanceM: number, feature: { id: string, layerKey: string, attributes: Record<string, unknown> } };

export type ClientSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type ClientSettingsQuery = { clientSettings: { attachmentMaxBytes: number, planeSrid: number, passwordMinLength: number } };

export type PrintSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type PrintSettingsQuery = { printSettings: { department: string, phone: string, note: string } };

export type FeatureFieldsFragment = { id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null };

export type FieldDefinitionFieldsFragment = { key: string, label: string, labelEn: string, type: FieldType, required: boolean, options: Array<string> | null, min: number | null, max: number | null, maxLength: number | null, unit: string | null, computed: ComputedKind | null, unique: boolean, format: string | null, restricted: { departments: Array<string>, users: Array<number> } | null };

export type LayerFieldsFragment = { key: string, nameJa: string, nameEn: string, kind: LayerKind, basemap: boolean, published: boolean, publishedFields: Array<string> | null, labelField: string | null, geometryTypes: Array<string>, featureCount: number, extent: Array<number> | null, style: Record<string, unknown>, role: LayerRole | null, readAccess: { departments: Array<string>, users: Array<number> } | null, department: { key: string, nameJa: string, nameEn: string }, fields: Array<{ key: string, label: string, labelEn: string, type: FieldType, required: boolean, options: Array<string> | null, min: number | null, max: number | null, maxLength: number | null, unit: string | null, computed: ComputedKind | null, unique: boolean, format: string | null, restricted: { departments: Array<string>, users: Array<number> } | null }> };

export type UserFieldsFragment = { id: number, username: string, displayName: string, role: Role, disabled: boolean, grantedLayers: Array<string>, department: { key: string, nameJa: string, nameEn: string } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: number, username: string, displayName: string, role: Role, disabled: boolean, grantedLayers: Array<string>, department: { key: string, nameJa: string, nameEn: string } | null } | null };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
  newPassword?: string | null | undefined;
}>;


export type LoginMutation = { login: { user: { id: number, username: string, displayName: string, role: Role, disabled: boolean, grantedLayers: Array<string>, department: { key: string, nameJa: string, nameEn: string } | null } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type LayersQueryVariables = Exact<{ [key: string]: never; }>;


export type LayersQuery = { layers: Array<{ key: string, nameJa: string, nameEn: string, kind: LayerKind, basemap: boolean, published: boolean, publishedFields: Array<string> | null, labelField: string | null, geometryTypes: Array<string>, featureCount: number, extent: Array<number> | null, style: Record<string, unknown>, role: LayerRole | null, readAccess: { departments: Array<string>, users: Array<number> } | null, department: { key: string, nameJa: string, nameEn: string }, fields: Array<{ key: string, label: string, labelEn: string, type: FieldType, required: boolean, options: Array<string> | null, min: number | null, max: number | null, maxLength: number | null, unit: string | null, computed: ComputedKind | null, unique: boolean, format: string | null, restricted: { departments: Array<string>, users: Array<number> } | null }> }>, me: { editableLayers: Array<string> } | null };

export type FeaturesQueryVariables = Exact<{
  layer: string;
  bbox?: Array<number> | number | null | undefined;
  area?: AreaSelectionInput | null | undefined;
  where?: Array<AttributeFilter> | AttributeFilter | null | undefined;
  search?: string | null | undefined;
  orderBy?: FeatureOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FeaturesQuery = { features: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type FeaturesExtentQueryVariables = Exact<{
  layer: string;
  bbox?: Array<number> | number | null | undefined;
  area?: AreaSelectionInput | null | undefined;
  where?: Array<AttributeFilter> | AttributeFilter | null | undefined;
}>;


export type FeaturesExtentQuery = { features: { totalCount: number, extent: Array<number> | null } };

export type AreaOutlineQueryVariables = Exact<{
  area: AreaSelectionInput;
}>;


export type AreaOutlineQuery = { areaOutline: import('geojson').Geometry };

export type FeatureQueryVariables = Exact<{
  id: string | number;
}>;


export type FeatureQuery = { feature: { id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null } | null };

export type FeaturesAtQueryVariables = Exact<{
  lon: number;
  lat: number;
  tolerance?: number | null | undefined;
  layers?: Array<string> | string | null | undefined;
}>;


export type FeaturesAtQuery = { featuresAt: Array<{ distanceM: number, feature: { id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null } }> };

export type SearchQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
}>;


export type SearchQuery = { search: Array<{ kind: string, label: string, sublabel: string | null, town: string | null, date: string | null, layerKey: string | null, featureId: string | null, geometry: import('geojson').Geometry, bbox: Array<number> | null, match: string, note: { code: string, requested: string, found: string | null } | null }> };

export type RasterSheetFieldsFragment = { id: string, layerKey: string, name: string, fileName: string, status: RasterSheetStatus, progress: number, widthPx: number, heightPx: number, sizeBytes: number, checksum: string, scaleDenominator: number | null, surveyDate: string | null, outline: unknown, problem: string | null, warning: string | null, version: number, createdAt: string, updatedAt: string, boundaryRecordId: string | null, placement: { method: RasterPlacementMethod, transform: RasterTransform, rmsM: number | null, residualsM: Array<number>, srid: number, controlPoints: Array<{ col: number, row: number, x: number, y: number }> } | null };

export type RasterSheetsQueryVariables = Exact<{
  layer: string;
}>;


export type RasterSheetsQuery = { rasterSheets: Array<{ id: string, layerKey: string, name: string, fileName: string, status: RasterSheetStatus, progress: number, widthPx: number, heightPx: number, sizeBytes: number, checksum: string, scaleDenominator: number | null, surveyDate: string | null, outline: unknown, problem: string | null, warning: string | null, version: number, createdAt: string, updatedAt: string, boundaryRecordId: string | null, placement: { method: RasterPlacementMethod, transform: RasterTransform, rmsM: number | null, residualsM: Array<number>, srid: number, controlPoints: Array<{ col: number, row: number, x: number, y: number }> } | null }> };

export type RasterSheetQueryVariables = Exact<{
  id: string | number;
}>;


export type RasterSheetQuery = { rasterSheet: { id: string, status: RasterSheetStatus, progress: number } | null };

export type PlaceRasterSheetMutationVariables = Exact<{
  id: string | number;
  method: RasterPlacementMethod;
  transform: RasterTransform;
  controlPoints: Array<RasterControlPointInput> | RasterControlPointInput;
  name?: string | null | undefined;
  scaleDenominator?: number | null | undefined;
  surveyDate?: string | null | undefined;
  version?: number | null | undefined;
}>;


export type PlaceRasterSheetMutation = { placeRasterSheet: { id: string, layerKey: string, name: string, fileName: string, status: RasterSheetStatus, progress: number, widthPx: number, heightPx: number, sizeBytes: number, checksum: string, scaleDenominator: number | null, surveyDate: string | null, outline: unknown, problem: string | null, warning: string | null, version: number, createdAt: string, updatedAt: string, boundaryRecordId: string | null, placement: { method: RasterPlacementMethod, transform: RasterTransform, rmsM: number | null, residualsM: Array<number>, srid: number, controlPoints: Array<{ col: number, row: number, x: number, y: number }> } | null } };

export type DeleteRasterSheetMutationVariables = Exact<{
  id: string | number;
  version?: number | null | undefined;
}>;


export type DeleteRasterSheetMutation = { deleteRasterSheet: boolean };

export type BoundaryRecordDrawingsQueryVariables = Exact<{
  featureId: string | number;
}>;


export type BoundaryRecordDrawingsQuery = { boundaryRecordDrawings: Array<{ id: string, layerKey: string, name: string, fileName: string, status: RasterSheetStatus, progress: number, widthPx: number, heightPx: number, sizeBytes: number, checksum: string, scaleDenominator: number | null, surveyDate: string | null, outline: unknown, problem: string | null, warning: string | null, version: number, createdAt: string, updatedAt: string, boundaryRecordId: string | null, placement: { method: RasterPlacementMethod, transform: RasterTransform, rmsM: number | null, residualsM: Array<number>, srid: number, controlPoints: Array<{ col: number, row: number, x: number, y: number }> } | null }> };

export type LinkRasterSheetToBoundaryRecordMutationVariables = Exact<{
  id: string | number;
  featureId?: string | number | null | undefined;
  version?: number | null | undefined;
}>;


export type LinkRasterSheetToBoundaryRecordMutation = { linkRasterSheetToBoundaryRecord: { id: string, layerKey: string, name: string, fileName: string, status: RasterSheetStatus, progress: number, widthPx: number, heightPx: number, sizeBytes: number, checksum: string, scaleDenominator: number | null, surveyDate: string | null, outline: unknown, problem: string | null, warning: string | null, version: number, createdAt: string, updatedAt: string, boundaryRecordId: string | null, placement: { method: RasterPlacementMethod, transform: RasterTransform, rmsM: number | null, residualsM: Array<number>, srid: number, controlPoints: Array<{ col: number, row: number, x: number, y: number }> } | null } };

export type UsersQueryVariables = Exact<{ [key: string]: never; }>;


export type UsersQuery = { users: Array<{ id: number, username: string, displayName: string, role: Role, disabled: boolean, grantedLayers: Array<string>, department: { key: string, nameJa: string, nameEn: string } | null }> };

export type CreateUserMutationVariables = Exact<{
  input: NewUserInput;
}>;


export type CreateUserMutation = { createUser: { id: number, username: string, displayName: string, role: Role, disabled: boolean, grantedLayers: Array<string>, department: { key: string, nameJa: string, nameEn: string } | null } };

export type UpdateUserMutationVariables = Exact<{
  username: string;
  patch: UserPatch;
}>;


export type UpdateUserMutation = { updateUser: { id: number, username: string, displayName: string, role: Role, disabled: boolean, grantedLayers: Array<string>, department: { key: string, nameJa: string, nameEn: string } | null } };

export type ResetPasswordMutationVariables = Exact<{
  username: string;
}>;


export type ResetPasswordMutation = { resetPassword: string };

export type UnlockLoginMutationVariables = Exact<{
  username: string;
}>;


export type UnlockLoginMutation = { unlockLogin: number };

export type CreateDepartmentMutationVariables = Exact<{
  input: DepartmentInput;
}>;


export type CreateDepartmentMutation = { createDepartment: { key: string, nameJa: string, nameEn: string } };

export type RenameDepartmentMutationVariables = Exact<{
  key: string;
  nameJa: string;
  nameEn: string;
}>;


export type RenameDepartmentMutation = { renameDepartment: { key: string, nameJa: string, nameEn: string } };

export type MergeDepartmentsMutationVariables = Exact<{
  from: string;
  into: string;
}>;


export type MergeDepartmentsMutation = { mergeDepartments: { key: string, nameJa: string, nameEn: string } };

export type SecuritySettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SecuritySettingsQuery = { securitySettings: { passwordHistoryCount: number, passwordMaxAgeDays: number, sessionLifetimeHours: number, passwordMinLength: number } };

export type UpdateSecuritySettingsMutationVariables = Exact<{
  patch: SecuritySettingsPatch;
}>;


export type UpdateSecuritySettingsMutation = { updateSecuritySettings: { passwordHistoryCount: number, passwordMaxAgeDays: number, sessionLifetimeHours: number, passwordMinLength: number } };

export type ChangeOwnPasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ChangeOwnPasswordMutation = { changeOwnPassword: boolean };

export type ApplyChangesMutationVariables = Exact<{
  changes: Array<FeatureChangeInput> | FeatureChangeInput;
}>;


export type ApplyChangesMutation = { applyChanges: Array<{ id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null }> };

export type FeatureHistoryQueryVariables = Exact<{
  id: string | number;
}>;


export type FeatureHistoryQuery = { featureHistory: Array<{ featureId: string, layerKey: string, version: number, operation: string, changedAt: string, changedBy: string | null, changedByUsername: string | null, attributes: Record<string, unknown>, geometry: import('geojson').Geometry, geometryChanged: boolean, changes: Array<{ field: string, label: string, before: unknown, after: unknown }> }> };

export type RestoreMutationVariables = Exact<{
  id: string | number;
  version: number;
  expectedVersion?: number | null | undefined;
}>;


export type RestoreMutation = { restoreFeature: { id: string, layerKey: string, geometry: import('geojson').Geometry, attributes: Record<string, unknown>, version: number, updatedAt: string, updatedBy: string | null, lengthM: number | null, areaM2: number | null, deletedAt: string | null } };

export type ChangesQueryVariables = Exact<{
  layer?: string | null | undefined;
  user?: string | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
  first: number;
}>;


export type ChangesQuery = { changes: Array<{ featureId: string, layerKey: string, layerName: string, label: string | null, version: number, operation: string, changedAt: string, changedBy: string | null, changedByUsername: string | null, geometryChanged: boolean, changes: Array<{ field: string, label: string, before: unknown, after: unknown }> }> };

export type DepartmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type DepartmentsQuery = { departments: Array<{ key: string, nameJa: string, nameEn: string }> };

export type CreateLayerMutationVariables = Exact<{
  input: LayerInput;
}>;


export type CreateLayerMutation = { createLayer: { key: string, nameJa: string, nameEn: string, kind: LayerKind, basemap: boolean, published: boolean, publishedFields: Array<string> | null, labelField: string | null, geometryTypes: Array<string>, featureCount: number, extent: Array<number> | null, style: Record<string, unknown>, role: LayerRole | null, readAccess: { departments: Array<string>, users: Array<number> } | null, department: { key: string, nameJa: string, nameEn: string }, fields: Array<{ key: string, label: string, labelEn: string, type: FieldType, required: boolean, options: Array<string> | null, min: number | null, max: number | null, maxLength: number | null, unit: string | null, computed: ComputedKind | null, unique: boolean, format: string | null, restricted: { departments: Array<string>, users: Array<number> } | null }> } };

export type UpdateLayerMutationVariables = Exact<{
  key: string;
  patch: LayerPatch;
}>;


export type UpdateLayerMutation = { updateLayer: { key: string, nameJa: string, nameEn: string, kind: LayerKind, basemap: boolean, published: boolean, publishedFields: Array<string> | null, labelField: string | null, geometryTypes: Array<string>, featureCount: number, extent: Array<number> | null, style: Record<string, unknown>, role: LayerRole | null, readAccess: { departments: Array<string>, users: Array<number> } | null, department: { key: string, nameJa: string, nameEn: string }, fields: Array<{ key: string, label: string, labelEn: string, type: FieldType, required: boolean, options: Array<string> | null, min: number | null, max: number | null, maxLength: number | null, unit: string | null, computed: ComputedKind | null, unique: boolean, format: string | null, restricted: { departments: Array<string>, users: Array<number> } | null }> } };

export type ImportSummaryFieldsFragment = { create: number, update: number, unchanged: number, refused: number, warnings: Array<string>, refusedRows: Array<{ line: number, field: string | null, code: string, message: string, value: string | null }> };

export type ImportPreviewQueryVariables = Exact<{
  id: string | number;
  o?: Record<string, unknown> | null | undefined;
}>;


export type ImportPreviewQuery = { importPreview: Record<string, unknown> };

export type ImportDryRunMutationVariables = Exact<{
  id: string | number;
  o?: Record<string, unknown> | null | undefined;
}>;


export type ImportDryRunMutation = { importDryRun: { create: number, update: number, unchanged: number, refused: number, warnings: Array<string>, refusedRows: Array<{ line: number, field: string | null, code: string, message: string, value: string | null }> } };

export type ImportProgressQueryVariables = Exact<{
  id: string | number;
}>;


export type ImportProgressQuery = { importJob: { progress: { phase: string, rowsRead: number, rowsChecked: number, rowsWritten: number, total: number } | null } };

export type CommitImportMutationVariables = Exact<{
  id: string | number;
  o?: Record<string, unknown> | null | undefined;
}>;


export type CommitImportMutation = { commitImport: { create: number, update: number, unchanged: number, refused: number, warnings: Array<string>, refusedRows: Array<{ line: number, field: string | null, code: string, message: string, value: string | null }> } };

export type CancelImportMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelImportMutation = { cancelImport: boolean };

export type UndoImportMutationVariables = Exact<{
  id: string | number;
}>;


export type UndoImportMutation = { undoImport: number };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AccessTokenFieldsFragmentDoc = new TypedDocumentString(`
    fragment AccessTokenFields on AccessToken {
  id
  name
  prefix
  readOnly
  layers
  createdAt
  expiresAt
  lastUsedAt
  lastUsedAddress
  revokedAt
}
    `, {"fragmentName":"AccessTokenFields"}) as unknown as TypedDocumentString<AccessTokenFieldsFragment, unknown>;
export const EnquiryHitFragmentDoc = new TypedDocumentString(`
    fragment EnquiryHit on FeatureHit {
  distanceM
  feature {
    id
    layerKey
    attributes
  }
}
    `, {"fragmentName":"EnquiryHit"}) as unknown as TypedDocumentString<EnquiryHitFragment, unknown>;
export const FeatureFieldsFragmentDoc = new TypedDocumentString(`
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}
    `, {"fragmentName":"FeatureFields"}) as unknown as TypedDocumentString<FeatureFieldsFragment, unknown>;
export const FieldDefinitionFieldsFragmentDoc = new TypedDocumentString(`
    fragment FieldDefinitionFields on FieldDefinition {
  key
  label
  labelEn
  type
  required
  options
  min
  max
  maxLength
  unit
  computed
  unique
  format
  restricted {
    departments
    users
  }
}
    `, {"fragmentName":"FieldDefinitionFields"}) as unknown as TypedDocumentString<FieldDefinitionFieldsFragment, unknown>;
export const LayerFieldsFragmentDoc = new TypedDocumentString(`
    fragment LayerFields on Layer {
  key
  nameJa
  nameEn
  kind
  basemap
  published
  publishedFields
  labelField
  geometryTypes
  featureCount
  extent
  style
  role
  readAccess {
    departments
    users
  }
  department {
    key
    nameJa
    nameEn
  }
  fields {
    ...FieldDefinitionFields
  }
}
    fragment FieldDefinitionFields on FieldDefinition {
  key
  label
  labelEn
  type
  required
  options
  min
  max
  maxLength
  unit
  computed
  unique
  format
  restricted {
    departments
    users
  }
}`, {"fragmentName":"LayerFields"}) as unknown as TypedDocumentString<LayerFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserFields on User {
  id
  username
  displayName
  role
  department {
    key
    nameJa
    nameEn
  }
  disabled
  grantedLayers
}
    `, {"fragmentName":"UserFields"}) as unknown as TypedDocumentString<UserFieldsFragment, unknown>;
export const RasterSheetFieldsFragmentDoc = new TypedDocumentString(`
    fragment RasterSheetFields on RasterSheet {
  id
  layerKey
  name
  fileName
  status
  progress
  widthPx
  heightPx
  sizeBytes
  checksum
  scaleDenominator
  surveyDate
  outline
  problem
  warning
  version
  createdAt
  updatedAt
  boundaryRecordId
  placement {
    method
    transform
    rmsM
    residualsM
    srid
    controlPoints {
      col
      row
      x
      y
    }
  }
}
    `, {"fragmentName":"RasterSheetFields"}) as unknown as TypedDocumentString<RasterSheetFieldsFragment, unknown>;
export const ImportSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment ImportSummaryFields on ImportSummary {
  create
  update
  unchanged
  refused
  warnings
  refusedRows {
    line
    field
    code
    message
    value
  }
}
    `, {"fragmentName":"ImportSummaryFields"}) as unknown as TypedDocumentString<ImportSummaryFieldsFragment, unknown>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($filter: AuditFilter, $first: Int, $before: ID) {
  auditLog(filter: $filter, first: $first, before: $before) {
    totalCount
    nextBefore
    entries {
      id
      at
      kind
      username
      clientAddress
      target
      layerKey
      rowCount
      details
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const AccessTokensDocument = new TypedDocumentString(`
    query AccessTokens {
  accessTokens {
    ...AccessTokenFields
  }
}
    fragment AccessTokenFields on AccessToken {
  id
  name
  prefix
  readOnly
  layers
  createdAt
  expiresAt
  lastUsedAt
  lastUsedAddress
  revokedAt
}`) as unknown as TypedDocumentString<AccessTokensQuery, AccessTokensQueryVariables>;
export const CreateAccessTokenDocument = new TypedDocumentString(`
    mutation CreateAccessToken($input: AccessTokenInput!) {
  createAccessToken(input: $input) {
    token
    accessToken {
      ...AccessTokenFields
    }
  }
}
    fragment AccessTokenFields on AccessToken {
  id
  name
  prefix
  readOnly
  layers
  createdAt
  expiresAt
  lastUsedAt
  lastUsedAddress
  revokedAt
}`) as unknown as TypedDocumentString<CreateAccessTokenMutation, CreateAccessTokenMutationVariables>;
export const RevokeAccessTokenDocument = new TypedDocumentString(`
    mutation RevokeAccessToken($id: ID!) {
  revokeAccessToken(id: $id)
}
    `) as unknown as TypedDocumentString<RevokeAccessTokenMutation, RevokeAccessTokenMutationVariables>;
export const BasemapsDocument = new TypedDocumentString(`
    query Basemaps {
  basemaps {
    id
    nameJa
    nameEn
    kind
    url
    attribution
    isDefault
    sortOrder
    enabled
  }
}
    `) as unknown as TypedDocumentString<BasemapsQuery, BasemapsQueryVariables>;
export const CreateBasemapDocument = new TypedDocumentString(`
    mutation CreateBasemap($input: BasemapInput!) {
  createBasemap(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateBasemapMutation, CreateBasemapMutationVariables>;
export const UpdateBasemapDocument = new TypedDocumentString(`
    mutation UpdateBasemap($id: ID!, $patch: BasemapPatch!) {
  updateBasemap(id: $id, patch: $patch) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateBasemapMutation, UpdateBasemapMutationVariables>;
export const DeleteBasemapDocument = new TypedDocumentString(`
    mutation DeleteBasemap($id: ID!) {
  deleteBasemap(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteBasemapMutation, DeleteBasemapMutationVariables>;
export const RouteDocument = new TypedDocumentString(`
    query Route($routeNo: String!) {
  route(routeNo: $routeNo) {
    routeNo
    routeName
    roadClass
    certifiedOn
    startPoint
    endPoint
    lengthM
    widthMinM
    widthMaxM
    segmentCount
    bbox
    geometry
    segments {
      ...FeatureFields
    }
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<RouteQuery, RouteQueryVariables>;
export const CoordinateTableDocument = new TypedDocumentString(`
    query CoordinateTable($id: ID!) {
  coordinateTable(featureId: $id) {
    featureId
    recordNo
    srid
    closed
    perimeterM
    areaM2
    points {
      seq
      name
      markerType
      x
      y
      srid
      lon
      lat
      sideLengthM
      surveyed
    }
  }
}
    `) as unknown as TypedDocumentString<CoordinateTableQuery, CoordinateTableQueryVariables>;
export const ParseCoordinatesDocument = new TypedDocumentString(`
    query ParseCoordinates($text: String!) {
  parseCoordinateTable(text: $text) {
    points {
      name
      x
      y
      markerType
    }
    problems {
      line
      code
      params
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ParseCoordinatesQuery, ParseCoordinatesQueryVariables>;
export const CreateBoundaryRecordDocument = new TypedDocumentString(`
    mutation CreateBoundaryRecord($attributes: JSONObject!, $coordinates: String!, $closed: Boolean!, $srid: Int) {
  createBoundaryRecord(
    attributes: $attributes
    coordinates: $coordinates
    closed: $closed
    srid: $srid
  ) {
    ...FeatureFields
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<CreateBoundaryRecordMutation, CreateBoundaryRecordMutationVariables>;
export const SetBoundaryPointsDocument = new TypedDocumentString(`
    mutation SetBoundaryPoints($id: ID!, $version: Int!, $coordinates: String!, $closed: Boolean!, $srid: Int) {
  setBoundaryPoints(
    featureId: $id
    expectedVersion: $version
    coordinates: $coordinates
    closed: $closed
    srid: $srid
  ) {
    ...FeatureFields
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<SetBoundaryPointsMutation, SetBoundaryPointsMutationVariables>;
export const AttachmentsDocument = new TypedDocumentString(`
    query Attachments($id: ID!) {
  attachments(featureId: $id) {
    id
    featureId
    filename
    contentType
    sizeBytes
    uploadedAt
    uploadedBy
    url
  }
}
    `) as unknown as TypedDocumentString<AttachmentsQuery, AttachmentsQueryVariables>;
export const DeleteAttachmentDocument = new TypedDocumentString(`
    mutation DeleteAttachment($id: ID!) {
  deleteAttachment(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteAttachmentMutation, DeleteAttachmentMutationVariables>;
export const EnquiryDocument = new TypedDocumentString(`
    query Enquiry($lon: Float!, $lat: Float!, $layers: [String!]) {
  enquiry(lon: $lon, lat: $lat, layers: $layers) {
    lon
    lat
    town
    planeX
    planeY
    planeSrid
    route {
      routeNo
      routeName
      roadClass
      widthMinM
      widthMaxM
      lengthM
    }
    streetLight {
      ...EnquiryHit
    }
    garbagePoint {
      ...EnquiryHit
    }
    curveMirror {
      ...EnquiryHit
    }
    features {
      ...EnquiryHit
    }
    parcel {
      featureId
      label
      landCategory
      registeredAreaM2
      areaM2
      geometry
      roadFrontage {
        routeNo
        routeName
        roadClass
        widthMinM
        widthMaxM
        distanceM
        frontageM
      }
      boundaryRecords {
        featureId
        recordNo
        determinedOn
      }
    }
  }
}
    fragment EnquiryHit on FeatureHit {
  distanceM
  feature {
    id
    layerKey
    attributes
  }
}`) as unknown as TypedDocumentString<EnquiryQuery, EnquiryQueryVariables>;
export const ClientSettingsDocument = new TypedDocumentString(`
    query ClientSettings {
  clientSettings {
    attachmentMaxBytes
    planeSrid
    passwordMinLength
  }
}
    `) as unknown as TypedDocumentString<ClientSettingsQuery, ClientSettingsQueryVariables>;
export const PrintSettingsDocument = new TypedDocumentString(`
    query PrintSettings {
  printSettings {
    department
    phone
    note
  }
}
    `) as unknown as TypedDocumentString<PrintSettingsQuery, PrintSettingsQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  username
  displayName
  role
  department {
    key
    nameJa
    nameEn
  }
  disabled
  grantedLayers
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!, $newPassword: String) {
  login(username: $username, password: $password, newPassword: $newPassword) {
    user {
      ...UserFields
    }
  }
}
    fragment UserFields on User {
  id
  username
  displayName
  role
  department {
    key
    nameJa
    nameEn
  }
  disabled
  grantedLayers
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const LayersDocument = new TypedDocumentString(`
    query Layers {
  layers {
    ...LayerFields
  }
  me {
    editableLayers
  }
}
    fragment FieldDefinitionFields on FieldDefinition {
  key
  label
  labelEn
  type
  required
  options
  min
  max
  maxLength
  unit
  computed
  unique
  format
  restricted {
    departments
    users
  }
}
fragment LayerFields on Layer {
  key
  nameJa
  nameEn
  kind
  basemap
  published
  publishedFields
  labelField
  geometryTypes
  featureCount
  extent
  style
  role
  readAccess {
    departments
    users
  }
  department {
    key
    nameJa
    nameEn
  }
  fields {
    ...FieldDefinitionFields
  }
}`) as unknown as TypedDocumentString<LayersQuery, LayersQueryVariables>;
export const FeaturesDocument = new TypedDocumentString(`
    query Features($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!], $search: String, $orderBy: FeatureOrder, $first: Int, $after: String) {
  features(
    layer: $layer
    bbox: $bbox
    area: $area
    where: $where
    search: $search
    orderBy: $orderBy
    first: $first
    after: $after
  ) {
    totalCount
    edges {
      cursor
      node {
        ...FeatureFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<FeaturesQuery, FeaturesQueryVariables>;
export const FeaturesExtentDocument = new TypedDocumentString(`
    query FeaturesExtent($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!]) {
  features(layer: $layer, bbox: $bbox, area: $area, where: $where, first: 0) {
    totalCount
    extent
  }
}
    `) as unknown as TypedDocumentString<FeaturesExtentQuery, FeaturesExtentQueryVariables>;
export const AreaOutlineDocument = new TypedDocumentString(`
    query AreaOutline($area: AreaSelectionInput!) {
  areaOutline(area: $area)
}
    `) as unknown as TypedDocumentString<AreaOutlineQuery, AreaOutlineQueryVariables>;
export const FeatureDocument = new TypedDocumentString(`
    query Feature($id: ID!) {
  feature(id: $id) {
    ...FeatureFields
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<FeatureQuery, FeatureQueryVariables>;
export const FeaturesAtDocument = new TypedDocumentString(`
    query FeaturesAt($lon: Float!, $lat: Float!, $tolerance: Float, $layers: [String!]) {
  featuresAt(lon: $lon, lat: $lat, tolerance: $tolerance, layers: $layers) {
    distanceM
    feature {
      ...FeatureFields
    }
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<FeaturesAtQuery, FeaturesAtQueryVariables>;
export const SearchDocument = new TypedDocumentString(`
    query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    kind
    label
    sublabel
    town
    date
    layerKey
    featureId
    geometry
    bbox
    match
    note {
      code
      requested
      found
    }
  }
}
    `) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const RasterSheetsDocument = new TypedDocumentString(`
    query RasterSheets($layer: String!) {
  rasterSheets(layer: $layer) {
    ...RasterSheetFields
  }
}
    fragment RasterSheetFields on RasterSheet {
  id
  layerKey
  name
  fileName
  status
  progress
  widthPx
  heightPx
  sizeBytes
  checksum
  scaleDenominator
  surveyDate
  outline
  problem
  warning
  version
  createdAt
  updatedAt
  boundaryRecordId
  placement {
    method
    transform
    rmsM
    residualsM
    srid
    controlPoints {
      col
      row
      x
      y
    }
  }
}`) as unknown as TypedDocumentString<RasterSheetsQuery, RasterSheetsQueryVariables>;
export const RasterSheetDocument = new TypedDocumentString(`
    query RasterSheet($id: ID!) {
  rasterSheet(id: $id) {
    id
    status
    progress
  }
}
    `) as unknown as TypedDocumentString<RasterSheetQuery, RasterSheetQueryVariables>;
export const PlaceRasterSheetDocument = new TypedDocumentString(`
    mutation PlaceRasterSheet($id: ID!, $method: RasterPlacementMethod!, $transform: RasterTransform!, $controlPoints: [RasterControlPointInput!]!, $name: String, $scaleDenominator: Int, $surveyDate: String, $version: Int) {
  placeRasterSheet(
    id: $id
    method: $method
    transform: $transform
    controlPoints: $controlPoints
    name: $name
    scaleDenominator: $scaleDenominator
    surveyDate: $surveyDate
    version: $version
  ) {
    ...RasterSheetFields
  }
}
    fragment RasterSheetFields on RasterSheet {
  id
  layerKey
  name
  fileName
  status
  progress
  widthPx
  heightPx
  sizeBytes
  checksum
  scaleDenominator
  surveyDate
  outline
  problem
  warning
  version
  createdAt
  updatedAt
  boundaryRecordId
  placement {
    method
    transform
    rmsM
    residualsM
    srid
    controlPoints {
      col
      row
      x
      y
    }
  }
}`) as unknown as TypedDocumentString<PlaceRasterSheetMutation, PlaceRasterSheetMutationVariables>;
export const DeleteRasterSheetDocument = new TypedDocumentString(`
    mutation DeleteRasterSheet($id: ID!, $version: Int) {
  deleteRasterSheet(id: $id, version: $version)
}
    `) as unknown as TypedDocumentString<DeleteRasterSheetMutation, DeleteRasterSheetMutationVariables>;
export const BoundaryRecordDrawingsDocument = new TypedDocumentString(`
    query BoundaryRecordDrawings($featureId: ID!) {
  boundaryRecordDrawings(featureId: $featureId) {
    ...RasterSheetFields
  }
}
    fragment RasterSheetFields on RasterSheet {
  id
  layerKey
  name
  fileName
  status
  progress
  widthPx
  heightPx
  sizeBytes
  checksum
  scaleDenominator
  surveyDate
  outline
  problem
  warning
  version
  createdAt
  updatedAt
  boundaryRecordId
  placement {
    method
    transform
    rmsM
    residualsM
    srid
    controlPoints {
      col
      row
      x
      y
    }
  }
}`) as unknown as TypedDocumentString<BoundaryRecordDrawingsQuery, BoundaryRecordDrawingsQueryVariables>;
export const LinkRasterSheetToBoundaryRecordDocument = new TypedDocumentString(`
    mutation LinkRasterSheetToBoundaryRecord($id: ID!, $featureId: ID, $version: Int) {
  linkRasterSheetToBoundaryRecord(
    id: $id
    featureId: $featureId
    version: $version
  ) {
    ...RasterSheetFields
  }
}
    fragment RasterSheetFields on RasterSheet {
  id
  layerKey
  name
  fileName
  status
  progress
  widthPx
  heightPx
  sizeBytes
  checksum
  scaleDenominator
  surveyDate
  outline
  problem
  warning
  version
  createdAt
  updatedAt
  boundaryRecordId
  placement {
    method
    transform
    rmsM
    residualsM
    srid
    controlPoints {
      col
      row
      x
      y
    }
  }
}`) as unknown as TypedDocumentString<LinkRasterSheetToBoundaryRecordMutation, LinkRasterSheetToBoundaryRecordMutationVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users {
  users {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  username
  displayName
  role
  department {
    key
    nameJa
    nameEn
  }
  disabled
  grantedLayers
}`) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: NewUserInput!) {
  createUser(input: $input) {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  username
  displayName
  role
  department {
    key
    nameJa
    nameEn
  }
  disabled
  grantedLayers
}`) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = new TypedDocumentString(`
    mutation UpdateUser($username: String!, $patch: UserPatch!) {
  updateUser(username: $username, patch: $patch) {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  username
  displayName
  role
  department {
    key
    nameJa
    nameEn
  }
  disabled
  grantedLayers
}`) as unknown as TypedDocumentString<UpdateUserMutation, UpdateUserMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($username: String!) {
  resetPassword(username: $username)
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const UnlockLoginDocument = new TypedDocumentString(`
    mutation UnlockLogin($username: String!) {
  unlockLogin(username: $username)
}
    `) as unknown as TypedDocumentString<UnlockLoginMutation, UnlockLoginMutationVariables>;
export const CreateDepartmentDocument = new TypedDocumentString(`
    mutation CreateDepartment($input: DepartmentInput!) {
  createDepartment(input: $input) {
    key
    nameJa
    nameEn
  }
}
    `) as unknown as TypedDocumentString<CreateDepartmentMutation, CreateDepartmentMutationVariables>;
export const RenameDepartmentDocument = new TypedDocumentString(`
    mutation RenameDepartment($key: String!, $nameJa: String!, $nameEn: String!) {
  renameDepartment(key: $key, nameJa: $nameJa, nameEn: $nameEn) {
    key
    nameJa
    nameEn
  }
}
    `) as unknown as TypedDocumentString<RenameDepartmentMutation, RenameDepartmentMutationVariables>;
export const MergeDepartmentsDocument = new TypedDocumentString(`
    mutation MergeDepartments($from: String!, $into: String!) {
  mergeDepartments(from: $from, into: $into) {
    key
    nameJa
    nameEn
  }
}
    `) as unknown as TypedDocumentString<MergeDepartmentsMutation, MergeDepartmentsMutationVariables>;
export const SecuritySettingsDocument = new TypedDocumentString(`
    query SecuritySettings {
  securitySettings {
    passwordHistoryCount
    passwordMaxAgeDays
    sessionLifetimeHours
    passwordMinLength
  }
}
    `) as unknown as TypedDocumentString<SecuritySettingsQuery, SecuritySettingsQueryVariables>;
export const UpdateSecuritySettingsDocument = new TypedDocumentString(`
    mutation UpdateSecuritySettings($patch: SecuritySettingsPatch!) {
  updateSecuritySettings(patch: $patch) {
    passwordHistoryCount
    passwordMaxAgeDays
    sessionLifetimeHours
    passwordMinLength
  }
}
    `) as unknown as TypedDocumentString<UpdateSecuritySettingsMutation, UpdateSecuritySettingsMutationVariables>;
export const ChangeOwnPasswordDocument = new TypedDocumentString(`
    mutation ChangeOwnPassword($currentPassword: String!, $newPassword: String!) {
  changeOwnPassword(currentPassword: $currentPassword, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ChangeOwnPasswordMutation, ChangeOwnPasswordMutationVariables>;
export const ApplyChangesDocument = new TypedDocumentString(`
    mutation ApplyChanges($changes: [FeatureChangeInput!]!) {
  applyChanges(changes: $changes) {
    ...FeatureFields
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<ApplyChangesMutation, ApplyChangesMutationVariables>;
export const FeatureHistoryDocument = new TypedDocumentString(`
    query FeatureHistory($id: ID!) {
  featureHistory(id: $id) {
    featureId
    layerKey
    version
    operation
    changedAt
    changedBy
    changedByUsername
    attributes
    geometry
    geometryChanged
    changes {
      field
      label
      before
      after
    }
  }
}
    `) as unknown as TypedDocumentString<FeatureHistoryQuery, FeatureHistoryQueryVariables>;
export const RestoreDocument = new TypedDocumentString(`
    mutation Restore($id: ID!, $version: Int!, $expectedVersion: Int) {
  restoreFeature(id: $id, version: $version, expectedVersion: $expectedVersion) {
    ...FeatureFields
  }
}
    fragment FeatureFields on Feature {
  id
  layerKey
  geometry
  attributes
  version
  updatedAt
  updatedBy
  lengthM
  areaM2
  deletedAt
}`) as unknown as TypedDocumentString<RestoreMutation, RestoreMutationVariables>;
export const ChangesDocument = new TypedDocumentString(`
    query Changes($layer: String, $user: String, $since: DateTimeISO, $until: DateTimeISO, $first: Int!) {
  changes(layer: $layer, user: $user, since: $since, until: $until, first: $first) {
    featureId
    layerKey
    layerName
    label
    version
    operation
    changedAt
    changedBy
    changedByUsername
    geometryChanged
    changes {
      field
      label
      before
      after
    }
  }
}
    `) as unknown as TypedDocumentString<ChangesQuery, ChangesQueryVariables>;
export const DepartmentsDocument = new TypedDocumentString(`
    query Departments {
  departments {
    key
    nameJa
    nameEn
  }
}
    `) as unknown as TypedDocumentString<DepartmentsQuery, DepartmentsQueryVariables>;
export const CreateLayerDocument = new TypedDocumentString(`
    mutation CreateLayer($input: LayerInput!) {
  createLayer(input: $input) {
    ...LayerFields
  }
}
    fragment FieldDefinitionFields on FieldDefinition {
  key
  label
  labelEn
  type
  required
  options
  min
  max
  maxLength
  unit
  computed
  unique
  format
  restricted {
    departments
    users
  }
}
fragment LayerFields on Layer {
  key
  nameJa
  nameEn
  kind
  basemap
  published
  publishedFields
  labelField
  geometryTypes
  featureCount
  extent
  style
  role
  readAccess {
    departments
    users
  }
  department {
    key
    nameJa
    nameEn
  }
  fields {
    ...FieldDefinitionFields
  }
}`) as unknown as TypedDocumentString<CreateLayerMutation, CreateLayerMutationVariables>;
export const UpdateLayerDocument = new TypedDocumentString(`
    mutation UpdateLayer($key: String!, $patch: LayerPatch!) {
  updateLayer(key: $key, patch: $patch) {
    ...LayerFields
  }
}
    fragment FieldDefinitionFields on FieldDefinition {
  key
  label
  labelEn
  type
  required
  options
  min
  max
  maxLength
  unit
  computed
  unique
  format
  restricted {
    departments
    users
  }
}
fragment LayerFields on Layer {
  key
  nameJa
  nameEn
  kind
  basemap
  published
  publishedFields
  labelField
  geometryTypes
  featureCount
  extent
  style
  role
  readAccess {
    departments
    users
  }
  department {
    key
    nameJa
    nameEn
  }
  fields {
    ...FieldDefinitionFields
  }
}`) as unknown as TypedDocumentString<UpdateLayerMutation, UpdateLayerMutationVariables>;
export const ImportPreviewDocument = new TypedDocumentString(`
    query ImportPreview($id: ID!, $o: JSONObject) {
  importPreview(id: $id, options: $o)
}
    `) as unknown as TypedDocumentString<ImportPreviewQuery, ImportPreviewQueryVariables>;
export const ImportDryRunDocument = new TypedDocumentString(`
    mutation ImportDryRun($id: ID!, $o: JSONObject) {
  importDryRun(id: $id, options: $o) {
    ...ImportSummaryFields
  }
}
    fragment ImportSummaryFields on ImportSummary {
  create
  update
  unchanged
  refused
  warnings
  refusedRows {
    line
    field
    code
    message
    value
  }
}`) as unknown as TypedDocumentString<ImportDryRunMutation, ImportDryRunMutationVariables>;
export const ImportProgressDocument = new TypedDocumentString(`
    query ImportProgress($id: ID!) {
  importJob(id: $id) {
    progress {
      phase
      rowsRead
      rowsChecked
      rowsWritten
      total
    }
  }
}
    `) as unknown as TypedDocumentString<ImportProgressQuery, ImportProgressQueryVariables>;
export const CommitImportDocument = new TypedDocumentString(`
    mutation CommitImport($id: ID!, $o: JSONObject) {
  commitImport(id: $id, options: $o) {
    ...ImportSummaryFields
  }
}
    fragment ImportSummaryFields on ImportSummary {
  create
  update
  unchanged
  refused
  warnings
  refusedRows {
    line
    field
    code
    message
    value
  }
}`) as unknown as TypedDocumentString<CommitImportMutation, CommitImportMutationVariables>;
export const CancelImportDocument = new TypedDocumentString(`
    mutation CancelImport($id: ID!) {
  cancelImport(id: $id)
}
    `) as unknown as TypedDocumentString<CancelImportMutation, CancelImportMutationVariables>;
export const UndoImportDocument = new TypedDocumentString(`
    mutation UndoImport($id: ID!) {
  undoImport(id: $id)
}
    `) as unknown as TypedDocumentString<UndoImportMutation, UndoImportMutationVariables>;