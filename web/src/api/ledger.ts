// Operations of the road ledger (道路台帳), boundary records (境界確定), attachments and the
// counter enquiry (窓口案内), with the types they return (the truth is schema/schema.graphql).
import type { Geometry } from 'geojson';
import { ApiError, gql } from './client';
import type { Attributes, Feature, FeatureHit } from './types';

const SEGMENT_FIELDS = `id layerKey geometry attributes version lengthM`;
const ROUTE_FIELDS = `routeNo routeName roadClass certifiedOn startPoint endPoint lengthM widthMinM widthMaxM segmentCount bbox geometry`;

/** 路線: a city road route made of one or more ledger segments. */
export interface Route {
  routeNo: string;
  routeName: string | null;
  roadClass: string | null;
  certifiedOn: string | null;
  startPoint: string | null;
  endPoint: string | null;
  lengthM: number;
  widthMinM: number | null;
  widthMaxM: number | null;
  segmentCount: number;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: number[];
  geometry: Geometry;
  segments: Feature[];
}

export async function fetchRoute(routeNo: string, signal?: AbortSignal): Promise<Route | null> {
  const data = await gql<{ route: Route | null }>(
    `query Route($routeNo: String!) { route(routeNo: $routeNo) { ${ROUTE_FIELDS} segments { ${SEGMENT_FIELDS} } } }`,
    { routeNo },
    signal,
  );
  return data.route;
}

/** 境界点 as the server keeps them: X (northing) and Y (easting) exactly as entered. */
export interface BoundaryPoint {
  seq: number;
  name: string;
  markerType: string | null;
  x: string;
  y: string;
  srid: number;
  lon: number;
  lat: number;
  /** 辺長 to the next point in plane metres; null after the last point of an open line. */
  sideLengthM: number | null;
  /** False when a map edit moved the point: not the surveyed coordinates (未測量). */
  surveyed: boolean;
}

/** 座標一覧 of a boundary record. */
export interface CoordinateTable {
  featureId: string;
  recordNo: string | null;
  srid: number | null;
  closed: boolean;
  perimeterM: number;
  areaM2: number | null;
  points: BoundaryPoint[];
}

export async function fetchCoordinateTable(featureId: string, signal?: AbortSignal): Promise<CoordinateTable> {
  const data = await gql<{ coordinateTable: CoordinateTable }>(
    `query CoordinateTable($id: ID!) {
      coordinateTable(featureId: $id) {
        featureId recordNo srid closed perimeterM areaM2
        points { seq name markerType x y srid lon lat sideLengthM surveyed }
      }
    }`,
    { id: featureId },
    signal,
  );
  return data.coordinateTable;
}

export function coordinateCsvUrl(featureId: string): string {
  return `/api/boundary-records/${encodeURIComponent(featureId)}/coordinates.csv`;
}

export interface ParsedPoint {
  name: string;
  x: string;
  y: string;
  markerType: string | null;
}

/** A line of a coordinate table the server could not read; `code` and `params` give the reason, `message` is its English text. */
export interface LineProblem {
  line: number;
  /** columns, notNumber, decimals, outsideZone, markerLength, duplicateName, duplicatePoint (others may follow). */
  code: string;
  params: Record<string, string | number>;
  message: string;
}

export interface ParsedCoordinates {
  points: ParsedPoint[];
  problems: LineProblem[];
}

/** The server's reading of a pasted coordinate table, for a preview before saving. */
export async function parseCoordinateTable(text: string, signal?: AbortSignal): Promise<ParsedCoordinates> {
  const data = await gql<{ parseCoordinateTable: ParsedCoordinates }>(
    `query Parse($text: String!) { parseCoordinateTable(text: $text) { points { name x y markerType } problems { line code params message } } }`,
    { text },
    signal,
  );
  return data.parseCoordinateTable;
}

export async function createBoundaryRecord(attributes: Attributes, coordinates: string, closed: boolean, srid?: number): Promise<Feature> {
  const data = await gql<{ createBoundaryRecord: Feature }>(
    `mutation CreateBoundaryRecord($attributes: JSONObject!, $coordinates: String!, $closed: Boolean!, $srid: Int) {
      createBoundaryRecord(attributes: $attributes, coordinates: $coordinates, closed: $closed, srid: $srid) {
        id layerKey geometry attributes version updatedAt lengthM areaM2
      }
    }`,
    { attributes, coordinates, closed, srid },
  );
  return data.createBoundaryRecord;
}

/** Replaces a record's points; its geometry follows them as a new version (CONFLICT when stale). */
export async function setBoundaryPoints(featureId: string, expectedVersion: number, coordinates: string, closed: boolean, srid?: number): Promise<Feature> {
  const data = await gql<{ setBoundaryPoints: Feature }>(
    `mutation SetBoundaryPoints($id: ID!, $version: Int!, $coordinates: String!, $closed: Boolean!, $srid: Int) {
      setBoundaryPoints(featureId: $id, expectedVersion: $version, coordinates: $coordinates, closed: $closed, srid: $srid) {
        id layerKey geometry attributes version updatedAt lengthM areaM2
      }
    }`,
    { id: featureId, version: expectedVersion, coordinates, closed, srid },
  );
  return data.setBoundaryPoints;
}

export interface Attachment {
  id: string;
  featureId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: string | null;
  /** Inline preview; add ?download=1 to save. */
  url: string;
}

export async function fetchAttachments(featureId: string, signal?: AbortSignal): Promise<Attachment[]> {
  const data = await gql<{ attachments: Attachment[] }>(
    `query Attachments($id: ID!) { attachments(featureId: $id) { id featureId filename contentType sizeBytes uploadedAt uploadedBy url } }`,
    { id: featureId },
    signal,
  );
  return data.attachments;
}

export async function deleteAttachment(id: string): Promise<void> {
  await gql<{ deleteAttachment: boolean }>(`mutation DeleteAttachment($id: ID!) { deleteAttachment(id: $id) }`, { id });
}

export function downloadUrl(attachment: Pick<Attachment, 'url'>): string {
  return `${attachment.url}${attachment.url.includes('?') ? '&' : '?'}download=1`;
}

/** Uploads a file as the raw request body; the server checks type (by content) and size. */
export async function uploadAttachment(featureId: string, file: File): Promise<Attachment> {
  let response: Response;
  try {
    response = await fetch(`/api/features/${encodeURIComponent(featureId)}/attachments?filename=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      // The server's CSRF guard wants this header (or a non-simple type) on every write.
      headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json', 'apollo-require-preflight': 'true' },
      body: file,
    });
  } catch (e) {
    throw new ApiError((e as Error).message, 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => null)) as (Attachment & { error?: { code?: string; message?: string } & Record<string, unknown> }) | null;
  if (!response.ok || !body || body.error) {
    const code = body?.error?.code ?? (response.status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${response.status}`);
    // The refusal's reason and params travel on, so the panel says it in the user's language.
    throw new ApiError(body?.error?.message ?? `HTTP ${response.status}`, code, body?.error ?? {});
  }
  return body;
}

/** What the counter tells a citizen about a place (窓口案内). */
export interface Enquiry {
  lon: number;
  lat: number;
  town: string | null;
  planeX: number;
  planeY: number;
  planeSrid: number;
  route: Pick<Route, 'routeNo' | 'routeName' | 'roadClass' | 'widthMinM' | 'widthMaxM' | 'lengthM'> | null;
  streetLight: FeatureHit | null;
  garbagePoint: FeatureHit | null;
  curveMirror: FeatureHit | null;
  features: FeatureHit[];
  parcel: ParcelAnswer | null;
}

/** The parcel (地番) at the enquiry's place: its road frontage (接道) and boundary determinations. */
export interface ParcelAnswer {
  featureId: string;
  label: string;
  landCategory: string | null;
  registeredAreaM2: number | null;
  areaM2: number;
  geometry: Geometry;
  roadFrontage: Array<{
    routeNo: string; routeName: string | null; roadClass: string | null; widthMinM: number | null; widthMaxM: number | null;
    distanceM: number; frontageM: number;
  }>;
  boundaryRecords: Array<{ featureId: string; recordNo: string | null; determinedOn: string | null }>;
}

const HIT = `distanceM feature { id layerKey attributes }`;

export async function fetchEnquiry(lon: number, lat: number, layers: string[] | null, signal?: AbortSignal): Promise<Enquiry> {
  const data = await gql<{ enquiry: Enquiry }>(
    `query Enquiry($lon: Float!, $lat: Float!, $layers: [String!]) {
      enquiry(lon: $lon, lat: $lat, layers: $layers) {
        lon lat town planeX planeY planeSrid
        route { routeNo routeName roadClass widthMinM widthMaxM lengthM }
        streetLight { ${HIT} } garbagePoint { ${HIT} } curveMirror { ${HIT} } features { ${HIT} }
        parcel { featureId label landCategory registeredAreaM2 areaM2 geometry
          roadFrontage { routeNo routeName roadClass widthMinM widthMaxM distanceM frontageM }
          boundaryRecords { featureId recordNo determinedOn } }
      }
    }`,
    { lon, lat, layers },
    signal,
  );
  return data.enquiry;
}

/** Installation settings the panels need for their checks and messages. */
export interface ClientSettings {
  attachmentMaxBytes: number;
  /** EPSG code of the plane rectangular zone of survey coordinates (6677 = zone IX). */
  planeSrid: number;
}

let clientSettings: Promise<ClientSettings> | null = null;

/** Fetched once per page; they change only with the server's configuration. */
export function fetchClientSettings(): Promise<ClientSettings> {
  clientSettings ??= gql<{ clientSettings: ClientSettings }>(`query ClientSettings { clientSettings { attachmentMaxBytes planeSrid } }`).then(
    (data) => data.clientSettings,
    (error: unknown) => {
      clientSettings = null; // try again next time
      throw error;
    },
  );
  return clientSettings;
}

/** Footer of printed sheets, configured per installation. */
export interface PrintSettings {
  department: string;
  phone: string;
  note: string;
}

export async function fetchPrintSettings(): Promise<PrintSettings> {
  const data = await gql<{ printSettings: PrintSettings }>(`query PrintSettings { printSettings { department phone note } }`);
  return data.printSettings;
}
