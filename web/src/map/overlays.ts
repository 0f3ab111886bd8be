// Map overlays drawn by the client itself: the highlight of the selected feature and the
// measurement sketch. Each is one GeoJSON source with fill, line and point layers.
import type { Feature as GeoJsonFeature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

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
    { id: 'measure-points', type: 'circle', source: MEASURE_SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4.5, 'circle-color': '#ffffff', 'circle-stroke-color': '#e65100', 'circle-stroke-width': 2 } },
    'slot-top',
  );
}

function setData(map: MapLibreMap, sourceId: string, data: FeatureCollection): void {
  (map.getSource(sourceId) as GeoJSONSource | undefined)?.setData(data);
}

export function setHighlight(map: MapLibreMap, geometry: Geometry | null): void {
  setData(map, HIGHLIGHT_SOURCE, geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY);
}

/** Draws the measurement sketch: the vertices, and the line or polygon through them. */
export function setMeasureSketch(map: MapLibreMap, points: [number, number][], closed: boolean): void {
  const features: GeoJsonFeature[] = points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} }));
  if (closed && points.length >= 3) {
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...points, points[0]]] }, properties: {} });
  } else if (points.length >= 2) {
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: points }, properties: {} });
  }
  setData(map, MEASURE_SOURCE, { type: 'FeatureCollection', features });
}
