import { canRedo, canUndo, createHistory, current, perform, performCoalescing, redo, redoAnnotation, replace, undo, undoAnnotation } from './history';

describe('edit history', () => {
  test('undo and redo step between annotated states', () => {
    let h = createHistory('a');
    h = perform(h, 'b', { label: 'add' });
    h = perform(h, 'c', { label: 'move' });
    expect(current(h)).toBe('c');
    expect(undoAnnotation(h)?.label).toBe('move');
    h = undo(h);
    expect(current(h)).toBe('b');
    h = undo(h);
    expect(current(h)).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = undo(h);
    expect(current(h)).toBe('a');
    h = redo(h);
    expect(current(h)).toBe('b');
    expect(redoAnnotation(h)?.label).toBe('move');
    h = redo(h);
    expect(current(h)).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  test('the unannotated steps of one drag undo as one step', () => {
    let h = createHistory({ x: 0 });
    h = perform(h, { x: 1 }, { label: 'first drag' });
    // A drag: intermediate positions pushed without annotation, annotated at the end.
    h = perform(h, { x: 2 });
    h = perform(h, { x: 3 });
    h = perform(h, { x: 4 }, { label: 'second drag' });
    h = undo(h);
    expect(current(h)).toEqual({ x: 1 });
    h = redo(h);
    expect(current(h)).toEqual({ x: 4 });
  });

  test('replace turns a drag into a single entry', () => {
    let h = createHistory(0);
    h = perform(h, 1);
    h = replace(h, 2);
    h = replace(h, 3, { label: 'drag' });
    expect(h.stack).toHaveLength(2);
    h = undo(h);
    expect(current(h)).toBe(0);
  });

  test('a new edit after undo drops what could have been redone', () => {
    let h = createHistory('a');
    h = perform(h, 'b', { label: '1' });
    h = undo(h);
    h = perform(h, 'c', { label: '2' });
    expect(canRedo(h)).toBe(false);
    expect(h.stack.map((e) => e.state)).toEqual(['a', 'c']);
  });

  test('typing in one field coalesces; another field is a new step', () => {
    let h = createHistory('');
    h = performCoalescing(h, '1', { label: 'size', coalesceKey: 'f1:size' });
    h = performCoalescing(h, '12', { label: 'size', coalesceKey: 'f1:size' });
    h = performCoalescing(h, '120', { label: 'size', coalesceKey: 'f1:size' });
    h = performCoalescing(h, '120x', { label: 'no', coalesceKey: 'f1:no' });
    expect(h.stack).toHaveLength(3);
    h = undo(h);
    expect(current(h)).toBe('120');
    h = undo(h);
    expect(current(h)).toBe('');
    // After an undo, typing again starts a new step instead of rewriting history.
    h = redo(h);
    h = performCoalescing(h, '1200', { label: 'size', coalesceKey: 'f1:size' });
    expect(h.stack.map((e) => e.state)).toEqual(['', '120', '1200']);
  });
});
