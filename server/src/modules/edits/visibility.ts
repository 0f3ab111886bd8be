import { Queryable } from '../../db/database';
import { AppError, appError } from '../../errors';
import { canSeeDeleted, SessionUser } from '../auth/permissions';
import { LayerRecord } from '../layers/layer.service';
import { featureStateSql } from './edit.sql';

/**
 * Refuses, as if it did not exist, a feature of a layer the caller may not read (`layers` is the
 * caller's catalogue, which leaves those out) and a deleted feature to a caller who may not see
 * deleted features: the one check for every path that reads a feature by id besides the feature
 * itself (history, attachments). An unknown id passes: those paths find nothing for it anyway.
 */
export async function requireVisibleFeature(db: Queryable, user: SessionUser | null, layers: LayerRecord[], featureId: string,
  notFound: AppError = appError('featureNotFound', { id: featureId })): Promise<LayerRecord | undefined> {
  const row = (await db.query<{ layer_id: number; deleted: boolean }>(featureStateSql, [featureId])).rows[0];
  if (!row) return undefined;
  const layer = layers.find((l) => l.id === row.layer_id);
  if (!layer || (row.deleted && !canSeeDeleted(user, layer))) throw notFound;
  return layer;
}
