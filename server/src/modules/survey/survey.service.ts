import { Database } from '../../db/database';
import { csvFile } from '../../domain/csv';
import { LineProblem, parseCoordinateTable, sideLengths, SurveyPoint, surveyGeometry } from '../../domain/survey';
import { appError } from '../../errors';
import { SessionUser } from '../auth/permissions';
import { EditService } from '../edits/edit.service';
import { isPlaneSrid, PLANE_SRIDS } from '../../domain/planeZones';
import { LayerRecord } from '../layers/layer.service';
import { LayerRole, layerWithRole } from '../layers/layer.roles';
import { deletePointsSql, featureShapeSql, insertPointsSql, pointsAreaSql, pointsSql } from './survey.sql';
import { isId } from '../../domain/ids';

/** The boundary records (境界確定) layer among the caller's, by its role; refused when there is none. */
function boundaryLayer(layers: LayerRecord[]): LayerRecord {
  const layer = layerWithRole(layers, LayerRole.BOUNDARY_RECORDS);
  if (!layer) throw appError('noBoundaryLayer', {}, { field: 'layer' });
  return layer;
}

export interface CoordinateRow {
  seq: number;
  name: string;
  markerType: string | null;
  x: string;
  y: string;
  srid: number;
  lon: number;
  lat: number;
  /** 辺長 to the next point (plane metres); null for the last point of an open line. */
  sideLengthM: number | null;
  /** False once a map edit moved the point's vertex: the coordinates are no longer the surveyed ones. */
  surveyed: boolean;
}

export interface CoordinateTable {
  featureId: string;
  recordNo: string | null;
  srid: number | null;
  closed: boolean;
  points: CoordinateRow[];
  perimeterM: number;
  areaM2: number | null;
}

function describe(problems: LineProblem[]): string {
  return problems.slice(0, 10).map((p) => `line ${p.line}: ${p.message}`).join('; ') + (problems.length > 10 ? `; and ${problems.length - 10} more` : '');
}

/** Boundary points (境界点) of boundary determination records, entered as survey coordinates. */
export class SurveyService {
  constructor(private readonly db: Database, private readonly edits: EditService, private readonly defaultSrid: number) {}

  /** Parses and checks a pasted coordinate table; throws BAD_USER_INPUT naming every bad line. */
  checkTable(text: string, closed: boolean, srid = this.defaultSrid): SurveyPoint[] {
    if (text.length > 200_000) throw appError('coordinateTableTooLong', { max: '200,000' }, { field: 'coordinates' });
    if (!isPlaneSrid(srid)) {
      throw appError('planeSridOnly', { min: PLANE_SRIDS.min, max: PLANE_SRIDS.max }, { field: 'srid' });
    }
    const { points, problems } = parseCoordinateTable(text);
    if (problems.length) throw appError('coordinateTable', { problems: describe(problems) }, { field: 'coordinates', problems });
    const needed = closed ? 3 : 2;
    if (points.length < needed) throw appError('tooFewBoundaryPoints', { closedJa: closed ? '閉じた境界' : '境界線', closedEn: closed ? 'closed boundary' : 'boundary line', needed }, { field: 'coordinates' });
    return points;
  }

  /** Creates a boundary record with its points and geometry in one transaction. */
  async createRecord(user: SessionUser | null, layers: LayerRecord[], attributes: Record<string, unknown>, text: string, closed: boolean, srid = this.defaultSrid) {
    const points = this.checkTable(text, closed, srid);
    return this.db.transaction(async (tx) => {
      const [id] = await this.edits.applyIn(tx, user, layers, [{ op: 'create', layer: boundaryLayer(layers).key, attributes, geometry: surveyGeometry(points, closed), srid }]);
      await this.writePoints(tx, id, points, srid);
      return id;
    });
  }

  /** Replaces a record's points; its geometry follows them (as a new version of the feature). */
  async setPoints(user: SessionUser | null, layers: LayerRecord[], featureId: string, expectedVersion: number, text: string, closed: boolean, srid = this.defaultSrid) {
    const points = this.checkTable(text, closed, srid);
    return this.db.transaction(async (tx) => {
      const shape = (await tx.query(featureShapeSql, [featureId])).rows[0];
      if (!shape) throw appError('featureNotFound', { id: featureId });
      if (shape.layer_key !== boundaryLayer(layers).key) throw appError('boundaryRecordsOnly', {}, { field: 'featureId' });
      await this.edits.applyIn(tx, user, layers, [{ op: 'update', id: featureId, expectedVersion, geometry: surveyGeometry(points, closed), srid }]);
      await tx.query(deletePointsSql, [featureId]);
      await this.writePoints(tx, featureId, points, srid);
      return featureId;
    });
  }

  /** Stores a record's points (the caller's transaction; the feature's geometry is written by the edit path). */
  async writePoints(tx: { query: Database['pool']['query'] }, featureId: string, points: SurveyPoint[], srid: number) {
    const rows = points.map((p, i) => ({ seq: i + 1, name: p.name, marker: p.markerType ?? null, x: p.x, y: p.y, surveyed: true }));
    await tx.query(insertPointsSql, [featureId, srid, JSON.stringify(rows)]);
  }

  /** 座標一覧: the points in survey order with 辺長, the perimeter and (for a closed record) the area. */
  async table(featureId: string): Promise<CoordinateTable> {
    if (!isId(featureId)) throw appError('notFeatureId', { value: featureId }, { field: 'featureId' });
    const shape = (await this.db.pool.query(featureShapeSql, [featureId])).rows[0];
    if (!shape || shape.deleted_at) throw appError('featureNotFound', { id: featureId });
    const { rows } = await this.db.pool.query(pointsSql, [featureId]);
    const area = (await this.db.pool.query(pointsAreaSql, [featureId])).rows[0].area_m2 as number | null;
    const plane = rows.map((r) => ({ x: Number(r.x), y: Number(r.y) }));
    const sides = sideLengths(plane, shape.closed);
    const points: CoordinateRow[] = rows.map((r, i) => ({
      seq: r.seq, name: r.name, markerType: r.marker_type, x: r.x, y: r.y, srid: r.srid, lon: r.lon, lat: r.lat, surveyed: r.surveyed,
      sideLengthM: Number.isNaN(sides[i]) ? null : sides[i],
    }));
    return {
      featureId, recordNo: shape.record_no, srid: rows[0]?.srid ?? null, closed: shape.closed, points,
      perimeterM: sides.filter((s) => !Number.isNaN(s)).reduce((a, b) => a + b, 0),
      areaM2: shape.closed && plane.length >= 3 ? area : null, // the same number as the feature's areaM2
    };
  }
}

/** The coordinate table as Excel-safe CSV (UTF-8 with BOM so that Excel reads the Japanese headers). */
export function coordinateCsv(t: CoordinateTable): Buffer {
  const rows: unknown[][] = [
    ['順', '点名', 'X(m)', 'Y(m)', '辺長(m)', '標識', '経度', '緯度'],
    ...t.points.map((p) => [p.seq, p.name, p.x, p.y, p.sideLengthM === null ? '' : p.sideLengthM.toFixed(3), p.markerType ?? '', p.lon.toFixed(9), p.lat.toFixed(9)]),
    [],
    ['座標系', `EPSG:${t.srid ?? ''}`],
    ['周長(m)', t.perimeterM.toFixed(3)],
    ...(t.areaM2 !== null ? [['面積(m²)', t.areaM2.toFixed(3)]] : []),
  ];
  return csvFile(rows);
}
