// Redline (朱書き) on a MapLibre map: the same drawing on screen and on the printed sheet. The
// marks are plain GeoJSON in their own source above every layer; nothing is saved to a layer.
import type { Feature as GeoJsonFeature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { arrowHead, type RedlineItem } from '#domain/redline';
import { LABEL_FONT } from './basemap';

export type { RedlineItem, RedlineKind } from '#domain/redline';

const SOURCE = 'redline';
const RED = '#e03131';

/** The GeoJSON of redline items: lines and arrows (with their heads) as lines, marks and texts as points. */
export function redlineFeatures(items: readonly RedlineItem[]): GeoJsonFeature[] {
  return items.flatMap((item): GeoJsonFeature[] => {
    if (item.kind === 'line') return [{ type: 'Feature', geometry: { type: 'LineString', coordinates: item.coordinates }, properties: { kind: 'line' } }];
    if (item.kind === 'arrow') {
      const [tail, head] = item.coordinates;
      // The head is a quarter of the shaft (at most ~15 m), so it reads at any scale the arrow was drawn for.
      const size = Math.min(Math.hypot(head[0] - tail[0], head[1] - tail[1]) * 0.25, 0.00015);
      return [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [tail, head] }, properties: { kind: 'arrow' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: arrowHead(tail, head, size) }, properties: { kind: 'arrow' } },
      ];
    }
    return [{ type: 'Feature', geometry: { type: 'Point', coordinates: item.coordinates[0] }, properties: { kind: item.kind, text: item.text ?? '' } }];
  });
}

/** Draws (or replaces) the redline on a map whose style is loaded. */
export function setRedline(map: MapLibreMap, items: readonly RedlineItem[]): void {
  const data = { type: 'FeatureCollection' as const, features: redlineFeatures(items) };
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: 'redline-lines', type: 'line', source: SOURCE, filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': RED, 'line-width': 3.5 },
  });
  map.addLayer({
    id: 'redline-marks', type: 'circle', source: SOURCE, filter: ['==', ['get', 'kind'], 'mark'],
    paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': RED, 'circle-stroke-width': 3.5 },
  });
  map.addLayer({
    id: 'redline-texts', type: 'symbol', source: SOURCE, filter: ['==', ['geometry-type'], 'Point'],
    layout: {
      'text-field': ['get', 'text'], 'text-font': LABEL_FONT, 'text-size': 15,
      // A mark's caption sits beside the circle; a text stands on its point.
      'text-offset': ['case', ['==', ['get', 'kind'], 'mark'], ['literal', [0, -1.6]], ['literal', [0, 0]]],
      'text-allow-overlap': true, 'text-ignore-placement': true,
    },
    paint: { 'text-color': RED, 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
  });
}
