import proj4 from 'proj4';
import { ControlPoint } from '../../domain/georef';
import { isKnownSrid, planeProjDef } from '../../domain/plane-zones';
import { badInput } from '../../errors';
import { withGdal } from '../../gdal/gdal';

interface GdalInfo {
  size?: [number, number];
  geoTransform?: number[];
  coordinateSystem?: { wkt?: string };
}

/** The EPSG code a WKT names last (its own ID, after those of its parts), or null. */
export function epsgOfWkt(wkt: string): number | null {
  const ids = [...wkt.matchAll(/ID\["EPSG",\s*(\d+)\]|AUTHORITY\["EPSG","(\d+)"\]/g)];
  const last = ids[ids.length - 1];
  return last ? Number(last[1] ?? last[2]) : null;
}

/**
 * A GeoTIFF's image corners in plane coordinates (PLANE_SRID), read by GDAL; null for a TIFF
 * without a geotransform (placed by hand). A CRS this server cannot convert is BAD_USER_INPUT.
 */
export async function geoTiffControlPoints(file: string, planeSrid: number): Promise<ControlPoint[] | null> {
  const info = await withGdal(async (gdal) => {
    const opened = await gdal.open(file);
    const ds = opened.datasets[0];
    try {
      return (await gdal.gdalinfo(ds, ['-json'])) as GdalInfo;
    } finally {
      await gdal.close(ds);
    }
  }).catch(() => { throw badInput('TIFF を GDAL で読めません (GDAL cannot read this TIFF)', { field: 'file' }); });
  const gt = info.geoTransform;
  if (!gt || !info.size || (gt[0] === 0 && gt[1] === 1 && gt[3] === 0 && gt[5] === 1)) return null;
  const wkt = info.coordinateSystem?.wkt;
  if (!wkt) return null;
  const srid = epsgOfWkt(wkt);
  if (!srid || !isKnownSrid(srid)) {
    throw badInput(`この座標系（${srid ? `EPSG:${srid}` : '不明'}）は変換できません。平面直角座標系・JGD2011・WGS84 の GeoTIFF を送ってください (cannot convert the GeoTIFF's coordinate system ${srid ? `EPSG:${srid}` : '(unknown)'}; use a plane zone, JGD2011 or WGS84)`,
      { field: 'file', srid });
  }
  const convert = srid === planeSrid ? null : proj4(planeProjDef(srid), planeProjDef(planeSrid));
  const [w, h] = info.size;
  return [[0, 0], [w, 0], [w, h], [0, h]].map(([col, row]) => {
    // GDAL's geotransform is in the traditional order: easting (or longitude) first.
    const e = gt[0] + gt[1] * col + gt[2] * row, n = gt[3] + gt[4] * col + gt[5] * row;
    const [easting, northing] = convert ? convert.forward([e, n]) : [e, n];
    return { col, row, x: northing, y: easting };
  });
}
