// The editing session as the UI uses it: the pure session state (session.ts) at the core, with the
// drawing library (useDrawing), picking on the map (usePickToEdit), keyboard shortcuts
// (useEditKeyboard), the unsaved-changes guard (useUnloadGuard) and saving (saveFailure.ts for
// what a failed save means). Components get state and commands.
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo, useReducer, useState } from 'react';
import type { Attributes, Feature, Layer } from '../api/model';
import type { FeatureLayerView } from '../map/featureLayers';
import { GeoJsonFeatureSource } from '../map/featureLayers';
import { VectorTileFeatureSource } from '../map/tileLayers';
import { applyChanges, type SavedFeature } from './api';
import type { ConflictComparison, Resolution } from './conflict';
import { diffGraph, type PendingChange } from './diff';
import type { Tool } from './drawing';
import {
  actionAddFeature, actionChangeAttributes, actionDeleteFeature, actionRevertFeature, actionSetGeometry, entities, entity, nextNewKey,
  type DraftFeature, type FeatureKey,
} from './graph';
import { canRedo, canUndo, redoAnnotation, undoAnnotation } from './history';
import { useEditText } from './messages';
import { useI18n } from '../i18n';
import { saveFailure, type SaveStatus } from './saveFailure';
import { graphOf, initialSession, sessionReducer, type SessionEvent, type SessionState } from './session';
import { useDrawing, type EditEvent } from './useDrawing';
import { useEditKeyboard } from './useEditKeyboard';
import { usePickToEdit } from './usePickToEdit';
import { useUnloadGuard } from './useUnloadGuard';
import { validateAttributes, type FieldProblem } from './validate';


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
  const [tool, setTool] = useState<Tool | null>(null);
  const [snapping, setSnapping] = useState(true);
  const [save, setSave] = useState<SaveStatus>({ state: 'idle' });

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

  const edit = useCallback((event: EditEvent) => {
    dispatch({ type: 'edit', ...event });
    setSave({ state: 'idle' });
  }, []);

  const controllerRef = useDrawing({ map, layerKey, layer, views, state, features, dirty, tool, setTool, snapping, te, edit, dispatch });
  usePickToEdit({ map, layer, tool, views, layersByKey, controllerRef, te, dispatch, setSave });
  useEditKeyboard(layerKey !== null, {
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    deleteSelected: () => {
      if (!state.selected) return false;
      dispatch({ type: 'edit', action: actionDeleteFeature(state.selected), annotation: { label: te('actionDelete') }, select: null });
      return true;
    },
  });
  useUnloadGuard(pending.length > 0);

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

  /** Saves what differs between the loaded features and `s` (the state as rendered, or just resolved). */
  const saveFrom = useCallback(
    async (s: SessionState) => {
      const changes = diffGraph(s.base, graphOf(s), layersByKey);
      if (!changes.length) return;
      const invalid = changes.find((c) => {
        if (c.kind === 'delete') return false;
        const draft = entity(graphOf(s), s.base, c.key)!;
        return validateAttributes(layersByKey.get(draft.layerKey)?.fields ?? [], draft.attributes).length > 0;
      });
      if (invalid) {
        dispatch({ type: 'select', key: invalid.key });
        setSave({ state: 'error', message: te('saveBlocked') });
        return;
      }
      setSave({ state: 'saving' });
      try {
        const saved = await applyChanges(changes.map((c) => c.input));
        dispatch({ type: 'saved', keys: changes.map((c) => c.key), features: saved });
        refreshLayers(saved, changes);
        setSave({ state: 'saved', message: te('saved', { count: changes.length }) });
      } catch (error) {
        const failure = saveFailure(error, changes, lang, te);
        if (failure.event) dispatch(failure.event);
        setSave(failure.status);
      }
    },
    [layersByKey, te, lang, refreshLayers],
  );

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
      setTool(null);
    },
    setTool,
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
    saveChanges: () => saveFrom(state),
    resolveAndSave: (resolution, comparison) => {
      // Save the rebased drafts the resolution gives (the reducer is pure: the same state React will render).
      const event: SessionEvent = { type: 'resolve', resolution, comparison };
      const resolved = sessionReducer(state, event);
      dispatch(event);
      if (!resolved.conflict) void saveFrom(resolved);
    },
    discard: () => {
      dispatch({ type: 'discard' });
      setSave({ state: 'idle' });
    },
    dispatch,
  };
}
