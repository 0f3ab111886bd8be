import type { PoolClient } from 'pg';
import { afterCommit } from '../../db/after-commit';
import { EventBus, LiveEvent, LiveOperation } from './event.bus';
import { editedFeaturesSql, editedLayersSql } from './live.sql';

/** Beyond this many features in one transaction, one 'bulk' event per layer is sent instead. */
export const PER_FEATURE_EVENTS_MAX = 200;

/**
 * Reads what other maps need about the written features inside the edit's transaction and
 * publishes it once the transaction commits (a rolled-back edit announces nothing).
 */
export async function announceEdits(tx: PoolClient, bus: EventBus, written: { id: string; op: LiveOperation }[]): Promise<void> {
  const opById = new Map<string, LiveOperation>();
  for (const w of written) if (w.id) opById.set(w.id, opById.get(w.id) === 'create' ? 'create' : w.op);
  if (opById.size === 0) return;
  const ids = [...opById.keys()];
  let events: Omit<LiveEvent, 'seq'>[];
  if (ids.length <= PER_FEATURE_EVENTS_MAX) {
    const { rows } = await tx.query(editedFeaturesSql, [ids]);
    events = rows.map((r) => ({
      layer: r.layer, featureId: r.id, version: r.version, operation: opById.get(r.id)!, bbox: r.bbox,
      changedBy: r.changed_by, changedAt: new Date(r.updated_at).toISOString(),
    }));
  } else {
    const { rows } = await tx.query(editedLayersSql, [ids]);
    events = rows.map((r) => ({
      layer: r.layer, featureId: null, version: null, operation: 'bulk', bbox: r.bbox, count: r.count,
      changedBy: null, changedAt: new Date(r.updated_at).toISOString(),
    }));
  }
  afterCommit(tx, () => bus.publish(events));
}
