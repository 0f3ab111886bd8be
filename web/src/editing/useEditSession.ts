// The editing session as the UI uses it: the pure session state, the drawing library on the map,
// keyboard shortcuts, the unsaved-changes guard and saving. Components get state and commands.
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { fetchFeaturesAt } from '../api/queries';
import type { Attributes, Feature, Layer } from '../api/model';
import type { FeatureLayerView } from '../map/featureLayers';
import { GeoJsonFeatureSource } from '../map/featureLayers';
import { pixelsToMetres } from '../map/geodesy';
import { VectorTileFeatureSource } from '../map/tileLayers';
import { applyChanges, type SavedFeature } from './api';
import type { ConflictComparison, Resolution, StoredVersion } from './conflict';
import { diffGraph, type PendingChange } from './diff';
import { asLayerGeometry, withPart, type DrawMode } from './drawParts';
import type { DrawController, Tool } from './drawing';
import {
  actionAddFeature, actionChangeAttributes, actionDeleteFeature, actionRevertFeature, actionSetGeometry, entities, entity, nextNewKey,
  type DraftFeature, type FeatureKey,
} from './graph';
import { canRedo, canUndo, redoAnnotation, undoAnnotation } from './history';
import { useEditText, type EditMessageKey } from './messages';
import { useI18n } from '../i18n';
import { serverErrorText } from '../i18n/errors';
import { graphOf, initialSession, sessionReducer, type SessionEvent, type SessionState } from './session';
import { snap } from './snapping';
import { serverProblems, validateAttributes, type FieldProblem } from './validate';
import { townField, townFill } from './townField';
import { fetchEnquiry } from '../api/ledger';

/** How close, in screen pixels, a pointer must come to a vertex or line to snap to it. */
export const SNAP_PIXELS = 12;
/** How close a click must be to a feature to pick it for editing. */
const PICK_PIXELS = 10;

export interface SaveStatus {
  state: 'idle' | 'saving' | 'saved' | 'error';
  message?: string;
}

export interface EditSession {
  enabled: boolean;
  editableLayers: Layer[];
  layerKey: string | null;
  layer: Layer | undefined;
  tool: Tool | null;
  snapping: boolean;
  state: SessionState;
  features: DraftFeature[];
  selected: DraftFeature | undefined;
  pending: PendingChange[];
  /** Client-side problems of every changed feature, by key. */
  problems: Record<FeatureKey, FieldProblem[]>;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  save: SaveStatus;
  /** The question before leaving (logging out) with unsaved changes. */
  leaveQuestion: string;
  start(layerKey: string): void;
  stop(): void;
  setTool(tool: Tool | null): void;
  setSnapping(on: boolean): void;
  undo(): void;
  redo(): void;
  select(key: FeatureKey | null): void;
  /** Loads a stored feature into the session and selects it. */
  editFeature(feature: Feature): void;
  changeAttribute(key: FeatureKey, field: string, label: string, value: unknown): void;
  setGeometry(key: FeatureKey, geometry: Geometry, label: string): void;
  addFeatureAt(geometry: Geometry, label: string): void;
  deleteFeature(key: FeatureKey): void;
  revertFeature(key: FeatureKey): void;
  saveChanges(): Promise<void>;
  /** Settles the open conflict, then saves again. */
  resolveAndSave(resolution: Resolution, comparison: ConflictComparison): void;
  discard(): void;
  dispatch(event: SessionEvent): void;
}

interface Options {
  map: MapLibreMap | null;
  layers: Layer[] | null;
  views: Map<string, FeatureLayerView>;
}

export function useEditSession({ map, layers, views }: Options): EditSession {
  const te = useEditText();
  const { lang } = useI18n();
  const [state, dispatch] = useReducer(sessionReducer, initialSession);
  const [layerKey, setLayerKey] = useState<string | null>(null);
  const [tool, setToolState] = useState<Tool | null>(null);
  const [snapping, setSnapping] = useState(true);
  const [save, setSave] = useState<SaveStatus>({ state: 'idle' });
  const controllerRef = useRef<DrawController | null>(null);

  const layersByKey = useMemo(() => new Map((layers ?? []).map((l) => [l.key, l])), [layers]);
  const editableLayers = useMemo(() => (layers ?? []).filter((l) => l.canEdit), [layers]);
  const layer = layerKey ? layersByKey.get(layerKey) : undefined;
  const graph = graphOf(state);
  const features = useMemo(() => entities(graph, state.base), [graph, state.base]);
  const pending = useMemo(() => diffGraph(state.base, graph, layersByKey), [state.base, graph, layersByKey]);
  const dirty = useMemo(() => new Set(pending.map((c) => c.key)), [pending]);
  const selected = state.selected ? entity(graph, state.base, state.selected) : undefined;

  const problems = useMemo(() => {
    const byKey: Record<FeatureKey, FieldProblem[]> = {};
    for (const change of pending) {
      if (change.kind === 'delete') continue;
      const draft = entity(graph, state.base, change.key)!;
      const fields = layersByKey.get(draft.layerKey)?.fields ?? [];
      const found = validateAttributes(fields, draft.attributes);
      if (found.length) byKey[change.key] = found;
    }
    return byKey;
  }, [pending, graph, state.base, layersByKey]);

  // The latest values for callbacks registered once (map and drawing library events).
  const live = useRef({ state, layer, tool, snapping, views, layersByKey, te, lang });
  live.current = { state, layer, tool, snapping, views, layersByKey, te, lang };

  const edit = useCallback((event: Omit<Extract<SessionEvent, { type: 'edit' }>, 'type'>) => {
    dispatch({ type: 'edit', ...event });
    setSave({ state: 'idle' });
  }, []);

  /** Where the pointer snaps: vertices and lines of visible layers, the basemap roads and other drafts. */
  const snapAt = useCallback(
    (point: { x: number; y: number }, excludeKey: FeatureKey | null): Position | undefined => {
      if (!map || !live.current.snapping) return undefined;
      const styleLayers = [...live.current.views.values()]
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
      const result = snap(point, candidates, (p) => map.project([p[0], p[1]]), SNAP_PIXELS);
      return result?.position;
    },
    [map],
  );

  const snapPoint = useCallback(
    (geometry: Point): Point => {
      if (!map) return geometry;
      const at = map.project([geometry.coordinates[0], geometry.coordinates[1]]);
      const position = snapAt({ x: at.x, y: at.y }, null);
      return position ? { type: 'Point', coordinates: position } : geometry;
    },
    [map, snapAt],
  );

  // The drawing library lives while a layer is being edited. It is loaded then, not for viewers.
  const [controllerVersion, setControllerVersion] = useState(0);
  useEffect(() => {
    if (!map || !layerKey) return;
    let controller: DrawController | null = null;
    let cancelled = false;
    void import('./drawing').then(({ DrawController: Controller }) => {
      if (cancelled) return;
      controller = new Controller(map, {
        onCreate(key, drawn, mode) {
          const target = live.current.layer;
          if (!target) return;
          const geometry = asLayerGeometry(drawn.type === 'Point' ? snapPoint(drawn) : drawn, target.geometryTypes);
          const labels: Record<DrawMode, EditMessageKey> = { point: 'actionAddPoint', linestring: 'actionAddLine', polygon: 'actionAddPolygon' };
          edit({ action: actionAddFeature({ key, layerKey: target.key, geometry, attributes: {} }), annotation: { label: live.current.te(labels[mode]) }, select: key });
          // A point knows its town: fill 住所(町丁目) for the clerk (editable, and undoable as its own step).
          const town = townField(target);
          if (town && geometry.type === 'Point') {
            const [lon, lat] = geometry.coordinates;
            void fetchEnquiry(lon, lat, []).then((answer) => {
              const { state: now } = live.current;
              const feature = entity(graphOf(now), now.base, key);
              const fill = feature && townFill(target, feature.attributes, answer.town);
              if (fill) edit({ action: actionChangeAttributes(key, fill), annotation: { label: live.current.te('actionAttribute', { label: town.label }) } });
            }).catch(() => {}); // no town: the clerk types it, as before
          }
          // Fill in the form next, then move or reshape it.
          setToolState('select');
        },
        onReshape(key, part, drawn, action, gesture) {
          const { state: s } = live.current;
          const feature = entity(graphOf(s), s.base, key);
          if (!feature) return;
          const moved = drawn.type === 'Point' && action === 'dragFeature' ? snapPoint(drawn) : drawn;
          const label = live.current.te(action === 'dragFeature' ? 'actionMove' : 'actionReshape');
          // Edits within one pointer press (a midpoint inserted, then dragged) undo as one step.
          edit({
            action: actionSetGeometry(key, withPart(feature.geometry, part, moved as Point | LineString | Polygon)),
            annotation: { label, coalesceKey: `gesture:${gesture}` },
            coalesce: true,
          });
        },
        onSelect(key) {
          dispatch({ type: 'select', key });
        },
        snap: (event, excludeKey) => snapAt({ x: event.x, y: event.y }, excludeKey),
      });
      controllerRef.current = controller;
      setToolState('select');
      setControllerVersion((v) => v + 1);
    });
    return () => {
      cancelled = true;
      controllerRef.current = null;
      controller?.destroy();
    };
  }, [map, layerKey, edit, snapAt, snapPoint]);

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

  // A click in select mode on a stored feature of the edited layer brings it into the session.
  useEffect(() => {
    if (!map || !layerKey) return;
    let request = 0;
    const onClick = async (e: MapMouseEvent) => {
      const { tool: currentTool, layer: currentLayer } = live.current;
      if (currentTool !== 'select' || !currentLayer) return;
      if (controllerRef.current?.hasFeatureAt(e.lngLat.lng, e.lngLat.lat)) return;
      const mine = ++request;
      try {
        const tolerance = pixelsToMetres(PICK_PIXELS, map.getZoom(), e.lngLat.lat);
        const hits = await fetchFeaturesAt(e.lngLat.lng, e.lngLat.lat, tolerance, [currentLayer.key]);
        if (mine !== request) return;
        if (!hits.length) {
          // Say why a click on something else picks nothing (another department's layer, or not the edited one).
          const others = [...live.current.views.keys()].filter((k) => k !== currentLayer.key && map.getLayoutProperty(live.current.views.get(k)!.featureLayerIds[0], 'visibility') !== 'none');
          const elsewhere = others.length ? await fetchFeaturesAt(e.lngLat.lng, e.lngLat.lat, tolerance, others) : [];
          const other = elsewhere[0] && live.current.layersByKey.get(elsewhere[0].feature.layerKey);
          if (mine === request && other) {
            setSave({ state: 'idle', message: live.current.te('otherLayerClicked', { layer: other.nameJa, edited: currentLayer.nameJa }) });
          }
          return;
        }
        dispatch({ type: 'load', features: [hits[0].feature] });
        dispatch({ type: 'select', key: hits[0].feature.id });
      } catch (error) {
        setSave({ state: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    };
    const onClickVoid = (e: MapMouseEvent) => void onClick(e);
    map.on('click', onClickVoid);
    return () => {
      map.off('click', onClickVoid);
    };
  }, [map, layerKey]);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo; Delete removes the selected feature.
  useEffect(() => {
    if (!layerKey) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (typing) return; // the field's own undo
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        dispatch({ type: 'redo' });
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && live.current.state.selected) {
        e.preventDefault();
        const key = live.current.state.selected;
        dispatch({ type: 'edit', action: actionDeleteFeature(key), annotation: { label: live.current.te('actionDelete') }, select: null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [layerKey]);

  // Leaving the page with unsaved changes asks first.
  const hasPending = pending.length > 0;
  useEffect(() => {
    if (!hasPending) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [hasPending]);

  const refreshLayers = useCallback(
    (saved: SavedFeature[], changes: PendingChange[]) => {
      if (!map) return;
      const layerKeys = new Set(changes.map((c) => c.layerKey));
      for (const key of layerKeys) {
        const view = views.get(key);
        if (!view) continue;
        if (view.source instanceof GeoJsonFeatureSource) {
          const kept = saved.filter((f) => f.layerKey === key && !f.deletedAt);
          const removed = saved.filter((f) => f.layerKey === key && f.deletedAt).map((f) => f.id);
          view.source.applyEdits(kept, removed);
        } else if (view.source instanceof VectorTileFeatureSource) {
          view.source.refresh();
        }
      }
    },
    [map, views],
  );

  const saveChanges = useCallback(async () => {
    const { state: s, layersByKey: byKey, te: text, lang: language } = live.current;
    const changes = diffGraph(s.base, graphOf(s), byKey);
    if (!changes.length) return;
    const invalid = changes.find((c) => {
      if (c.kind === 'delete') return false;
      const draft = entity(graphOf(s), s.base, c.key)!;
      return validateAttributes(byKey.get(draft.layerKey)?.fields ?? [], draft.attributes).length > 0;
    });
    if (invalid) {
      dispatch({ type: 'select', key: invalid.key });
      setSave({ state: 'error', message: text('saveBlocked') });
      return;
    }
    setSave({ state: 'saving' });
    try {
      const saved = await applyChanges(changes.map((c) => c.input));
      dispatch({ type: 'saved', keys: changes.map((c) => c.key), features: saved });
      refreshLayers(saved, changes);
      setSave({ state: 'saved', message: text('saved', { count: changes.length }) });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setSave({ state: 'error', message: text('saveFailed', { message: String(error) }) });
        return;
      }
      const index = typeof error.extensions.index === 'number' ? error.extensions.index : changes.length === 1 ? 0 : -1;
      const change = changes[index];
      if (error.code === 'CONFLICT' && change && error.extensions.current) {
        dispatch({ type: 'conflict', conflict: { key: change.key, stored: error.extensions.current as StoredVersion, message: error.message } });
        setSave({ state: 'idle' });
      } else if (error.code === 'BAD_USER_INPUT' && change) {
        dispatch({ type: 'serverProblems', key: change.key, problems: serverProblems(error.message, error.extensions, language) });
        setSave({ state: 'error', message: text('saveBlocked') });
      } else if (error.code === 'FORBIDDEN') {
        setSave({ state: 'error', message: text('forbidden', { message: serverErrorText(language, error.message, error.extensions) }) });
      } else {
        setSave({ state: 'error', message: text('saveFailed', { message: error.message }) });
      }
    }
  }, [refreshLayers]);

  // Saving again after a conflict waits for the rebased state to be rendered (saveChanges reads it).
  const saveAfterResolve = useRef(false);
  useEffect(() => {
    if (saveAfterResolve.current && !state.conflict) {
      saveAfterResolve.current = false;
      void saveChanges();
    }
  }, [state, saveChanges]);

  const history = state.history;
  return {
    enabled: editableLayers.length > 0,
    editableLayers,
    layerKey,
    layer,
    tool,
    snapping,
    state,
    features,
    selected,
    pending,
    problems,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
    undoLabel: undoAnnotation(history)?.label ?? null,
    redoLabel: redoAnnotation(history)?.label ?? null,
    save,
    leaveQuestion: te('stopConfirm', { count: pending.length }),
    start: (key) => {
      setLayerKey(key);
      setSave({ state: 'idle' });
    },
    stop: () => {
      dispatch({ type: 'reset' });
      setLayerKey(null);
      setToolState(null);
    },
    setTool: setToolState,
    setSnapping,
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    select: (key) => dispatch({ type: 'select', key }),
    editFeature: (feature) => {
      dispatch({ type: 'load', features: [feature] });
      dispatch({ type: 'select', key: feature.id });
    },
    changeAttribute: (key, field, label, value) =>
      edit({ action: actionChangeAttributes(key, { [field]: value } as Attributes), annotation: { label: te('actionAttribute', { label }), coalesceKey: `${key}:${field}` }, coalesce: true }),
    setGeometry: (key, geometry, label) => edit({ action: actionSetGeometry(key, geometry), annotation: { label } }),
    addFeatureAt: (geometry, label) => {
      if (!layer) return;
      const key = nextNewKey();
      edit({ action: actionAddFeature({ key, layerKey: layer.key, geometry, attributes: {} }), annotation: { label }, select: key });
    },
    deleteFeature: (key) => edit({ action: actionDeleteFeature(key), annotation: { label: te('actionDelete') }, select: null }),
    revertFeature: (key) => edit({ action: actionRevertFeature(key), annotation: { label: te('actionRevert') } }),
    saveChanges,
    resolveAndSave: (resolution, comparison) => {
      saveAfterResolve.current = true;
      dispatch({ type: 'resolve', resolution, comparison });
    },
    discard: () => {
      dispatch({ type: 'discard' });
      setSave({ state: 'idle' });
    },
    dispatch,
  };
}
