// Operations of the road ledger (道路台帳), boundary records (境界確定), attachments and the
// counter enquiry (窓口案内), with the types they return (the truth is schema/schema.graphql).
import { ApiError, gql } from './client';
import { graphql } from './generated';
import type { AttachmentsQuery, ClientSettingsQuery, CoordinateTableQuery, EnquiryQuery, ParseCoordinatesQuery, PrintSettingsQuery, RouteQuery } from './generated/graphql';
import type { Attributes, Feature } from './model';

const RouteQuery = graphql(`
  query Route($routeNo: String!) {
    route(routeNo: $routeNo) {
      routeNo routeName roadClass certifiedOn startPoint endPoint lengthM widthMinM widthMaxM segmentCount bbox geometry
      segments { ...FeatureFields }
    }
  }
`);

/** 路線: a city road route made of one or more ledger segments. */
export type Route = NonNullable<RouteQuery['route']>;

export async function fetchRoute(routeNo: string, signal?: AbortSignal): Promise<Route | null> {
  const data = await gql(RouteQuery, { routeNo }, signal);
  return data.route ?? null;
}

const CoordinateTableQuery = graphql(`
  query CoordinateTable($id: ID!) {
    coordinateTable(featureId: $id) {
      featureId recordNo srid closed perimeterM areaM2
      points { seq name markerType x y srid lon lat sideLengthM surveyed }
    }
  }
`);

/**
 * 座標一覧 of a boundary record. Its points (境界点) are as the server keeps them: X (northing) and Y
 * (easting) exactly as entered; `sideLengthM` is null after the last point of an open line; `surveyed`
 * is false when a map edit moved the point (未測量).
 */
export type CoordinateTable = CoordinateTableQuery['coordinateTable'];

export async function fetchCoordinateTable(featureId: string, signal?: AbortSignal): Promise<CoordinateTable> {
  const data = await gql(CoordinateTableQuery, { id: featureId }, signal);
  return data.coordinateTable;
}

export function coordinateCsvUrl(featureId: string): string {
  return `/api/boundary-records/${encodeURIComponent(featureId)}/coordinates.csv`;
}

const ParseCoordinatesQuery = graphql(`
  query ParseCoordinates($text: String!) {
    parseCoordinateTable(text: $text) { points { name x y markerType } problems { line code params message } }
  }
`);

type ServerParse = ParseCoordinatesQuery['parseCoordinateTable'];
export type ParsedPoint = ServerParse['points'][number];
/**
 * A line of a coordinate table the server could not read; `code` (columns, notNumber, decimals, outsideZone,
 * markerLength, duplicateName, duplicatePoint, others may follow) and `params` give the reason, `message` is its English text.
 */
export type LineProblem = Omit<ServerParse['problems'][number], 'params'> & { params: Record<string, string | number> };

/** The server's reading of a pasted coordinate table, for a preview before saving. */
export interface ParsedCoordinates {
  points: ParsedPoint[];
  problems: LineProblem[];
}

export async function parseCoordinateTable(text: string, signal?: AbortSignal): Promise<ParsedCoordinates> {
  const data = await gql(ParseCoordinatesQuery, { text }, signal);
  const { points, problems } = data.parseCoordinateTable;
  return { points, problems: problems.map((p) => ({ ...p, params: p.params as LineProblem['params'] })) };
}

const CreateBoundaryRecordMutation = graphql(`
  mutation CreateBoundaryRecord($attributes: JSONObject!, $coordinates: String!, $closed: Boolean!, $srid: Int) {
    createBoundaryRecord(attributes: $attributes, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }
  }
`);

const SetBoundaryPointsMutation = graphql(`
  mutation SetBoundaryPoints($id: ID!, $version: Int!, $coordinates: String!, $closed: Boolean!, $srid: Int) {
    setBoundaryPoints(featureId: $id, expectedVersion: $version, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }
  }
`);

export async function createBoundaryRecord(attributes: Attributes, coordinates: string, closed: boolean, srid?: number): Promise<Feature> {
  const data = await gql(CreateBoundaryRecordMutation, { attributes, coordinates, closed, srid });
  return data.createBoundaryRecord;
}

/** Replaces a record's points; its geometry follows them as a new version (CONFLICT when stale). */
export async function setBoundaryPoints(featureId: string, expectedVersion: number, coordinates: string, closed: boolean, srid?: number): Promise<Feature> {
  const data = await gql(SetBoundaryPointsMutation, { id: featureId, version: expectedVersion, coordinates, closed, srid });
  return data.setBoundaryPoints;
}

const AttachmentsQuery = graphql(`
  query Attachments($id: ID!) { attachments(featureId: $id) { id featureId filename contentType sizeBytes uploadedAt uploadedBy url } }
`);

/** An attachment; `url` is an inline preview (add ?download=1 to save). */
export type Attachment = AttachmentsQuery['attachments'][number];

export async function fetchAttachments(featureId: string, signal?: AbortSignal): Promise<Attachment[]> {
  const data = await gql(AttachmentsQuery, { id: featureId }, signal);
  return data.attachments;
}

const DeleteAttachmentMutation = graphql(`mutation DeleteAttachment($id: ID!) { deleteAttachment(id: $id) }`);

export async function deleteAttachment(id: string): Promise<void> {
  await gql(DeleteAttachmentMutation, { id });
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

const EnquiryQuery = graphql(`
  query Enquiry($lon: Float!, $lat: Float!, $layers: [String!]) {
    enquiry(lon: $lon, lat: $lat, layers: $layers) {
      lon lat town planeX planeY planeSrid
      route { routeNo routeName roadClass widthMinM widthMaxM lengthM }
      streetLight { ...EnquiryHit } garbagePoint { ...EnquiryHit } curveMirror { ...EnquiryHit } features { ...EnquiryHit }
      parcel { featureId label landCategory registeredAreaM2 areaM2 geometry
        roadFrontage { routeNo routeName roadClass widthMinM widthMaxM distanceM frontageM }
        boundaryRecords { featureId recordNo determinedOn } }
    }
  }
  fragment EnquiryHit on FeatureHit { distanceM feature { id layerKey attributes } }
`);

/** What the counter tells a citizen about a place (窓口案内). */
export type Enquiry = EnquiryQuery['enquiry'];
/** The parcel (地番) at the enquiry's place: its road frontage (接道) and boundary determinations. */
export type ParcelAnswer = NonNullable<Enquiry['parcel']>;

export async function fetchEnquiry(lon: number, lat: number, layers: string[] | null, signal?: AbortSignal): Promise<Enquiry> {
  const data = await gql(EnquiryQuery, { lon, lat, layers }, signal);
  return data.enquiry;
}

const ClientSettingsQuery = graphql(`query ClientSettings { clientSettings { attachmentMaxBytes planeSrid passwordMinLength } }`);

/** Installation settings the panels need: the largest attachment and the city's plane rectangular zone (PLANE_SRID). */
export type ClientSettings = ClientSettingsQuery['clientSettings'];

let clientSettings: Promise<ClientSettings> | null = null;

/** Fetched once per page; they change only with the server's configuration. */
export function fetchClientSettings(): Promise<ClientSettings> {
  clientSettings ??= gql(ClientSettingsQuery).then(
    (data) => data.clientSettings,
    (error: unknown) => {
      clientSettings = null; // try again next time
      throw error;
    },
  );
  return clientSettings;
}

const PrintSettingsQuery = graphql(`query PrintSettings { printSettings { department phone note } }`);

/** Footer of printed sheets, configured per installation. */
export type PrintSettings = PrintSettingsQuery['printSettings'];

export async function fetchPrintSettings(): Promise<PrintSettings> {
  const data = await gql(PrintSettingsQuery);
  return data.printSettings;
}
