// Set-based SQL that draws the demo city's reference data (parcels, buildings, water, railway,
// facility sites) from the demo road ledger. All geometry work happens in the plane zone (metres).
// The temp tables live for one transaction (ON COMMIT DROP).

/** A deterministic number in [0, 1) from a text key: md5 is the same on every backend and machine. */
const unit = (key: string) => `(('x' || substr(md5(${key}), 1, 7))::bit(28)::int / 268435456.0)`;
/** A key for per-cell randomness: the seed placeholder, a tag and the cell coordinates. */
const cellKey = (seed: string, tag: string, ...parts: string[]) => `${seed} || ':${tag}:' || ${parts.join(` || ':' || `)}`;

/**
 * Open land: the city minus road, railway and water corridors, as separate blocks.
 * $1 plane SRID, $2 corridors [{ g: GeoJSON line in 4326, half_width: metres }].
 */
export const blocksSql = `
  CREATE TEMP TABLE ref_block ON COMMIT DROP AS
  WITH corridor AS (
    SELECT ST_Buffer(ST_Transform(f.geom, $1::int),
             CASE f.attributes->>'road_class' WHEN '1級' THEN 6 WHEN '2級' THEN 4.5 ELSE 3.5 END, 'quad_segs=2') AS g
    FROM feature f JOIN layer l ON l.id = f.layer_id
    WHERE l.role = 'road_ledger' AND f.deleted_at IS NULL
    UNION ALL
    SELECT ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(c.g), 4326), $1::int), c.half_width, 'quad_segs=2')
    FROM json_to_recordset($2::json) AS c(g text, half_width float8))
  -- Half a metre inside the border, so shapes stay within it after the round trip to longitude/latitude.
  SELECT (ST_Dump(ST_Difference(ST_Buffer(ST_Transform(b.geom, $1::int), -0.5), (SELECT ST_Union(g) FROM corridor)))).geom AS geom
  FROM city_boundary b`;

/**
 * Parent lots (親番): a square grid laid over the blocks, each piece named after the nearest town (大字/町丁目)
 * and marked residential near town centres and the station.
 * $1 SRID, $2 radius m (null = whole city), $3/$4 station lon/lat, $5 cell size m, $6 planned towns (text[]), $7 seed,
 * $8/$9 lon/lat of the centre of the disc that $2 limits the parcels to.
 */
export const parentsSql = `
  CREATE TEMP TABLE ref_parent ON COMMIT DROP AS
  WITH station AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($3, $4), 4326), $1::int) AS g),
  area AS (
    SELECT CASE WHEN $2::float8 IS NULL THEN c.g
                ELSE ST_Intersection(c.g, ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint($8, $9), 4326), $1::int), $2::float8)) END AS g
    FROM (SELECT ST_Buffer(ST_Transform(geom, $1::int), -0.5) AS g FROM city_boundary) c),
  cell AS (SELECT s.i, s.j, s.geom FROM area, ST_SquareGrid($5, area.g) AS s),
  piece AS (
    SELECT c.i, c.j, c.geom AS cell,
           (ST_Dump(CASE WHEN ST_Contains(b.geom, c.geom) THEN c.geom ELSE ST_Intersection(c.geom, b.geom) END)).geom AS geom
    FROM ref_block b JOIN cell c ON c.geom && b.geom AND ST_Intersects(b.geom, c.geom)),
  located AS (
    SELECT p.i, p.j, p.cell, p.geom,
           row_number() OVER (PARTITION BY p.i, p.j ORDER BY ST_XMin(p.geom), ST_YMin(p.geom)) AS k,
           ST_Transform(ST_PointOnSurface(p.geom), 4326) AS at
    FROM piece p WHERE ST_GeometryType(p.geom) = 'ST_Polygon' AND ST_Area(p.geom) >= 30),
  named AS (
    SELECT l.*, t.name AS oaza, t.name = ANY($6::text[]) AS planned,
           ST_Distance(ST_Transform(t.point, $1::int), ST_Transform(l.at, $1::int)) AS town_m,
           ST_Distance((SELECT g FROM station), ST_Transform(l.at, $1::int)) AS station_m
    FROM located l CROSS JOIN LATERAL (SELECT name, point FROM town ORDER BY town.point <-> l.at LIMIT 1) t)
  SELECT row_number() OVER (ORDER BY i, j, k)::int AS id, i, j, k, cell, geom, oaza, planned, station_m,
         -- Most cells are not cut by a road: their lots are plain rectangles, no clipping needed.
         ST_Area(geom) >= $5 * $5 - 0.5 AS whole,
         station_m < 900 OR town_m < (CASE WHEN planned THEN 430 ELSE 230 END) * (0.75 + 0.5 * ${unit(cellKey('$7', 'res', 'i', 'j'))})
           AS residential,
         -- Lot layout runs the same way over a few neighbouring cells, as in one subdivision.
         ${unit(cellKey('$7', 'dir', '(i / 4)', '(j / 4)'))} < 0.5 AS swap,
         floor(${unit(cellKey('$7', 'lay', 'i', 'j', 'k'))} * 6)::int AS layout,
         ${unit(cellKey('$7', 'forest', '(i / 5)', '(j / 5)'))} < 0.22 AS forest,
         NULL::int AS site
  FROM named`;

export const parentIndexSql = 'CREATE INDEX ON ref_parent USING gist (geom)';

/**
 * Facility sites: each facility takes the nearest whole parent cell within 300 m (one site per cell).
 * $1 SRID, $2 [{ site: int, lon, lat }], $3 cell area threshold m².
 */
export const sitesSql = `
  UPDATE ref_parent p SET site = s.site, residential = true
  FROM (
    SELECT DISTINCT ON (parent_id) parent_id, site FROM (
      SELECT f.site, (SELECT q.id FROM ref_parent q
                      WHERE ST_Area(q.geom) >= $3 AND ST_DWithin(q.geom, ST_Transform(ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326), $1::int), 300)
                      ORDER BY q.geom <-> ST_Transform(ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326), $1::int) LIMIT 1) AS parent_id
      FROM json_to_recordset($2::json) AS f(site int, lon float8, lat float8)) c
    WHERE parent_id IS NOT NULL ORDER BY parent_id, site) s
  WHERE p.id = s.parent_id`;

/**
 * Lots: residential cells split into rows of narrow lots with 3 m lanes between cells; farmland into
 * a few strips; a facility site stays whole. Numbered per town the way 地番 run (see parent_no and branched).
 * $1 SRID, $2 cell size m, $3 seed, $4 water lines [{ g }] (paddies lie along them), $5 sites [{ site, land }].
 */
export const lotsSql = `
  CREATE TEMP TABLE ref_lot ON COMMIT DROP AS
  WITH water AS (SELECT ST_Union(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(w.g), 4326), $1::int)) AS g FROM json_to_recordset($4::json) AS w(g text)),
  shape AS (
    SELECT p.*,
      CASE WHEN p.site IS NOT NULL THEN 1 WHEN p.residential THEN (ARRAY[3, 4, 3, 2, 3, 2])[p.layout + 1] ELSE (ARRAY[1, 1, 2, 1, 1, 1])[p.layout + 1] END AS n_across,
      CASE WHEN p.site IS NOT NULL THEN 1 WHEN p.residential THEN (ARRAY[2, 2, 2, 2, 1, 2])[p.layout + 1] ELSE 1 END AS n_deep,
      CASE WHEN p.residential AND p.site IS NULL THEN 1.5 ELSE 0 END AS lane
    FROM ref_parent p),
  inner_shape AS (
    SELECT s.*, CASE WHEN s.whole THEN NULL WHEN s.lane > 0 THEN ST_Buffer(s.geom, -s.lane, 'join=mitre') ELSE s.geom END AS inner_geom
    FROM shape s),
  rect AS (
    SELECT s.*, a, b, ST_MakeEnvelope(
      ST_XMin(s.cell) + $2 * (CASE WHEN s.swap THEN b::float8 / s.n_deep ELSE a::float8 / s.n_across END),
      ST_YMin(s.cell) + $2 * (CASE WHEN s.swap THEN a::float8 / s.n_across ELSE b::float8 / s.n_deep END),
      ST_XMin(s.cell) + $2 * (CASE WHEN s.swap THEN (b + 1)::float8 / s.n_deep ELSE (a + 1)::float8 / s.n_across END),
      ST_YMin(s.cell) + $2 * (CASE WHEN s.swap THEN (a + 1)::float8 / s.n_across ELSE (b + 1)::float8 / s.n_deep END), $1::int) AS r
    FROM inner_shape s, generate_series(0, s.n_across - 1) AS a, generate_series(0, s.n_deep - 1) AS b),
  cut AS (
    SELECT r.id AS parent_id, r.i, r.j, r.k, r.a, r.b, r.r, r.swap, r.oaza, r.planned, r.residential, r.forest, r.site, r.station_m,
           r.n_across, r.whole, (ST_Dump(CASE WHEN r.whole
             THEN ST_MakeEnvelope(GREATEST(ST_XMin(r.r), ST_XMin(r.cell) + r.lane), GREATEST(ST_YMin(r.r), ST_YMin(r.cell) + r.lane),
                                  LEAST(ST_XMax(r.r), ST_XMax(r.cell) - r.lane), LEAST(ST_YMax(r.r), ST_YMax(r.cell) - r.lane), $1::int)
             ELSE ST_Intersection(r.inner_geom, r.r) END)).geom AS geom
    FROM rect r WHERE r.whole OR ST_Intersects(r.inner_geom, r.r)),
  lot AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.parent_id ORDER BY c.b, c.a, ST_XMin(c.geom), ST_YMin(c.geom)) AS nth,
           count(*) OVER (PARTITION BY c.parent_id) AS lots_in_parent
    FROM cut c WHERE ST_GeometryType(c.geom) = 'ST_Polygon' AND ST_Area(c.geom) >= 20),
  -- 枝番 run 1, 2, 3 … within the 親番, with gaps in about a third of the parents where a lot was split
  -- again or merged back (353-1, 353-2, 353-5 … 353-14).
  branched AS (
    SELECT l.*, sum(CASE
             WHEN l.nth > 1 AND ${unit(cellKey('$3', 'resplit', 'l.parent_id'))} < 0.35 AND ${unit(cellKey('$3', 'edagap', 'l.parent_id', 'l.nth'))} < 0.45
             THEN 2 + floor(${unit(cellKey('$3', 'edastep', 'l.parent_id', 'l.nth'))} * 4)::int ELSE 1 END)
             OVER (PARTITION BY l.parent_id ORDER BY l.nth) AS eda
    FROM lot l),
  -- 親番 of a 大字 run through its 小字 (squares of five cells, north to south, west to east), each 小字
  -- starting at the next hundred, along the rows with gaps where old lots were merged (合筆) or became
  -- roads: hundreds to thousands per 大字. A planned town (丁目, the newer estates) was numbered anew
  -- in one run, with few gaps.
  parent AS (SELECT DISTINCT parent_id, oaza, planned, i, j, k FROM lot),
  stepped AS (
    SELECT p.*,
           CASE WHEN p.planned THEN 0 ELSE floor(p.i / 5.0)::int END AS zi, CASE WHEN p.planned THEN 0 ELSE floor(p.j / 5.0)::int END AS zj,
           CASE WHEN p.planned THEN CASE WHEN ${unit(cellKey('$3', 'gap', 'parent_id'))} < 0.12 THEN 3 ELSE 1 END
                WHEN ${unit(cellKey('$3', 'gap', 'parent_id'))} < 0.7 THEN 1
                WHEN ${unit(cellKey('$3', 'gap', 'parent_id'))} < 0.9 THEN 2 + floor(${unit(cellKey('$3', 'gapsize', 'parent_id'))} * 3)::int
                ELSE 6 + floor(${unit(cellKey('$3', 'gapsize', 'parent_id'))} * 10)::int END AS step
    FROM parent p),
  koaza AS (SELECT s.*, sum(s.step) OVER (PARTITION BY s.oaza, s.zi, s.zj ORDER BY s.j DESC, s.i, s.k) AS n FROM stepped s),
  koaza_base AS (
    SELECT oaza, zi, zj, coalesce(sum(ceil(max(n) / 100.0) * 100) OVER (PARTITION BY oaza ORDER BY zj DESC, zi
             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS base
    FROM koaza GROUP BY oaza, zi, zj),
  parent_no AS (SELECT z.parent_id, (b.base + z.n)::int AS oya FROM koaza z JOIN koaza_base b USING (oaza, zi, zj)),
  numbered AS (
    SELECT l.*, n.oya, n.oya::text || CASE WHEN l.lots_in_parent > 1 THEN '-' || l.eda ELSE '' END AS chiban,
           ${unit(cellKey('$3', 'use', 'l.parent_id', 'l.nth'))} AS u
    FROM branched l JOIN parent_no n USING (parent_id))
  SELECT row_number() OVER (ORDER BY n.oaza, n.oya, n.eda)::int AS id, n.*,
    CASE
      WHEN n.site IS NOT NULL THEN (SELECT s.land FROM json_to_recordset($5::json) AS s(site int, land text) WHERE s.site = n.site)
      WHEN n.residential THEN CASE WHEN n.u < 0.05 THEN '雑種地' WHEN n.u < 0.09 THEN '畑' ELSE '宅地' END
      WHEN n.u < 0.05 THEN '宅地'
      WHEN ST_DWithin(n.geom, (SELECT g FROM water), 250) THEN CASE WHEN n.u < 0.85 THEN '田' ELSE '原野' END
      WHEN n.forest THEN CASE WHEN n.u < 0.9 THEN '山林' ELSE '原野' END
      ELSE CASE WHEN n.u < 0.9 THEN '畑' ELSE '雑種地' END
    END AS land_category
  FROM numbered n`;

/**
 * Buildings: one per built-up lot, set back from the lot edges and to the rear of the lot (south
 * gardens in front); larger apartment blocks near the station, one large building on a facility site.
 * $1 seed, $2 sites [{ site, building_use }] (sites without a building_use stay open, e.g. parks).
 */
export const buildingsSql = `
  CREATE TEMP TABLE ref_building ON COMMIT DROP AS
  WITH lot AS (
    SELECT l.id, l.chiban, l.oaza, l.site, l.station_m, l.swap, l.whole, l.geom, e.r, ${unit(cellKey('$1', 'bld', 'l.id::text'))} AS v,
           CASE WHEN l.swap THEN ST_YMax(e.r) - ST_YMin(e.r) ELSE ST_XMax(e.r) - ST_XMin(e.r) END AS width,
           CASE WHEN l.swap THEN ST_XMax(e.r) - ST_XMin(e.r) ELSE ST_YMax(e.r) - ST_YMin(e.r) END AS depth,
           s.building_use AS site_use
    FROM ref_lot l CROSS JOIN LATERAL (SELECT ST_Envelope(l.geom) AS r) e
    LEFT JOIN json_to_recordset($2::json) AS s(site int, building_use text) ON s.site = l.site
    WHERE l.land_category = '宅地' OR l.site IS NOT NULL),
  kind AS (
    SELECT l.*,
      CASE WHEN l.site IS NOT NULL THEN l.site_use
           WHEN l.v >= 0.92 THEN NULL
           WHEN l.width >= 20 AND l.station_m < 900 THEN CASE WHEN l.v < 0.55 THEN '共同住宅' WHEN l.v < 0.75 THEN '店舗' ELSE '事務所' END
           WHEN l.width >= 20 THEN CASE WHEN l.v < 0.7 THEN '居宅' WHEN l.v < 0.85 THEN '倉庫' ELSE '工場' END
           ELSE CASE WHEN l.v < 0.86 THEN '居宅' WHEN l.v < 0.9 THEN '店舗' ELSE '共同住宅' END
      END AS building_use
    FROM lot l),
  size AS (
    SELECT k.*,
      CASE WHEN k.site IS NOT NULL THEN k.width - 12 WHEN k.width >= 20 THEN k.width - 7 ELSE LEAST(k.width - 2.4 - 1.6 * k.v, 11) END AS bw,
      CASE WHEN k.site IS NOT NULL THEN LEAST(k.depth - 16, 18) WHEN k.width >= 20 THEN LEAST(k.depth - 8, 10 + 10 * k.v) ELSE LEAST(k.depth - 6, 7.5 + 6 * k.v) END AS bd,
      CASE WHEN k.site IS NOT NULL THEN 6 ELSE 1.5 + 1.5 * k.v END AS back
    FROM kind k WHERE k.building_use IS NOT NULL),
  envelope AS (
    SELECT s.*, CASE WHEN s.swap
      THEN ST_MakeEnvelope(ST_XMax(s.r) - s.back - s.bd, ST_YMin(s.r) + (s.width - s.bw) / 2, ST_XMax(s.r) - s.back, ST_YMin(s.r) + (s.width + s.bw) / 2, ST_SRID(s.r))
      ELSE ST_MakeEnvelope(ST_XMin(s.r) + (s.width - s.bw) / 2, ST_YMax(s.r) - s.back - s.bd, ST_XMin(s.r) + (s.width + s.bw) / 2, ST_YMax(s.r) - s.back, ST_SRID(s.r))
      END AS e
    FROM size s WHERE s.bw > 3 AND s.bd > 3),
  footprint AS (
    -- A rectangular lot holds its inset footprint as is; a clipped one cuts the footprint to the lot.
    SELECT e.*, CASE WHEN e.whole THEN e.e ELSE ST_Intersection(ST_Buffer(e.geom, -0.8), e.e) END AS g
    FROM envelope e)
  SELECT f.id AS lot_id, f.chiban, f.oaza, f.building_use, f.v, f.station_m, d.geom
  FROM footprint f, ST_Dump(f.g) AS d
  WHERE ST_GeometryType(d.geom) = 'ST_Polygon' AND ST_Area(d.geom) >= 20`;

/** The generated parcels as (ord, geom, attributes) rows for insertReferenceSql. $1 seed. */
export const parcelRowsSql = `
  SELECT l.id AS ord, ST_Transform(l.geom, 4326) AS geom, jsonb_build_object(
    'oaza', l.oaza, 'chiban', l.chiban, 'land_category', l.land_category,
    -- The registered area (地積) differs a little from the drawn one, as in the tax records.
    'registered_area_m2', round((ST_Area(l.geom) * (0.97 + 0.06 * ${unit(cellKey('$1', 'area', 'l.id::text'))}))::numeric, 2)) AS attributes
  FROM ref_lot l`;

/** The generated buildings as (ord, geom, attributes) rows. $1 seed. */
export const buildingRowsSql = `
  SELECT row_number() OVER (ORDER BY b.lot_id, ST_XMin(b.geom), ST_YMin(b.geom)) AS ord, ST_Transform(b.geom, 4326) AS geom, jsonb_build_object(
    'building_no', b.chiban,
    'building_use', b.building_use,
    'structure', CASE WHEN b.building_use IN ('共同住宅', '公共施設', '事務所') AND b.v < 0.7 THEN '鉄筋コンクリート造'
                      WHEN b.building_use IN ('倉庫', '工場', '店舗') THEN '鉄骨造'
                      WHEN b.v < 0.15 THEN '軽量鉄骨造' ELSE '木造' END,
    'floors', CASE WHEN b.building_use = '共同住宅' THEN 2 + floor(b.v * 8 * GREATEST(0.2, 1 - b.station_m / 1500))::int
                   WHEN b.building_use IN ('公共施設', '事務所') THEN 2 + floor(b.v * 4)::int
                   WHEN b.building_use IN ('倉庫', '工場') THEN 1 ELSE 1 + (b.v < 0.8)::int END,
    'built_year', 1965 + floor(${unit(cellKey('$1', 'year', 'b.lot_id::text'))} * 60)::int) AS attributes
  FROM ref_building b`;

/** Where each facility stands: inside its site's lot, else where it was placed. $1 [{ site, lon, lat }]. */
export const facilitySitesSql = `
  SELECT f.site, ST_AsGeoJSON(COALESCE(ST_Transform(ST_PointOnSurface(l.geom), 4326), ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326)), 7) AS geometry,
         l.oaza, l.chiban
  FROM json_to_recordset($1::json) AS f(site int, lon float8, lat float8)
  LEFT JOIN ref_lot l ON l.site = f.site
  ORDER BY f.site`;

/**
 * Features given as JSON rows, lines and areas clipped to the city.
 * $1 SRID, $2 [{ ord, g: GeoJSON in 4326, half_width: metres of water surface (0 = as drawn), a: attributes }].
 */
export const clippedRowsSql = `
  SELECT c.ord, ST_Multi(ST_CollectionExtract(ST_Intersection(b.geom, CASE WHEN c.half_width > 0
           THEN ST_Transform(ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(c.g), 4326), $1::int), c.half_width), 4326)
           ELSE ST_SetSRID(ST_GeomFromGeoJSON(c.g), 4326) END), CASE WHEN c.half_width > 0 THEN 3 ELSE 2 END)) AS geom,
         c.a AS attributes
  FROM json_to_recordset($2::json) AS c(ord int, g text, half_width float8, a jsonb),
       -- Half a metre inside the border (see blocksSql).
       (SELECT ST_Transform(ST_Buffer(ST_Transform(geom, $1::int), -0.5), 4326) AS geom FROM city_boundary) b`;

/** Points given as JSON rows. $1 [{ ord, g, a }]. */
export const pointRowsSql = `
  SELECT c.ord, ST_SetSRID(ST_GeomFromGeoJSON(c.g), 4326) AS geom, c.a AS attributes
  FROM json_to_recordset($1::json) AS c(ord int, g text, a jsonb), city_boundary b
  WHERE ST_Within(ST_SetSRID(ST_GeomFromGeoJSON(c.g), 4326), b.geom)`;

/**
 * Inserts the rows of `rowsSql` (ord, geom, attributes; its own parameters first) into a layer the way
 * the edit path leaves a created feature: version 1 and one 'create' history row each.
 * `layer` and `user` are the placeholders that follow the row query's own parameters;
 * `attributes` wraps the attribute expression (computed fields).
 */
export function insertReferenceSql(rowsSql: string, layer: string, user: string, attributes: (expr: string, geom: string) => string): string {
  return `
    WITH src AS (${rowsSql}),
    ins AS (
      INSERT INTO feature (layer_id, geom, attributes, created_by, updated_by)
      SELECT ${layer}, src.geom, ${attributes('src.attributes', 'src.geom')}, ${user}, ${user}
      FROM src WHERE src.geom IS NOT NULL AND NOT ST_IsEmpty(src.geom) ORDER BY src.ord
      RETURNING id, layer_id, version, attributes, geom, created_by, created_at)
    INSERT INTO feature_history (feature_id, layer_id, version, operation, attributes, geom, changed_by, changed_at)
    SELECT id, layer_id, version, 'create', attributes, geom, created_by, created_at FROM ins`;
}

/**
 * Pins a lot number to the parcel nearest a point in its 大字 (the numbers the documentation and the
 * counter's examples use): that parent lot takes the pinned 親番, and the parent that held it takes the
 * old number in exchange, so 地番 stay unique. A parent with branches for a 枝番, one without for none.
 * $1 SRID, $2 大字, $3 親番, $4 枝番 (0: none), $5/$6 lon/lat.
 */
export const pinParentSql = `
  WITH pin AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($5, $6), 4326), $1::int) AS g),
  target AS (
    SELECT l.parent_id, l.oya FROM ref_lot l, pin
    WHERE l.oaza = $2 AND l.site IS NULL AND (l.lots_in_parent > 1) = ($4::int > 0)
    ORDER BY ST_Distance(l.geom, pin.g), l.id LIMIT 1)
  UPDATE ref_lot l SET oya = CASE WHEN l.parent_id = t.parent_id THEN $3::int ELSE t.oya END
  FROM target t WHERE l.oaza = $2 AND (l.parent_id = t.parent_id OR l.oya = $3::int)`;

/** A pinned 枝番 missing under its 親番 goes to the lot nearest the point (a later split). Parameters as pinParentSql. */
export const pinBranchSql = `
  WITH pin AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($5, $6), 4326), $1::int) AS g),
  near AS (
    SELECT l.id FROM ref_lot l, pin
    WHERE l.oaza = $2 AND l.oya = $3::int AND l.lots_in_parent > 1
      AND NOT EXISTS (SELECT 1 FROM ref_lot x WHERE x.oaza = $2 AND x.oya = $3::int AND x.eda = $4::int)
    ORDER BY ST_Distance(l.geom, pin.g), l.id LIMIT 1)
  UPDATE ref_lot l SET eda = $4::int FROM near WHERE l.id = near.id`;

/** The 地番 of a 大字's lots again, after pinning. $1 大字. */
export const renumberSql = `
  UPDATE ref_lot SET chiban = oya::text || CASE WHEN lots_in_parent > 1 THEN '-' || eda ELSE '' END WHERE oaza = $1`;
