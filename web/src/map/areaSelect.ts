// Area selection for the attribute table: drag a rectangle or click a polygon's corners on the map; the outline
// stays drawn while it selects.
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { addCorner, canClose, outlineOf } from './tableArea';
import { boxOf } from './tableFilter';

const SOURCE = 'area-select';

/** Draws the selection's outline (null removes it). */
export function setAreaOutline(map: MapLibreMap, geometry: GeoJSON.Geometry | null): void {
  if (!map.style) return;
  const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: geometry ? [{ type: 'Feature', geometry, properties: {} }] : [] };
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(SOURCE, { type: 'geojson', data });
  const before = map.getLayer('slot-top') ? 'slot-top' : undefined;
  map.addLayer({ id: `${SOURCE}-fill`, type: 'fill', source: SOURCE, paint: { 'fill-color': '#7b1fa2', 'fill-opacity': 0.08 } }, before);
  map.addLayer({ id: `${SOURCE}-line`, type: 'line', source: SOURCE, paint: { 'line-color': '#7b1fa2', 'line-width': 2, 'line-dasharray': [3, 2] } }, before);
}

/** While active, a drag on the map draws a box and ends with onBox([minLon, minLat, maxLon, maxLat]). */
export function useAreaSelect(map: MapLibreMap | null, active: boolean, onBox: (bbox: number[]) => void): void {
  const onBoxEvent = useEffectEvent(onBox);
  useEffect(() => {
    if (!map || !active) return;
    let start: [number, number] | null = null;
    const down = (e: MapMouseEvent) => {
      start = [e.lngLat.lng, e.lngLat.lat];
      e.preventDefault();
    };
    const move = (e: MapMouseEvent) => {
      if (start) setAreaOutline(map, outlineOf({ kind: 'box', bbox: boxOf(start, [e.lngLat.lng, e.lngLat.lat]) }));
    };
    const up = (e: MapMouseEvent) => {
      if (!start) return;
      const box = boxOf(start, [e.lngLat.lng, e.lngLat.lat]);
      start = null;
      // A click without a drag selects nothing.
      if (box[0] !== box[2] && box[1] !== box[3]) onBoxEvent(box);
    };
    map.dragPan.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('mousedown', down);
    map.on('mousemove', move);
    map.on('mouseup', up);
    return () => {
      map.off('mousedown', down);
      map.off('mousemove', move);
      map.off('mouseup', up);
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
    };
  }, [map, active]);
}

/**
 * While active, each click on the map adds a corner; a double click or Enter closes the polygon and ends
 * with onRing(corners), Backspace takes back the last corner. The map still pans by dragging.
 */
export function usePolygonSelect(map: MapLibreMap | null, active: boolean, onRing: (ring: number[][]) => void): void {
  const onRingEvent = useEffectEvent(onRing);
  useEffect(() => {
    if (!map || !active) return;
    let ring: number[][] = [];
    let cursor: number[] | null = null;
    const draw = () => setAreaOutline(map, outlineOf(null, ring, cursor));
    const finish = () => {
      if (!canClose(ring)) return;
      const done = ring;
      ring = [];
      onRingEvent(done);
    };
    const click = (e: MapMouseEvent) => {
      ring = addCorner(ring, [e.lngLat.lng, e.lngLat.lat]);
      draw();
    };
    const move = (e: MapMouseEvent) => {
      cursor = [e.lngLat.lng, e.lngLat.lat];
      if (ring.length) draw();
    };
    const dblclick = (e: MapMouseEvent) => {
      e.preventDefault();
      finish();
    };
    const key = (e: KeyboardEvent) => {
      // Typing in a field (the table's filters) keeps its own Enter and Backspace.
      if ((e.target as Element | null)?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
      if (e.key === 'Enter') finish();
      else if (e.key === 'Backspace' && ring.length) {
        ring = ring.slice(0, -1);
        draw();
      } else return;
      e.preventDefault();
    };
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', click);
    map.on('mousemove', move);
    map.on('dblclick', dblclick);
    window.addEventListener('keydown', key);
    return () => {
      map.off('click', click);
      map.off('mousemove', move);
      map.off('dblclick', dblclick);
      window.removeEventListener('keydown', key);
      map.doubleClickZoom.enable();
      map.getCanvas().style.cursor = '';
    };
  }, [map, active]);
}
