// The drawing library on the map while a layer is edited: it shows the session's features, turns
// what is drawn or reshaped into session edits, and snaps the pointer to what is on the map.
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { fetchEnquiry } from '../api/ledger';
import type { Layer } from '../api/model';
import type { FeatureLayerView } from '../map/featureLayers';
import { asLayerGeometry, withPart, type DrawMode } from './drawParts';
import type { DrawController, Tool } from './drawing';
import { actionAddFeature, actionChangeAttributes, actionSetGeometry, entity, type DraftFeature, type FeatureKey } from './graph';
import type { EditMessageKey, EditText } from './messages';
import { graphOf, type SessionEvent, type SessionState } from './session';
import { snap } from './snapping';
import { townField, townFill } from './townField';

/** How close, in screen pixels, a pointer must come to a vertex or line to snap to it. */
const SNAP_PIXELS = 12;

export type EditEvent = Omit<Extract<SessionEvent, { type: 'edit' }>, 'type'>;

interface Options {
  map: MapLibreMap | null;
  /** The edited layer's key; the drawing library lives while it is set. */
  layerKey: string | null;
  layer: Layer | undefined;
  views: Map<string, FeatureLayerView>;
  state: SessionState;
  features: DraftFeature[];
  /** Keys of changed features (drawn in the "changed" colour). */
  dirty: Set<FeatureKey>;
  tool: Tool | null;
  setTool(tool: Tool | null): void;
  snapping: boolean;
  te: EditText;
  edit(event: EditEvent): void;
  dispatch(event: SessionEvent): void;
}

/** Runs the drawing library; returns it (null until loaded) for hit tests. */
export function useDrawing({ map, layerKey, layer, views, state, features, dirty, tool, setTool, snapping, te, edit, dispatch }: Options): RefObject<DrawController | null> {
  const controllerRef = useRef<DrawController | null>(null);

  /** Where the pointer snaps: vertices and lines of visible layers, the basemap roads and other drafts. */
  const snapAt = (point: { x: number; y: number }, excludeKey: FeatureKey | null): Position | undefined => {
    if (!map || !snapping) return undefined;
    const styleLayers = [...views.values()]
      .filter((v) => map.getLayer(v.featureLayerIds[0]) && map.getLayoutProperty(v.featureLayerIds[0], 'visibility') !== 'none')
      .flatMap((v) => v.featureLayerIds);
    if (map.getLayer('basemap-roads')) styleLayers.push('basemap-roads');
    const box: [[number, number], [number, number]] = [
      [point.x - SNAP_PIXELS, point.y - SNAP_PIXELS],
      [point.x + SNAP_PIXELS, point.y + SNAP_PIXELS],
    ];
    const rendered = styleLayers.length ? map.queryRenderedFeatures(box, { layers: styleLayers }) : [];
    // Lines and areas only: a point dropped onto another point (two mirrors in one place) is never meant.
    const candidates = [...rendered.map((f) => f.geometry as Geometry), ...(controllerRef.current?.geometriesExcept(excludeKey) ?? [])].filter(
      (g) => !g.type.endsWith('Point'),
    );
    return snap(point, candidates, (p) => map.project([p[0], p[1]]), SNAP_PIXELS)?.position;
  };

  const snapPoint = (geometry: Point): Point => {
    if (!map) return geometry;
    const at = map.project([geometry.coordinates[0], geometry.coordinates[1]]);
    const position = snapAt({ x: at.x, y: at.y }, null);
    return position ? { type: 'Point', coordinates: position } : geometry;
  };

  // The drawing library's callbacks see the session as it is when they fire.
  const onSnap = useEffectEvent((event: { x: number; y: number }, excludeKey: FeatureKey | null) => snapAt({ x: event.x, y: event.y }, excludeKey));

  const fillTown = useEffectEvent((key: FeatureKey, target: Layer, town: string | null) => {
    const feature = entity(graphOf(state), state.base, key);
    const fill = feature && townFill(target, feature.attributes, town);
    const field = townField(target);
    if (fill && field) edit({ action: actionChangeAttributes(key, fill), annotation: { label: te('actionAttribute', { label: field.label }) } });
  });

  const onCreate = useEffectEvent((key: FeatureKey, drawn: Point | LineString | Polygon, mode: DrawMode) => {
    const target = layer;
    if (!target) return;
    const geometry = asLayerGeometry(drawn.type === 'Point' ? snapPoint(drawn) : drawn, target.geometryTypes);
    const labels: Record<DrawMode, EditMessageKey> = { point: 'actionAddPoint', linestring: 'actionAddLine', polygon: 'actionAddPolygon' };
    edit({ action: actionAddFeature({ key, layerKey: target.key, geometry, attributes: {} }), annotation: { label: te(labels[mode]) }, select: key });
    // A point knows its town: fill 住所(町丁目) for the clerk (editable, and undoable as its own step).
    if (townField(target) && geometry.type === 'Point') {
      const [lon, lat] = geometry.coordinates;
      void fetchEnquiry(lon, lat, []).then((answer) => fillTown(key, target, answer.town)).catch(() => {}); // no town: the clerk types it, as before
    }
    // Fill in the form next, then move or reshape it.
    setTool('select');
  });

  const onReshape = useEffectEvent((key: FeatureKey, part: number | null, drawn: Point | LineString | Polygon, action: string, gesture: number) => {
    const feature = entity(graphOf(state), state.base, key);
    if (!feature) return;
    const moved = drawn.type === 'Point' && action === 'dragFeature' ? snapPoint(drawn) : drawn;
    // Edits within one pointer press (a midpoint inserted, then dragged) undo as one step.
    edit({
      action: actionSetGeometry(key, withPart(feature.geometry, part, moved as Point | LineString | Polygon)),
      annotation: { label: te(action === 'dragFeature' ? 'actionMove' : 'actionReshape'), coalesceKey: `gesture:${gesture}` },
      coalesce: true,
    });
  });

  // The drawing library lives while a layer is being edited. It is loaded then, not for viewers.
  const [controllerVersion, setControllerVersion] = useState(0);
  useEffect(() => {
    if (!map || !layerKey) return;
    let controller: DrawController | null = null;
    let cancelled = false;
    void import('./drawing').then(({ DrawController: Controller }) => {
      if (cancelled) return;
      controller = new Controller(map, {
        onCreate: (key, drawn, mode) => onCreate(key, drawn, mode),
        onReshape: (key, part, drawn, action, gesture) => onReshape(key, part, drawn, action, gesture),
        onSelect: (key) => dispatch({ type: 'select', key }),
        snap: (event, excludeKey) => onSnap(event, excludeKey),
      });
      controllerRef.current = controller;
      setTool('select');
      setControllerVersion((v) => v + 1);
    });
    return () => {
      cancelled = true;
      controllerRef.current = null;
      controller?.destroy();
    };
  }, [map, layerKey, dispatch, setTool]);

  useEffect(() => {
    controllerRef.current?.setTool(tool);
  }, [tool, controllerVersion]);

  // The drawing library shows the graph; the data layers hide what it shows.
  useEffect(() => {
    controllerRef.current?.sync(features, dirty, state.selected);
  }, [features, dirty, state.selected, controllerVersion]);

  useEffect(() => {
    if (!map) return;
    const stored = layerKey ? Object.keys(state.base) : [];
    for (const view of views.values()) view.setHiddenIds(map, stored.filter((id) => state.base[id].layerKey === view.layer.key));
  }, [map, views, state.base, layerKey]);

  return controllerRef;
}
