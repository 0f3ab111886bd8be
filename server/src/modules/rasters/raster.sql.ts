// SQL of raster layers: sheets (one image each) and their Web Mercator PNG tiles.

export interface RasterSheetRow {
  id: number;
  layer_id: number;
  layer_key: string;
  name: string;
  file_name: string;
  format: string;
  status: string;
  progress: number;
  width_px: number;
  height_px: number;
  size_bytes: string;
  checksum: string;
  scale_denominator: number | null;
  survey_date: string | null;
  placement: unknown;
  outline: string | null;
  min_zoom: number | null;
  max_zoom: number | null;
  problem: string | null;
  warning: string | null;
  version: number;
  pdf_page: number | null;
  pdf_dpi: number | null;
  boundary_record_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const sheetColumns = `
  s.id, s.layer_id, l.key AS layer_key, s.name, s.file_name, s.format, s.status, s.progress, s.width_px, s.height_px,
  s.size_bytes::text AS size_bytes, s.checksum, s.scale_denominator, s.survey_date, s.placement, ST_AsGeoJSON(s.outline, 9) AS outline,
  s.min_zoom, s.max_zoom, s.problem, s.warning, s.version, s.pdf_page, s.pdf_dpi, s.boundary_record_id::text AS boundary_record_id,
  s.created_at, s.updated_at`;

export const sheetByIdSql = `SELECT ${sheetColumns} FROM raster_sheet s JOIN layer l ON l.id = s.layer_id WHERE s.id = $1`;
export const sheetsOfLayerSql = `SELECT ${sheetColumns} FROM raster_sheet s JOIN layer l ON l.id = s.layer_id WHERE s.layer_id = $1 ORDER BY s.id`;

/** Scale and survey date given at upload are kept from the start (a sheet placed on upload keeps them too). */
export const insertSheetSql = `
  INSERT INTO raster_sheet (layer_id, name, file_name, format, width_px, height_px, size_bytes, checksum, created_by,
    scale_denominator, survey_date, pdf_page, pdf_dpi)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`;

/** Placed drawings of a boundary record, oldest first. */
export const sheetsOfRecordSql = `SELECT ${sheetColumns} FROM raster_sheet s JOIN layer l ON l.id = s.layer_id
  WHERE s.boundary_record_id = $1 AND s.status = 'placed' ORDER BY s.id`;

/** Links a sheet to a boundary record ($2; null unlinks); $3 = the version the caller saw (null: any). */
export const linkRecordSql = `
  UPDATE raster_sheet SET boundary_record_id = $2, version = version + 1, updated_at = now()
  WHERE id = $1 AND ($3::int IS NULL OR version = $3) RETURNING id`;

/** Starts a placement; $2 = the version the caller saw (null: any). No row back = changed meanwhile or already placing. */
export const startPlacingSql = `
  UPDATE raster_sheet SET status = 'placing', progress = 0, problem = NULL, warning = NULL, updated_at = now()
  WHERE id = $1 AND status <> 'placing' AND ($2::int IS NULL OR version = $2) RETURNING id`;

export const progressSql = 'UPDATE raster_sheet SET progress = $2 WHERE id = $1';
export const deleteTilesOfSheetSql = 'DELETE FROM raster_tile WHERE sheet_id = $1';

/** Rows of tiles in one statement: $1 sheet, then (z, x, y, png) per tile. */
export function insertTilesSql(count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `($1, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}, $${i * 4 + 5})`);
  return `INSERT INTO raster_tile (sheet_id, z, x, y, png) VALUES ${rows.join(', ')}`;
}

/** $5 = outline as GeoJSON (WGS84). */
export const finishPlacedSql = `
  UPDATE raster_sheet SET status = 'placed', progress = 1, placement = $2::jsonb, min_zoom = $3, max_zoom = $4,
    outline = ST_SetSRID(ST_GeomFromGeoJSON($5), 4326), warning = $6, name = COALESCE($7, name),
    scale_denominator = COALESCE($8, scale_denominator), survey_date = COALESCE($9, survey_date),
    version = version + 1, updated_at = now()
  WHERE id = $1`;

/** Placement failed: back to UPLOADED (or FAILED when it was never placed) with the reason; tiles already removed. */
export const failPlacingSql = `
  UPDATE raster_sheet SET status = 'failed', progress = 0, problem = $2, placement = NULL, outline = NULL, min_zoom = NULL, max_zoom = NULL,
    version = version + 1, updated_at = now()
  WHERE id = $1`;

export const bumpLayerVersionSql = 'UPDATE layer SET data_version = data_version + 1, updated_at = now() WHERE id = $1';
export const deleteSheetSql = 'DELETE FROM raster_sheet WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING layer_id';

/** Sheets left PLACING by a server that stopped mid-way: their partial tiles go, the sheet shows why. */
export const abandonedPlacingSql = `SELECT id FROM raster_sheet WHERE status = 'placing'`;

/** The placed sheets' tiles at one address, lowest sheet id first (later sheets drawn on top). */
export const layerTileSql = `
  SELECT t.png FROM raster_tile t JOIN raster_sheet s ON s.id = t.sheet_id
  WHERE s.layer_id = $1 AND s.status = 'placed' AND t.z = $2 AND t.x = $3 AND t.y = $4
  ORDER BY s.id`;

export interface RasterLayerRow { id: number; key: string; kind: string; data_version: number }

export const layerExtentSql = `
  SELECT ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat, min_zoom, max_zoom
  FROM (SELECT ST_Extent(outline)::geometry AS e, min(min_zoom) AS min_zoom, max(max_zoom) AS max_zoom
        FROM raster_sheet WHERE layer_id = $1 AND status = 'placed') x`;

/** The layer of a live feature (null row when it does not exist or is deleted). */
export const liveFeatureLayerSql = 'SELECT layer_id FROM feature WHERE id = $1 AND deleted_at IS NULL';

/** A sheet of the index (図郭割) in one vector tile. */
export interface SheetIndexRow { id: string; name: string; scale_denominator: number | null; survey_date: string | null; geometry: object }

/**
 * The sheet index (図郭割) of a layer in one tile: its placed sheets' outlines that reach into the tile
 * (with the tile buffer). $1 layer id, $2 z, $3 x, $4 y, $5 buffer as a share of the tile.
 */
export const sheetIndexTileSql = `
  SELECT s.id::text AS id, s.name, s.scale_denominator, s.survey_date, ST_AsGeoJSON(s.outline, 7)::json AS geometry
  FROM raster_sheet s
  WHERE s.layer_id = $1 AND s.status = 'placed' AND s.outline IS NOT NULL
    AND s.outline && ST_Transform(ST_TileEnvelope($2::int, $3::int, $4::int, margin => $5::float8), 4326)
  ORDER BY s.id`;
