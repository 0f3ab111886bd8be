// The data layers on the map: one view per vector layer, keyed by layer key. Visibility and opacity
// follow the user's preferences, and a layer's data loads when it is first shown.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client';
import type { Layer } from '../api/model';
import type { LoadState } from '../panels/LayerPanel';
import { isVisible, opacityOf, type LayerPrefs } from '../panels/layerPrefs';
import { FeatureLayerView } from './featureLayers';

export interface FeatureLayerViews {
  views: Map<string, FeatureLayerView>;
  /** Loading progress by layer key (undefined: not asked for yet). */
  loadStates: Record<string, LoadState | undefined>;
}

export function useFeatureLayerViews(map: MapLibreMap | null, layers: Layer[] | null, prefs: LayerPrefs): FeatureLayerViews {
  // New layers (read again after an administrator's change or missed live events) are new views,
  // which load their data afresh. A new map (another basemap) takes the views it had, data and all.
  const views = useMemo(() => new Map(layers ? layers.map((layer) => [layer.key, new FeatureLayerView(layer)]) : []), [layers]);
  const [loadStates, setLoadStates] = useState<Record<string, LoadState | undefined>>({});

  // Put every data layer on the map once both are there. A map MapView has just removed (its style is
  // gone) is skipped: new reference layers rebuild the map in the same render that brings the new layers.
  useEffect(() => {
    if (!map?.style) return;
    for (const view of views.values()) view.addTo(map);
    return () => {
      for (const view of views.values()) view.removeFrom(map);
    };
  }, [map, views]);

  // Data loads as soon as the layer list is known: while the map still loads its style and base map,
  // not after (a source fetched before its map exists puts its features on the map when added).
  useEffect(() => {
    for (const [key, view] of views) {
      if (isVisible(prefs, key) && !view.source.loaded) {
        view.source
          .load((loaded, total) => setLoadStates((s) => ({ ...s, [key]: { loaded, total } })))
          .then(
            () => setLoadStates((s) => ({ ...s, [key]: 'done' })),
            (e: unknown) => setLoadStates((s) => ({ ...s, [key]: { error: errorMessage(e) } })),
          );
      }
    }
  }, [views, prefs]);

  useEffect(() => {
    if (!map?.style) return;
    for (const [key, view] of views) {
      view.setVisible(map, isVisible(prefs, key));
      view.setOpacity(map, opacityOf(prefs, key));
    }
  }, [map, views, prefs]);

  return { views, loadStates };
}
