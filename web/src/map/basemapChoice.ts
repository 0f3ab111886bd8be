// Which basemap is under the city's layers: the built-in city plan, a blank (white) sheet, or the
// basemap the city hosts on its network (config.json: basemap.styleUrl or basemap.rasterTiles).
import { useCallback, useMemo, useState } from 'react';
import type { AppConfig } from './config';

export type BasemapChoice = 'builtin' | 'blank' | 'city';

const STORAGE_KEY = 'chizu.basemap';

/** The choices this installation offers, the built-in map first. */
export function basemapChoices(config: AppConfig): BasemapChoice[] {
  const hasCityBasemap = !!config.basemap.styleUrl || !!config.basemap.rasterTiles?.length;
  return hasCityBasemap ? ['builtin', 'blank', 'city'] : ['builtin', 'blank'];
}

/** The configuration the map is drawn with for a choice. */
export function withBasemap(config: AppConfig, choice: BasemapChoice): AppConfig {
  if (choice === 'city') return config;
  return { ...config, basemap: choice === 'blank' ? { blank: true } : {} };
}

/** The user's choice, kept in this browser; a configured city basemap is the default, as before. */
export function useBasemapChoice(config: AppConfig | null): [AppConfig | null, BasemapChoice, (choice: BasemapChoice) => void] {
  const [stored, setStored] = useState<string | null>(() => window.localStorage.getItem(STORAGE_KEY));
  const choices = config ? basemapChoices(config) : [];
  const choice: BasemapChoice = choices.includes(stored as BasemapChoice) ? (stored as BasemapChoice) : choices.includes('city') ? 'city' : 'builtin';
  const choose = useCallback((next: BasemapChoice) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setStored(next);
  }, []);
  // A new object only when the choice changes: the map is rebuilt for a new configuration.
  const styled = useMemo(() => (config ? withBasemap(config, choice) : null), [config, choice]);
  return [styled, choice, choose];
}
