import type { PoolClient } from 'pg';
import { pointsFollowingGeometry, RecordedPoint } from '../../domain/survey';
import { deletePointsSql, featuresWithPointsSql, insertPointsSql, recordedPointsSql, verticesOfSurveyedSql } from './survey.sql';

/** A feature whose geometry an edit wrote; restoredVersion when the edit brought back an older version. */
export interface GeometryWrite {
  id: string;
  restoredVersion?: number;
}

/**
 * Boundary points follow a map edit or a restore of their record's geometry (README: "Boundary
 * points"): unmoved vertices keep their surveyed points, moved ones become points not surveyed; a
 * restore matches against the points recorded with the restored version. Features without points
 * (every other layer) are left alone.
 */
export async function pointsFollowGeometry(tx: PoolClient, writes: GeometryWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const surveyed = (await tx.query(featuresWithPointsSql, [writes.map((w) => w.id)])).rows.map((r) => r.id as string);
  if (surveyed.length === 0) return;
  const restored = new Map(writes.filter((w) => w.restoredVersion !== undefined).map((w) => [w.id, w.restoredVersion!]));
  const { rows } = await tx.query(verticesOfSurveyedSql, [surveyed]);
  for (const r of rows as Array<{ feature_id: string; srid: number; vertices: Array<{ x: string; y: string }>; points: RecordedPoint[] }>) {
    const version = restored.get(r.feature_id);
    const recorded = version === undefined ? undefined : (await tx.query(recordedPointsSql, [r.feature_id, version])).rows[0];
    const points = pointsFollowingGeometry(r.vertices, recorded?.points ?? r.points);
    await tx.query(deletePointsSql, [r.feature_id]);
    await tx.query(insertPointsSql, [r.feature_id, r.srid, JSON.stringify(points)]);
  }
}
