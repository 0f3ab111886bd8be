// Geometries shown for comparison while a panel is open: an old version from the history, or
// "mine" and "theirs" in a conflict. One GeoJSON source on top of everything, styled by role.
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export type PreviewRole = 'old' | 'mine' | 'theirs';

const SOURCE = 'edit-preview';
const COLOURS = ['match', ['get', 'role'], 'mine', '#1c7ed6', 'theirs', '#e03131', '#7048e8'];
const DASHED = ['==', ['get', 'role'], 'theirs'];

function ensure(map: MapLibreMap): GeoJSONSource {
  const existing = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (existing) return existing;
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const polygons = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
  const points = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
  map.addLayer({ id: `${SOURCE}-fill`, type: 'fill', source: SOURCE, filter: polygons as never, paint: { 'fill-color': COLOURS as never, 'fill-opacity': 0.15 } });
  // MapLibre cannot switch dash arrays by data, so solid and dashed lines are two layers.
  map.addLayer({ id: `${SOURCE}-line`, type: 'line', source: SOURCE, filter: ['all', ['!', points], ['!', DASHED]] as never, paint: { 'line-color': COLOURS as never, 'line-width': 4 } });
  map.addLayer({
    id: `${SOURCE}-line-dashed`, type: 'line', source: SOURCE, filter: ['all', ['!', points], DASHED] as never,
    paint: { 'line-color': COLOURS as never, 'line-width': 4, 'line-dasharray': [2, 1.5] },
  });
  map.addLayer({
    id: `${SOURCE}-point`, type: 'circle', source: SOURCE, filter: points as never,
    paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': COLOURS as never, 'circle-stroke-width': 3 },
  });
  return map.getSource(SOURCE) as GeoJSONSource;
}

export function showPreview(map: MapLibreMap, items: { geometry: Geometry; role: PreviewRole }[]): void {
  const data: FeatureCollection = { type: 'FeatureCollection', features: items.map(({ geometry, role }) => ({ type: 'Feature', geometry, properties: { role } })) };
  ensure(map).setData(data);
}

export function clearPreview(map: MapLibreMap): void {
  if (!map.style) return;
  (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: [] });
}
