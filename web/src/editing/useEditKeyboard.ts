// While a layer is edited: Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo; Delete removes the
// selected feature. Keys typed into a field are the field's own.
import { useEffect, useEffectEvent } from 'react';

interface Commands {
  undo(): void;
  redo(): void;
  /** Deletes the selected feature; false when nothing is selected (the key is left alone). */
  deleteSelected(): boolean;
}

export function useEditKeyboard(active: boolean, commands: Commands): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing) return; // the field's own undo
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) commands.redo();
      else commands.undo();
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      commands.redo();
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && commands.deleteSelected()) {
      e.preventDefault();
    }
  });
  useEffect(() => {
    if (!active) return;
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active]);
}
