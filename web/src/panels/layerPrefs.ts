// The user's layer choices (visibility, opacity), remembered in localStorage.
import { useCallback, useState } from 'react';

export interface LayerPrefs {
  visible: Record<string, boolean>;
  opacity: Record<string, number>;
}

const STORAGE_KEY = 'chizu.layerPrefs.v1';

function read(): LayerPrefs {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<LayerPrefs>;
    return { visible: parsed.visible ?? {}, opacity: parsed.opacity ?? {} };
  } catch {
    return { visible: {}, opacity: {} };
  }
}

/** Layers are visible and opaque until the user says otherwise. */
export function isVisible(prefs: LayerPrefs, key: string): boolean {
  return prefs.visible[key] ?? true;
}

export function opacityOf(prefs: LayerPrefs, key: string): number {
  return prefs.opacity[key] ?? 1;
}

export function useLayerPrefs() {
  const [prefs, setPrefs] = useState<LayerPrefs>(read);
  const update = useCallback((change: (prefs: LayerPrefs) => LayerPrefs) => {
    setPrefs((current) => {
      const next = change(current);
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Not remembered; still applies to this page.
      }
      return next;
    });
  }, []);
  const setVisible = useCallback(
    (key: string, visible: boolean) => update((p) => ({ ...p, visible: { ...p.visible, [key]: visible } })),
    [update],
  );
  const setOpacity = useCallback(
    (key: string, opacity: number) => update((p) => ({ ...p, opacity: { ...p.opacity, [key]: opacity } })),
    [update],
  );
  return { prefs, setVisible, setOpacity };
}
