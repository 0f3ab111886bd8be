// The MapLibre map. Hands the map to its parent once the style has loaded.
import maplibregl, { type Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useI18n } from '../i18n';
import { buildStyle, ensureSlots, LOCAL_IDEOGRAPH_FONTS } from './basemap';
import type { AppConfig } from './config';
import { drawWhenComplete } from './drawWhenComplete';
import { addOverlays } from './overlays';

// MapLibre parses sources and tiles in one worker by default (outside Safari): two let the data
// layers' GeoJSON and the base map's tiles be parsed side by side while the first view loads.
maplibregl.setWorkerCount(2);

/** Where the last map was looking: a map rebuilt for another basemap opens there. */
let lastView: { center: [number, number]; zoom: number } | null = null;

export function MapView({ config, onReady }: { config: AppConfig; onReady: (map: MapLibreMap | null) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const { t } = useI18n();
  const ready = useEffectEvent((map: MapLibreMap | null) => onReady(map));

  useEffect(() => {
    const map = new maplibregl.Map({
      container: container.current!,
      style: buildStyle(config),
      center: lastView?.center ?? config.initialCenter,
      zoom: lastView?.zoom ?? config.initialZoom,
      maxZoom: 20,
      // The URL keeps the view (#zoom/lat/lon), so a reload or a shared link shows the same place.
      hash: true,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONTS,
      attributionControl: { compact: true },
    });
    // The first view appears once complete (or what has come, every 2 s), not arrival by arrival.
    drawWhenComplete(map, { atLeastEveryMs: 2000, untilIdle: true });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
    // data-idle tells tests (and anyone scripting the page) that the map has settled.
    const element = container.current!;
    const busy = () => (element.dataset.idle = 'false');
    map.on('movestart', busy);
    map.on('dataloading', busy);
    map.on('idle', () => (element.dataset.idle = 'true'));
    // once() with a listener returns the map, not a promise (its type says either).
    void map.once('idle', () => performance.mark('chizu-map-idle'));
    void map.once('load', () => {
      ensureSlots(map);
      addOverlays(map);
      performance.mark('chizu-map-loaded');
      ready(map);
    });
    return () => {
      lastView = { center: map.getCenter().toArray(), zoom: map.getZoom() };
      ready(null);
      map.remove();
    };
  }, [config]);

  return <div ref={container} className="map" role="region" aria-label={t('appName')} />;
}
