export interface LayerStatsRow {
  layer_id: number;
  feature_count: number;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
}

export const layerStatsSql = `
  SELECT layer_id, count(*)::int AS feature_count,
         ST_XMin(ST_Extent(geom)) AS min_lon, ST_YMin(ST_Extent(geom)) AS min_lat,
         ST_XMax(ST_Extent(geom)) AS max_lon, ST_YMax(ST_Extent(geom)) AS max_lat
  FROM feature WHERE deleted_at IS NULL GROUP BY layer_id`;
