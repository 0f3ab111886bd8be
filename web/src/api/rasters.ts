// Raster layers (issue 19): sheets (scans, orthophotos) of a raster layer, their placement
// (georeferencing) and the REST routes for the files. The contract: schema/schema.graphql and
// the raster routes (server/src/modules/rasters).
import { ApiError, gql } from './client';
import { graphql } from './generated';

/** PLACING: being warped and tiled on the server (see progress). */
export type RasterSheetStatus = 'UPLOADED' | 'PLACING' | 'PLACED' | 'FAILED';
export type PlacementMethod = 'CORNERS' | 'CONTROL_POINTS' | 'GEOREFERENCED';
export type RasterTransform = 'AFFINE' | 'PROJECTIVE' | 'POLYNOMIAL2';

/** Image pixel (col right, row down) ↔ plane rectangular X (northing) / Y (easting) in metres. */
export interface RasterControlPoint {
  col: number;
  row: number;
  x: number;
  y: number;
}

export interface RasterPlacement {
  method: PlacementMethod;
  transform: RasterTransform;
  controlPoints: RasterControlPoint[];
  rmsM: number | null;
  residualsM: number[];
  srid: number;
}

export interface RasterSheet {
  id: string;
  layerKey: string;
  name: string;
  /** The uploaded file's name. */
  fileName: string;
  status: RasterSheetStatus;
  /** 0–1 while PLACING. */
  progress: number;
  widthPx: number;
  heightPx: number;
  sizeBytes: number;
  checksum: string;
  scaleDenominator: number | null;
  surveyDate: string | null;
  placement: RasterPlacement | null;
  /** GeoJSON polygon (WGS84) of the placed sheet. */
  outline: GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
  /** Why placing failed. */
  problem: string | null;
  /** Placed, but worth a look (an RMS over the server's threshold). */
  warning: string | null;
  version: number;
  /** The boundary record (境界確定) this drawing belongs to. */
  boundaryRecordId: string | null;
  createdAt: string;
  updatedAt: string;
}

export const isRasterLayer = (layer: { kind?: string | null }) => layer.kind === 'RASTER';

/** @public Spread by name in the raster documents; the generator reads it here. */
export const RasterSheetFields = graphql(`
  fragment RasterSheetFields on RasterSheet {
    id layerKey name fileName status progress widthPx heightPx sizeBytes checksum scaleDenominator surveyDate outline problem warning version createdAt updatedAt
    boundaryRecordId
    placement { method transform rmsM residualsM srid controlPoints { col row x y } }
  }
`);
const RasterSheetsQuery = graphql(`query RasterSheets($layer: String!) { rasterSheets(layer: $layer) { ...RasterSheetFields } }`);
const RasterSheetQuery = graphql(`query RasterSheet($id: ID!) { rasterSheet(id: $id) { id status progress } }`);
const PlaceRasterSheetMutation = graphql(`
  mutation PlaceRasterSheet($id: ID!, $method: RasterPlacementMethod!, $transform: RasterTransform!, $controlPoints: [RasterControlPointInput!]!,
                            $name: String, $scaleDenominator: Int, $surveyDate: String, $version: Int) {
    placeRasterSheet(id: $id, method: $method, transform: $transform, controlPoints: $controlPoints,
                     name: $name, scaleDenominator: $scaleDenominator, surveyDate: $surveyDate, version: $version) { ...RasterSheetFields }
  }
`);
const DeleteRasterSheetMutation = graphql(`mutation DeleteRasterSheet($id: ID!, $version: Int) { deleteRasterSheet(id: $id, version: $version) }`);
const BoundaryRecordDrawingsQuery = graphql(`query BoundaryRecordDrawings($featureId: ID!) { boundaryRecordDrawings(featureId: $featureId) { ...RasterSheetFields } }`);
const LinkDrawingMutation = graphql(`
  mutation LinkRasterSheetToBoundaryRecord($id: ID!, $featureId: ID, $version: Int) {
    linkRasterSheetToBoundaryRecord(id: $id, featureId: $featureId, version: $version) { ...RasterSheetFields }
  }
`);

/** Placed drawings (境界確定図) linked to a boundary record. */
export async function fetchRecordDrawings(featureId: string, signal?: AbortSignal): Promise<RasterSheet[]> {
  const data = await gql(BoundaryRecordDrawingsQuery, { featureId }, signal);
  return data.boundaryRecordDrawings as RasterSheet[];
}

/** Links a placed drawing to a boundary record (featureId null: unlinks). */
export async function linkDrawing(id: string, featureId: string | null, version?: number): Promise<RasterSheet> {
  const data = await gql(LinkDrawingMutation, { id, featureId, version });
  return data.linkRasterSheetToBoundaryRecord as RasterSheet;
}

export async function fetchRasterSheets(layerKey: string, signal?: AbortSignal): Promise<RasterSheet[]> {
  const data = await gql(RasterSheetsQuery, { layer: layerKey }, signal);
  return data.rasterSheets as RasterSheet[];
}

/** One sheet; polled for its progress while it is being placed. */
export async function fetchRasterSheet(id: string, signal?: AbortSignal): Promise<Pick<RasterSheet, 'id' | 'status' | 'progress'> | null> {
  const data = await gql(RasterSheetQuery, { id }, signal);
  return (data.rasterSheet ?? null) as Pick<RasterSheet, 'id' | 'status' | 'progress'> | null;
}

export interface PlaceArgs {
  id: string;
  method: PlacementMethod;
  transform: RasterTransform;
  controlPoints: RasterControlPoint[];
  name?: string;
  scaleDenominator?: number | null;
  surveyDate?: string | null;
  /** The version the user saw: CONFLICT when the sheet changed since. */
  version?: number | null;
}

export async function placeRasterSheet(args: PlaceArgs): Promise<RasterSheet> {
  const data = await gql(PlaceRasterSheetMutation, { ...args });
  return data.placeRasterSheet as RasterSheet;
}

export async function deleteRasterSheet(id: string, version?: number): Promise<void> {
  await gql(DeleteRasterSheetMutation, { id, version });
}

export const originalUrl = (sheet: Pick<RasterSheet, 'id'>) => `/api/rasters/sheets/${encodeURIComponent(sheet.id)}/original`;

/** TileJSON of a raster layer (absolute: MapLibre loads it from a worker). */
export const rasterTileJsonUrl = (layerKey: string) => new URL(`/tiles/raster/${encodeURIComponent(layerKey)}.json`, window.location.href).href;
/** TileJSON of a raster layer's sheet index (図郭割): the placed sheets' outlines as vector tiles. */
export const sheetIndexTileJsonUrl = (layerKey: string) => new URL(`/tiles/raster/${encodeURIComponent(layerKey)}/index.json`, window.location.href).href;

/** The sheet as a PNG for the placement view, and its scale: preview pixels per sheet pixel (≤ 1). */
export async function fetchPreview(id: string, max = 2048): Promise<{ url: string; scale: number }> {
  let response: Response;
  try {
    response = await fetch(`/api/rasters/sheets/${encodeURIComponent(id)}/preview?max=${max}`, { credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError((e as Error).message, 'NETWORK_ERROR');
  }
  if (!response.ok) throw await restError(response);
  const scale = Number(response.headers.get('x-preview-scale') ?? '1');
  return { url: URL.createObjectURL(await response.blob()), scale: Number.isFinite(scale) && scale > 0 ? scale : 1 };
}

async function restError(response: Response | { status: number; text: string }): Promise<ApiError> {
  const text = 'text' in response && typeof response.text === 'string' ? response.text : await (response as Response).text().catch(() => '');
  let body: { error?: { code?: string; message?: string } } | null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const code = body?.error?.code ?? (response.status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${response.status}`);
  return new ApiError(body?.error?.message ?? `HTTP ${response.status}`, code, body?.error ?? {});
}

export interface UploadOptions {
  name: string;
  /** Kept on the sheet from the upload on (also when the sheet is placed at once from its GeoTIFF or world file). */
  scaleDenominator?: number | null;
  surveyDate?: string | null;
  /** A PDF: the page to place and the resolution to render it at. */
  pdf?: { page: number; dpi: number };
  /** Upload progress, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** POSTs a raw body with XHR (fetch cannot report upload progress); answers the parsed JSON. */
function postWithProgress<T>(url: string, body: Blob, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    // A typed body and this header pass the server's CSRF guard.
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('apollo-require-preflight', 'true');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError('network error', 'NETWORK_ERROR'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(`HTTP ${xhr.status}`, 'BAD_RESPONSE'));
        }
      } else {
        reject(await restError({ status: xhr.status, text: xhr.responseText }));
      }
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

/** Uploads a scan (TIFF/GeoTIFF, PNG, JPEG, PDF) into a raster layer; a world file follows as a second request. */
export async function uploadRasterSheet(layerKey: string, file: File, worldFile: File | null, options: UploadOptions): Promise<RasterSheet> {
  const q = new URLSearchParams({ name: options.name, filename: file.name });
  if (options.scaleDenominator) q.set('scale', String(options.scaleDenominator));
  if (options.surveyDate) q.set('surveyDate', options.surveyDate);
  if (options.pdf) {
    q.set('page', String(options.pdf.page));
    q.set('dpi', String(options.pdf.dpi));
  }
  const sheet = await postWithProgress<RasterSheet>(`/api/rasters/${encodeURIComponent(layerKey)}/sheets?${q}`, file, options.onProgress, options.signal);
  if (!worldFile) return sheet;
  return postWithProgress<RasterSheet>(`/api/rasters/sheets/${encodeURIComponent(sheet.id)}/worldfile`, worldFile, undefined, options.signal);
}
