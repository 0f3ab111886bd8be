// A click in select mode on a stored feature of the edited layer brings it into the session; a
// click on another layer's feature says why nothing was picked.
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import { fetchFeaturesAt } from '../api/queries';
import type { Layer } from '../api/model';
import type { FeatureLayerView } from '../map/featureLayers';
import { pixelsToMetres } from '../map/geodesy';
import type { DrawController, Tool } from './drawing';
import type { EditText } from './messages';
import type { SaveStatus } from './saveFailure';
import type { SessionEvent } from './session';

/** How close a click must be to a feature to pick it for editing. */
const PICK_PIXELS = 10;

interface Options {
  map: MapLibreMap | null;
  layer: Layer | undefined;
  tool: Tool | null;
  views: Map<string, FeatureLayerView>;
  layersByKey: Map<string, Layer>;
  controllerRef: RefObject<DrawController | null>;
  te: EditText;
  dispatch(event: SessionEvent): void;
  setSave(status: SaveStatus): void;
}

export function usePickToEdit({ map, layer, tool, views, layersByKey, controllerRef, te, dispatch, setSave }: Options): void {
  // Only the answer to the latest click counts.
  const request = useRef(0);
  const onClick = useEffectEvent(async (e: MapMouseEvent) => {
    if (!map || tool !== 'select' || !layer) return;
    if (controllerRef.current?.hasFeatureAt(e.lngLat.lng, e.lngLat.lat)) return;
    const mine = ++request.current;
    try {
      const tolerance = pixelsToMetres(PICK_PIXELS, map.getZoom(), e.lngLat.lat);
      const hits = await fetchFeaturesAt(e.lngLat.lng, e.lngLat.lat, tolerance, [layer.key]);
      if (mine !== request.current) return;
      if (!hits.length) {
        // Say why a click on something else picks nothing (another department's layer, or not the edited one).
        const others = [...views.keys()].filter((k) => k !== layer.key && map.getLayoutProperty(views.get(k)!.featureLayerIds[0], 'visibility') !== 'none');
        const elsewhere = others.length ? await fetchFeaturesAt(e.lngLat.lng, e.lngLat.lat, tolerance, others) : [];
        const other = elsewhere[0] && layersByKey.get(elsewhere[0].feature.layerKey);
        if (mine === request.current && other) {
          setSave({ state: 'idle', message: te('otherLayerClicked', { layer: other.nameJa, edited: layer.nameJa }) });
        }
        return;
      }
      dispatch({ type: 'load', features: [hits[0].feature] });
      dispatch({ type: 'select', key: hits[0].feature.id });
    } catch (error) {
      setSave({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });

  const active = map !== null && layer !== undefined;
  useEffect(() => {
    if (!map || !active) return;
    const listener = (e: MapMouseEvent) => void onClick(e);
    map.on('click', listener);
    return () => {
      map.off('click', listener);
    };
  }, [map, active]);
}
