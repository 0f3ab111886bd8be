// Map overlays drawn by the client itself: the highlight of the selected feature and the
// measurement sketch. Each is one GeoJSON source with fill, line and point layers.
import type { Feature as GeoJsonFeature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_FONT } from './basemap';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const HIGHLIGHT_SOURCE = 'highlight';
export const MEASURE_SOURCE = 'measure';

export function addOverlays(map: MapLibreMap): void {
  map.addSource(HIGHLIGHT_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer(
    { id: 'highlight-fill', type: 'fill', source: HIGHLIGHT_SOURCE, filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]], paint: { 'fill-color': '#00e5ff', 'fill-opacity': 0.25 } },
    'slot-top',
  );
  map.addLayer(
    { id: 'highlight-line-halo', type: 'line', source: HIGHLIGHT_SOURCE, filter: ['!', ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]]], paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.9 } },
    'slot-top',
  );
  map.addLayer(
    { id: 'highlight-line', type: 'line', source: HIGHLIGHT_SOURCE, filter: ['!', ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]]], paint: { 'line-color': '#0077ff', 'line-width': 3.5 } },
    'slot-top',
  );
  map.addLayer(
    { id: 'highlight-point', type: 'circle', source: HIGHLIGHT_SOURCE, filter: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]], paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#0077ff', 'circle-stroke-width': 3.5 } },
    'slot-top',
  );

  map.addSource(MEASURE_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer(
    { id: 'measure-fill', type: 'fill', source: MEASURE_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#ff6f00', 'fill-opacity': 0.15 } },
    'slot-top',
  );
  map.addLayer(
    { id: 'measure-line', type: 'line', source: MEASURE_SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#e65100', 'line-width': 2.5, 'line-dasharray': [2, 1] } },
    'slot-top',
  );
  map.addLayer(
    { id: 'measure-points', type: 'circle', source: MEASURE_SOURCE, filter: ['all', ['==', ['geometry-type'], 'Point'], ['!', ['has', 'label']]], paint: { 'circle-radius': 4.5, 'circle-color': '#ffffff', 'circle-stroke-color': '#e65100', 'circle-stroke-width': 2 } },
    'slot-top',
  );
  map.addLayer(
    {
      id: 'measure-labels',
      type: 'symbol',
      source: MEASURE_SOURCE,
      filter: ['has', 'label'],
      layout: {
        'text-field': ['get', 'label'],
        'text-font': LABEL_FONT,
        'text-size': ['case', ['==', ['get', 'kind'], 'area'], 14, 12],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#bf360c', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
    'slot-top',
  );
}

function setData(map: MapLibreMap, sourceId: string, data: FeatureCollection): void {
  (map.getSource(sourceId) as GeoJSONSource | undefined)?.setData(data);
}

export function setHighlight(map: MapLibreMap, geometry: Geometry | null): void {
  setData(map, HIGHLIGHT_SOURCE, geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY);
}

/** A text on the measurement: a side's length or the area (measureLabels.ts), already formatted. */
export interface MeasureText {
  at: [number, number];
  text: string;
  kind: 'side' | 'area';
}

/** Draws the measurement sketch: the vertices, the line or polygon through them, and its labels. */
export function setMeasureSketch(map: MapLibreMap, points: [number, number][], closed: boolean, labels: MeasureText[] = []): void {
  const features: GeoJsonFeature[] = points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} }));
  for (const { at, text, kind } of labels) {
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { label: text, kind } });
  }
  if (closed && points.length >= 3) {
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...points, points[0]]] }, properties: {} });
  } else if (points.length >= 2) {
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: points }, properties: {} });
  }
  setData(map, MEASURE_SOURCE, { type: 'FeatureCollection', features });
}
