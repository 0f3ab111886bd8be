// Escape closes the most recently opened panel or dialog, one per press.
import { useEffectEvent, useLayoutEffect } from 'react';

const stack: { current: () => void }[] = [];

/** The handler for one Escape press; exported for tests. Returns whether something was closed. */
export function handleEscape(event: Pick<KeyboardEvent, 'key' | 'defaultPrevented' | 'preventDefault'>): boolean {
  // A control that used Escape itself (the search list, a drawing tool) has had its say.
  if (event.key !== 'Escape' || event.defaultPrevented || stack.length === 0) return false;
  event.preventDefault();
  stack[stack.length - 1].current();
  return true;
}

if (typeof document !== 'undefined') document.addEventListener('keydown', handleEscape);

/** Registers onClose for Escape while the component is open; the newest one closes first. */
export function useEscape(onClose: () => void, active = true): void {
  const close = useEffectEvent(() => onClose());
  // A layout effect registers before the panel is painted, so an Escape pressed as soon as it shows closes it.
  useLayoutEffect(() => {
    if (!active) return;
    const entry = { current: () => close() };
    stack.push(entry);
    return () => {
      stack.splice(stack.indexOf(entry), 1);
    };
  }, [active]);
}
