// Other users' saves, as they happen: GET /api/events (Server-Sent Events). The changed layer is
// brought up to date on the map without a reload — a GeoJSON layer re-reads only the changed
// feature, a tiled layer re-reads its TileJSON (new data version, new tile URLs).
import { useEffect, useEffectEvent, useState } from 'react';
import { fetchFeature } from '../api/queries';
import { GeoJsonFeatureSource, type FeatureLayerView } from '../map/featureLayers';
import { VectorTileFeatureSource } from '../map/tileLayers';

/** One committed edit as the server announces it. */
export interface LiveEdit {
  layer: string;
  featureId: string | null;
  version: number | null;
  operation: 'create' | 'update' | 'delete' | 'restore' | 'bulk';
  bbox: number[] | null;
  changedBy: string | null;
  changedAt: string;
  count?: number;
}

/** Tile refreshes within this window are merged (a burst of edits re-reads the TileJSON once). */
const TILE_REFRESH_MS = 150;

async function applyToView(view: FeatureLayerView, edit: LiveEdit): Promise<void> {
  const source = view.source;
  if (source instanceof VectorTileFeatureSource) return; // batched in the hook
  if (!(source instanceof GeoJsonFeatureSource) || !source.loaded) return; // an unloaded layer reads it all when shown
  if (edit.operation === 'bulk' || !edit.featureId) {
    await source.reload();
    return;
  }
  // Our own save already put this version in place.
  if (edit.version !== null && source.features.some((f) => f.id === edit.featureId && (f.version ?? 0) >= edit.version!)) return;
  const feature = edit.operation === 'delete' ? null : await fetchFeature(edit.featureId);
  if (feature) source.applyEdits([feature], []);
  else source.applyEdits([], [edit.featureId]);
}

/**
 * Subscribes while the map is open. Returns the latest remote edit per feature id, so that an open
 * form can say that someone else just changed its feature. onReset: events were missed (server
 * restarted, or offline longer than its ring holds): reload the layers.
 */
export function useLiveEdits(views: Map<string, FeatureLayerView>, onReset: () => void): Map<string, LiveEdit> {
  const [latest, setLatest] = useState<Map<string, LiveEdit>>(new Map());
  const viewOf = useEffectEvent((layerKey: string) => views.get(layerKey));
  const reset = useEffectEvent(() => onReset());

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    // EventSource reconnects by itself and sends Last-Event-ID: the server replays what was missed.
    const source = new EventSource('/api/events');
    const tileTimers = new Map<string, number>();
    const onEdit = (message: MessageEvent<string>) => {
      const edit = JSON.parse(message.data) as LiveEdit;
      const view = viewOf(edit.layer);
      if (view?.source instanceof VectorTileFeatureSource) {
        const tiles = view.source;
        if (!tileTimers.has(edit.layer)) {
          tileTimers.set(edit.layer, window.setTimeout(() => { tileTimers.delete(edit.layer); tiles.refresh(); }, TILE_REFRESH_MS));
        }
      } else if (view) {
        applyToView(view, edit).catch(() => {}); // a failed refresh is caught up by the next event or reload
      }
      if (edit.featureId) {
        const id = edit.featureId;
        setLatest((m) => new Map(m).set(id, edit));
      }
    };
    const onResetEvent = () => reset();
    source.addEventListener('edit', onEdit as EventListener);
    source.addEventListener('reset', onResetEvent);
    return () => {
      source.close();
      for (const t of tileTimers.values()) window.clearTimeout(t);
    };
  }, []);

  return latest;
}
