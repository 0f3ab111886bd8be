// The state of one editing session as a pure reducer: stored features loaded (base), the history
// of edit graphs, the selection, the server's problems per feature and an open conflict.
import type { Feature } from '../api/model';
import type { SavedFeature } from './api';
import { resolveConflict, type ConflictComparison, type Resolution, type StoredVersion } from './conflict';
import { draftFromFeature, emptyGraph, entity, type Action, type Base, type DraftFeature, type EditGraph, type FeatureKey } from './graph';
import { createHistory, current, perform, performCoalescing, redo, undo, type Annotation, type History } from './history';
import type { FieldProblem } from './validate';

export interface OpenConflict {
  key: FeatureKey;
  stored: StoredVersion;
  message: string;
}

export interface SessionState {
  base: Base;
  history: History<EditGraph>;
  selected: FeatureKey | null;
  /** Problems the server reported at the last save, by feature. */
  serverProblems: Record<FeatureKey, FieldProblem[]>;
  conflict: OpenConflict | null;
}

export type SessionEvent =
  | { type: 'load'; features: Feature[] }
  | { type: 'edit'; action: Action; annotation: Annotation; coalesce?: boolean; select?: FeatureKey | null }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; key: FeatureKey | null }
  | { type: 'saved'; keys: FeatureKey[]; features: (SavedFeature | null)[] }
  | { type: 'refreshed'; feature: Feature }
  | { type: 'serverProblems'; key: FeatureKey; problems: FieldProblem[] }
  | { type: 'conflict'; conflict: OpenConflict }
  | { type: 'resolve'; resolution: Resolution; comparison?: ConflictComparison }
  | { type: 'discard' }
  | { type: 'reset' };

export const initialSession: SessionState = {
  base: {},
  history: createHistory(emptyGraph),
  selected: null,
  serverProblems: {},
  conflict: null,
};

export function graphOf(state: SessionState): EditGraph {
  return current(state.history);
}

/** Keeps the selection only while the selected feature exists in the graph. */
function keepSelection(state: SessionState): SessionState {
  if (!state.selected) return state;
  const feature = entity(graphOf(state), state.base, state.selected);
  return feature && !feature.deleted ? state : { ...state, selected: null };
}

export function sessionReducer(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'load': {
      // Features already in the session keep what was loaded first: their drafts were made on it.
      const additions = event.features.filter((f) => !state.base[f.id]).map(draftFromFeature);
      if (!additions.length) return state;
      return { ...state, base: { ...state.base, ...Object.fromEntries(additions.map((d) => [d.key, d])) } };
    }
    case 'edit': {
      const next = event.action(graphOf(state), state.base);
      const history = event.coalesce ? performCoalescing(state.history, next, event.annotation) : perform(state.history, next, event.annotation);
      const selected = event.select !== undefined ? event.select : state.selected;
      return keepSelection({ ...state, history, selected });
    }
    case 'undo':
      return keepSelection({ ...state, history: undo(state.history) });
    case 'redo':
      return keepSelection({ ...state, history: redo(state.history) });
    case 'select':
      return { ...state, selected: event.key };
    case 'saved': {
      // What was saved is the new base; a saved new feature takes its server id as key.
      const base: Record<FeatureKey, DraftFeature> = { ...state.base };
      let selected = state.selected;
      event.keys.forEach((key, i) => {
        const saved = event.features[i];
        delete base[key];
        if (saved && !saved.deletedAt) base[saved.id] = draftFromFeature(saved);
        if (selected === key) selected = saved && !saved.deletedAt ? saved.id : null;
      });
      return { ...state, base, history: createHistory(emptyGraph), selected, serverProblems: {}, conflict: null };
    }
    case 'refreshed':
      return { ...state, base: { ...state.base, [event.feature.id]: draftFromFeature(event.feature) } };
    case 'serverProblems':
      return { ...state, serverProblems: { ...state.serverProblems, [event.key]: event.problems }, selected: event.key };
    case 'conflict':
      return { ...state, conflict: event.conflict, selected: event.conflict.key };
    case 'resolve': {
      if (!state.conflict) return state;
      const { key, stored } = state.conflict;
      const resolved = resolveConflict(state.base, graphOf(state), key, stored, event.resolution, event.comparison);
      // The rebased draft replaces the current state; undoing past it would bring back drafts
      // made on the old version, so the history starts again here.
      return keepSelection({ ...state, base: resolved.base, history: createHistory(resolved.graph), conflict: null });
    }
    case 'discard':
      return { ...initialSession, base: state.base };
    case 'reset':
      return initialSession;
  }
}
