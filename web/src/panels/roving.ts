// Roving tabindex for long lists and toolbars (WAI-ARIA APG): the whole list is one tab stop, the arrow
// keys move between its rows (Home/End to the ends), and Tab goes on past it. The row that last had the
// focus keeps the tab stop.
import { useState, type FocusEvent, type KeyboardEvent } from 'react';

export type RovingOrientation = 'vertical' | 'horizontal';

const KEYS: Record<RovingOrientation, { next: string; previous: string }> = {
  vertical: { next: 'ArrowDown', previous: 'ArrowUp' },
  horizontal: { next: 'ArrowRight', previous: 'ArrowLeft' },
};

/** The row a key moves to from `index` among `count` rows; null when the key does not move. */
export function rovingTarget(key: string, index: number, count: number, orientation: RovingOrientation): number | null {
  if (count === 0) return null;
  const { next, previous } = KEYS[orientation];
  if (key === next) return Math.min(index + 1, count - 1);
  if (key === previous) return Math.max(index - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

const CONTROLS = 'input, button, select, textarea, a[href]';
/** Controls whose own arrow keys mean something (a slider's value, a caret, a choice). */
const OWNS_ARROWS = 'input:not([type="checkbox"]):not([type="radio"]), select, textarea';

/**
 * Rows are the container's `[data-roving-row]` elements. Give each control of row i `tabIndex(i)`, and
 * the container `onKeyDown` and `onFocus`.
 */
export function useRoving(count: number, orientation: RovingOrientation = 'vertical') {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(count - 1, 0));
  const rowsOf = (container: Element) => [...container.querySelectorAll('[data-roving-row]')];
  return {
    tabIndex: (i: number) => (i === current ? 0 : -1),
    onFocus(e: FocusEvent<HTMLElement>) {
      const row = (e.target as Element).closest('[data-roving-row]');
      const i = row ? rowsOf(e.currentTarget).indexOf(row) : -1;
      if (i >= 0 && i !== current) setActive(i);
    },
    onKeyDown(e: KeyboardEvent<HTMLElement>) {
      const target = e.target as Element;
      if (e.altKey || e.ctrlKey || e.metaKey || target.matches(OWNS_ARROWS)) return;
      const rows = rowsOf(e.currentTarget);
      const row = target.closest('[data-roving-row]');
      const from = row ? rows.indexOf(row) : -1;
      const to = from < 0 ? null : rovingTarget(e.key, from, rows.length, orientation);
      if (to === null) return;
      e.preventDefault();
      // The same control of the next row (its checkbox, its table button …), else its first usable one.
      const position = [...row!.querySelectorAll(CONTROLS)].indexOf(target);
      const controls = [...rows[to].querySelectorAll<HTMLElement>(CONTROLS)].filter((c) => !(c as HTMLButtonElement).disabled);
      const same = rows[to].querySelectorAll<HTMLElement>(CONTROLS)[position];
      (same && !(same as HTMLButtonElement).disabled ? same : controls[0])?.focus();
      setActive(to);
    },
  };
}
