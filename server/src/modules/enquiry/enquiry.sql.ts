/** A lon/lat in the city's plane rectangular zone: X northing, Y easting (metres). */
export const planeCoordinatesSql = `
  SELECT ST_Y(p) AS x, ST_X(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), $3::int) AS p) s`;
