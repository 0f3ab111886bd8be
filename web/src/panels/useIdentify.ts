// What the identify panel shows: the features at a clicked point (or one shown from elsewhere) and
// the selected one, highlighted on the map.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import type { Feature, Layer } from '../api/model';
import { fetchFeaturesAt } from '../api/queries';
import { pixelsToMetres } from '../map/geodesy';
import { setHighlight } from '../map/overlays';
import { zoomToGeometry } from '../map/view';
import { disasterFields, yearOf } from './disasterStats';
import type { IdentifyState } from './IdentifyPanel';

/** Identify looks this many screen pixels around the click. */
const IDENTIFY_PIXELS = 8;

interface Options {
  map: MapLibreMap | null;
  /** The layers shown on the map, which identify asks. */
  visibleLayerKeys: string[];
  /** The disaster layer and the chosen years: records outside them are hidden, so not "there". */
  disasterLayer: Layer | undefined;
  disasterYears: [number, number] | null;
}

export interface Identify {
  identify: IdentifyState | null;
  selected: Feature | null;
  setSelected(feature: Feature | null | ((current: Feature | null) => Feature | null)): void;
  /** Asks every visible layer what is at the point. */
  runIdentify(lon: number, lat: number): Promise<void>;
  /** Shows one feature as if it had been clicked, and zooms to it. */
  showFeature(feature: Feature): void;
  /** Shows one feature (found by search) without moving the map. */
  showFound(feature: Feature): void;
  showError(message: string): void;
  close(): void;
}

export function useIdentify({ map, visibleLayerKeys, disasterLayer, disasterYears }: Options): Identify {
  const [identify, setIdentify] = useState<IdentifyState | null>(null);
  const [selected, setSelected] = useState<Feature | null>(null);
  // Each click, close or shown feature starts a new request; an answer for an older one is dropped,
  // so a panel closed while loading stays closed and a slow answer never replaces a newer one.
  const request = useRef(0);

  useEffect(() => {
    if (map) setHighlight(map, selected?.geometry ?? null);
  }, [map, selected]);

  const runIdentify = useCallback(
    async (lon: number, lat: number) => {
      if (!map) return;
      const mine = ++request.current;
      setIdentify({ lngLat: [lon, lat], loading: true, error: null, hits: [] });
      if (!visibleLayerKeys.length) {
        setIdentify({ lngLat: [lon, lat], loading: false, error: null, hits: [] });
        return;
      }
      try {
        const tolerance = pixelsToMetres(IDENTIFY_PIXELS, map.getZoom(), lat);
        const found = await fetchFeaturesAt(lon, lat, tolerance, visibleLayerKeys);
        if (mine !== request.current) return;
        const dateKey = disasterYears && disasterLayer ? disasterFields(disasterLayer)?.date.key : undefined;
        const hits = dateKey
          ? found.filter(({ feature }) => {
              if (feature.layerKey !== disasterLayer?.key) return true;
              const year = yearOf(feature.attributes?.[dateKey]);
              return year !== null && year >= disasterYears![0] && year <= disasterYears![1];
            })
          : found;
        setIdentify({ lngLat: [lon, lat], loading: false, error: null, hits });
        setSelected(hits[0]?.feature ?? null);
      } catch (e) {
        if (mine !== request.current) return;
        setIdentify({ lngLat: [lon, lat], loading: false, error: errorMessage(e), hits: [] });
      }
    },
    [map, visibleLayerKeys, disasterYears, disasterLayer],
  );

  const showFound = useCallback((feature: Feature) => {
    request.current++;
    setSelected(feature);
    setIdentify({ lngLat: null, loading: false, error: null, hits: [{ distanceM: 0, feature }] });
  }, []);

  const showFeature = useCallback(
    (feature: Feature) => {
      showFound(feature);
      if (map) zoomToGeometry(map, feature.geometry);
    },
    [map, showFound],
  );

  const showError = useCallback((message: string) => {
    request.current++;
    setIdentify({ lngLat: null, loading: false, error: message, hits: [] });
  }, []);
  const close = useCallback(() => {
    request.current++;
    setIdentify(null);
    setSelected(null);
  }, []);

  return { identify, selected, setSelected, runIdentify, showFeature, showFound, showError, close };
}
