// Area selection for the attribute table: drag a rectangle on the map; the box stays drawn while it selects.
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { boxOf } from './tableFilter';

const SOURCE = 'area-select';

function boxPolygon([x0, y0, x1, y1]: number[]): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/** Draws the selected box (null removes it). */
export function setAreaOutline(map: MapLibreMap, bbox: number[] | null): void {
  if (!map.style) return;
  const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: bbox ? [{ type: 'Feature', geometry: boxPolygon(bbox), properties: {} }] : [] };
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
      if (start) setAreaOutline(map, boxOf(start, [e.lngLat.lng, e.lngLat.lat]));
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
