// Moving the view to things.
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { geometryBounds } from './geometry';

const PADDING = 60;
/** Close enough to see one street light among its neighbours. */
export const FEATURE_ZOOM = 18;

export function zoomToBounds(map: MapLibreMap, bounds: number[], maxZoom = FEATURE_ZOOM): void {
  const [minX, minY, maxX, maxY] = bounds;
  if (minX === maxX && minY === maxY) {
    map.easeTo({ center: [minX, minY], zoom: Math.max(map.getZoom(), maxZoom) });
    return;
  }
  map.fitBounds(
    [
      [minX, minY],
      [maxX, maxY],
    ],
    { padding: PADDING, maxZoom },
  );
}

export function zoomToGeometry(map: MapLibreMap, geometry: Geometry, maxZoom = FEATURE_ZOOM): void {
  const bounds = geometryBounds(geometry);
  if (bounds) zoomToBounds(map, bounds, maxZoom);
}
