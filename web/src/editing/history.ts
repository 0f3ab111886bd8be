// An annotated history of states, after iD's core/history: every edit pushes a new state; only
// annotated states are undo stops, so the many unannotated steps of one drag (or of typing in one
// field) undo as one. Immutable: every operation returns a new history.

export interface Annotation {
  /** What the step did, for the undo/redo buttons' titles (already localised). */
  label: string;
  /** Steps with the same non-empty coalesce key may replace each other (typing in one field). */
  coalesceKey?: string;
}

export interface HistoryEntry<S> {
  state: S;
  /** Undefined for the initial state and for intermediate steps that are not undo stops. */
  annotation?: Annotation;
}

export interface History<S> {
  readonly stack: readonly HistoryEntry<S>[];
  readonly index: number;
}

export function createHistory<S>(initial: S): History<S> {
  return { stack: [{ state: initial }], index: 0 };
}

export function current<S>(history: History<S>): S {
  return history.stack[history.index].state;
}

/** Pushes a new state; anything that could have been redone is dropped. */
export function perform<S>(history: History<S>, state: S, annotation?: Annotation): History<S> {
  const stack = [...history.stack.slice(0, history.index + 1), { state, annotation }];
  return { stack, index: stack.length - 1 };
}

/** Replaces the current state (the next step of a drag); the annotation may be set at the end. */
export function replace<S>(history: History<S>, state: S, annotation?: Annotation): History<S> {
  if (history.index === 0) return perform(history, state, annotation);
  const stack = [...history.stack.slice(0, history.index), { state, annotation }];
  return { stack, index: stack.length - 1 };
}

/**
 * Performs, or replaces the last step when it was the same kind of edit (same coalesce key) and
 * nothing has been undone since: typing "1200" into one field is one undo step, not four.
 */
export function performCoalescing<S>(history: History<S>, state: S, annotation: Annotation): History<S> {
  const top = history.stack[history.index];
  const atEnd = history.index === history.stack.length - 1;
  if (atEnd && annotation.coalesceKey && top.annotation?.coalesceKey === annotation.coalesceKey) {
    return replace(history, state, annotation);
  }
  return perform(history, state, annotation);
}

/** Back to the previous undo stop (or the initial state). */
export function undo<S>(history: History<S>): History<S> {
  let index = history.index;
  while (index > 0) {
    index--;
    if (history.stack[index].annotation) break;
  }
  return index === history.index ? history : { ...history, index };
}

/** Forward to the next undo stop; unannotated steps beyond it are not reachable by redo. */
export function redo<S>(history: History<S>): History<S> {
  for (let index = history.index + 1; index < history.stack.length; index++) {
    if (history.stack[index].annotation) return { ...history, index };
  }
  return history;
}

/** The annotation undo would take back, or null when there is nothing to undo. */
export function undoAnnotation<S>(history: History<S>): Annotation | null {
  for (let index = history.index; index > 0; index--) {
    const annotation = history.stack[index].annotation;
    if (annotation) return annotation;
  }
  return null;
}

export function redoAnnotation<S>(history: History<S>): Annotation | null {
  for (let index = history.index + 1; index < history.stack.length; index++) {
    const annotation = history.stack[index].annotation;
    if (annotation) return annotation;
  }
  return null;
}

export const canUndo = <S>(history: History<S>) => undoAnnotation(history) !== null;
export const canRedo = <S>(history: History<S>) => redoAnnotation(history) !== null;
