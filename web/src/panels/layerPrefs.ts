// The user's layer choices (visibility, opacity, the order of raster layers), remembered in localStorage.
import { useCallback, useState } from 'react';

export interface LayerPrefs {
  visible: Record<string, boolean>;
  opacity: Record<string, number>;
  /** Raster layer keys, the top one first (raster layers not listed follow in the server's order). */
  rasterOrder?: string[];
}

const STORAGE_KEY = 'chizu.layerPrefs.v1';

function read(): LayerPrefs {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<LayerPrefs>;
    return { visible: parsed.visible ?? {}, opacity: parsed.opacity ?? {}, rasterOrder: parsed.rasterOrder ?? [] };
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

/** The keys in the user's order, top first; keys the user never moved keep their order after them. */
export function orderedKeys(prefs: LayerPrefs, keys: string[]): string[] {
  const order = (prefs.rasterOrder ?? []).filter((k) => keys.includes(k));
  return [...order, ...keys.filter((k) => !order.includes(k))];
}

/** The order after moving `key` up (-1, towards the top) or down (+1). */
export function moveKey(keys: string[], key: string, delta: -1 | 1): string[] {
  const i = keys.indexOf(key);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= keys.length) return keys;
  const next = [...keys];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
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
  const setRasterOrder = useCallback((order: string[]) => update((p) => ({ ...p, rasterOrder: order })), [update]);
  return { prefs, setVisible, setOpacity, setRasterOrder };
}
