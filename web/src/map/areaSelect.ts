// Area selection for the attribute table: drag a rectangle or click a polygon's corners on the map; the outline
// stays drawn while it selects.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useMapTool } from './mapTool';
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
  useMapTool<{ start: [number, number] | null }>(map, active, {
    mousedown: (e, drag) => {
      drag.start = [e.lngLat.lng, e.lngLat.lat];
      e.preventDefault();
    },
    mousemove: (e, drag) => {
      if (drag.start) setAreaOutline(e.target, outlineOf({ kind: 'box', bbox: boxOf(drag.start, [e.lngLat.lng, e.lngLat.lat]) }));
    },
    mouseup: (e, drag) => {
      if (!drag.start) return;
      const box = boxOf(drag.start, [e.lngLat.lng, e.lngLat.lat]);
      drag.start = null;
      // A click without a drag selects nothing.
      if (box[0] !== box[2] && box[1] !== box[3]) onBox(box);
    },
  }, { disable: ['dragPan'], init: () => ({ start: null }) });
}

interface PolygonDrawing {
  ring: number[][];
  cursor: number[] | null;
}

/**
 * While active, each click on the map adds a corner; a double click or Enter closes the polygon and ends
 * with onRing(corners), Backspace takes back the last corner. The map still pans by dragging.
 */
export function usePolygonSelect(map: MapLibreMap | null, active: boolean, onRing: (ring: number[][]) => void): void {
  const draw = (drawing: PolygonDrawing) => map && setAreaOutline(map, outlineOf(null, drawing.ring, drawing.cursor));
  const finish = (drawing: PolygonDrawing) => {
    if (!canClose(drawing.ring)) return;
    const done = drawing.ring;
    drawing.ring = [];
    onRing(done);
  };
  useMapTool<PolygonDrawing>(map, active, {
    click: (e, drawing) => {
      drawing.ring = addCorner(drawing.ring, [e.lngLat.lng, e.lngLat.lat]);
      draw(drawing);
    },
    mousemove: (e, drawing) => {
      drawing.cursor = [e.lngLat.lng, e.lngLat.lat];
      if (drawing.ring.length) draw(drawing);
    },
    dblclick: (e, drawing) => {
      e.preventDefault();
      finish(drawing);
    },
    keydown: (e, drawing) => {
      // Typing in a field (the table's filters) keeps its own Enter and Backspace.
      if ((e.target as Element | null)?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
      if (e.key === 'Enter') finish(drawing);
      else if (e.key === 'Backspace' && drawing.ring.length) {
        drawing.ring = drawing.ring.slice(0, -1);
        draw(drawing);
      } else return;
      e.preventDefault();
    },
  }, { disable: ['doubleClickZoom'], init: () => ({ ring: [], cursor: null }) });
}
