// Overlays of the road ledger and boundary record panels: the whole route being looked at, and
// the points of a coordinate table being typed in (before it is saved).
import type { Feature as GeoJsonFeature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_FONT } from './basemap';
import type { LonLat } from './geodesy';

export const ROUTE_SOURCE = 'ledger-route';
export const PREVIEW_SOURCE = 'ledger-preview';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds the overlay sources and layers once; under the selection highlight, above the data. */
export function addLedgerOverlays(map: MapLibreMap): void {
  if (map.getSource(ROUTE_SOURCE)) return;
  const before = map.getLayer('highlight-fill') ? 'highlight-fill' : 'slot-top';
  const add = (layer: LayerSpecification) => map.addLayer(layer, before);
  map.addSource(ROUTE_SOURCE, { type: 'geojson', data: EMPTY });
  add({
    id: 'ledger-route-casing',
    type: 'line',
    source: ROUTE_SOURCE,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#ffd43b', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 6, 18, 16], 'line-opacity': 0.85 },
  });
  add({
    id: 'ledger-route-line',
    type: 'line',
    source: ROUTE_SOURCE,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#c92a2a', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 18, 4] },
  });

  map.addSource(PREVIEW_SOURCE, { type: 'geojson', data: EMPTY });
  add({ id: 'ledger-preview-fill', type: 'fill', source: PREVIEW_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#7048e8', 'fill-opacity': 0.15 } });
  add({
    id: 'ledger-preview-line',
    type: 'line',
    source: PREVIEW_SOURCE,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': '#7048e8', 'line-width': 2, 'line-dasharray': [3, 1.5] },
  });
  add({
    id: 'ledger-preview-points',
    type: 'circle',
    source: PREVIEW_SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#7048e8', 'circle-stroke-width': 2.5 },
  });
  add({
    id: 'ledger-preview-labels',
    type: 'symbol',
    source: PREVIEW_SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-offset': [0, -1.2], 'text-allow-overlap': true },
    paint: { 'text-color': '#3b1f9e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  });
}

function setData(map: MapLibreMap, id: string, data: FeatureCollection): void {
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
}

/** Draws a whole route (all its segments) under the selection highlight; null clears it. */
export function setRouteHighlight(map: MapLibreMap, geometry: Geometry | null): void {
  setData(map, ROUTE_SOURCE, geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY);
}

/** Draws typed-in boundary points with their names, and the line or polygon through them. */
export function setCoordinatePreview(map: MapLibreMap, points: { name: string; position: LonLat }[], closed: boolean): void {
  const features: GeoJsonFeature[] = points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p.position }, properties: { name: p.name } }));
  const ring = points.map((p) => p.position);
  if (closed && ring.length >= 3) {
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] }, properties: {} });
  } else if (ring.length >= 2) {
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: ring }, properties: {} });
  }
  setData(map, PREVIEW_SOURCE, { type: 'FeatureCollection', features });
}
