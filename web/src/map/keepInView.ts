// The identify panel opening narrows the map, and MapLibre keeps the centre: a clicked feature
// near the right edge would slide under the panel. Pan it back to where it was clicked.
import type { LngLat, Map as MapLibreMap } from 'maplibre-gl';

/** How far to pan (x pixels, as for map.panBy) so a point now at nowX returns to clickX, kept within the map. */
export function panToKeep(clickX: number, nowX: number, width: number, margin = 48): number {
  const target = Math.max(margin, Math.min(clickX, width - margin));
  return nowX - target;
}

/** After the next resize (within a second of the click), pans the map so the clicked point stays put. */
export function keepInViewOnResize(map: MapLibreMap, lngLat: LngLat, clickX: number): void {
  const onResize = () => {
    clearTimeout(timer);
    const dx = panToKeep(clickX, map.project(lngLat).x, map.getCanvas().clientWidth);
    if (Math.abs(dx) >= 1) map.panBy([dx, 0], { duration: 0 });
  };
  const timer = setTimeout(() => map.off('resize', onResize), 1000);
  void map.once('resize', onResize); // with a listener: returns the map, not a promise
}
