// Which basemap is under the city's layers: the built-in city plan, a blank (white) sheet, the
// basemap the city hosts on its network (config.json: basemap.styleUrl or basemap.rasterTiles), or
// one of our own raster layers marked as a basemap (an orthophoto, 航空写真).
import { useCallback, useMemo, useState } from 'react';
import type { Layer } from '../api/model';
import { isRasterLayer, rasterTileJsonUrl } from '../api/rasters';
import type { AppConfig } from './config';
import { referenceLayersOf, type ReferenceLayers } from './tileLayers';

export type BasemapChoice = 'builtin' | 'blank' | 'city' | `raster:${string}`;

const STORAGE_KEY = 'chizu.basemap';

export const rasterChoice = (layerKey: string): BasemapChoice => `raster:${layerKey}`;

/** The raster layer a choice stands for, if any. */
export function rasterOfChoice(choice: BasemapChoice): string | null {
  return choice.startsWith('raster:') ? choice.slice('raster:'.length) : null;
}

/** The choices this installation offers, the built-in map first, then the orthophoto layers. */
export function basemapChoices(config: AppConfig, basemapLayers: Pick<Layer, 'key'>[] = []): BasemapChoice[] {
  const hasCityBasemap = !!config.basemap.styleUrl || !!config.basemap.rasterTiles?.length;
  const fixed: BasemapChoice[] = hasCityBasemap ? ['builtin', 'blank', 'city'] : ['builtin', 'blank'];
  return [...fixed, ...basemapLayers.map((l) => rasterChoice(l.key))];
}

/** The configuration the map is drawn with for a choice. */
export function withBasemap(config: AppConfig, choice: BasemapChoice): AppConfig {
  if (choice === 'city') return config;
  const raster = rasterOfChoice(choice);
  if (raster) return { ...config, basemap: { rasterTileJson: rasterTileJsonUrl(raster), rasterTileSize: 256 } };
  return { ...config, basemap: choice === 'blank' ? { blank: true } : {} };
}

/**
 * The user's choice, kept in this browser; a configured city basemap is the default, as before. The
 * configuration waits for the layers the user may read (null until then): the built-in basemap draws
 * the reference layers found among them by role.
 */
export function useBasemapChoice(
  config: AppConfig | null,
  layers: Pick<Layer, 'key' | 'role' | 'kind' | 'basemap'>[] | null,
): [AppConfig | null, BasemapChoice, (choice: BasemapChoice) => void] {
  const [stored, setStored] = useState<string | null>(() => window.localStorage.getItem(STORAGE_KEY));
  const basemapLayers = useMemo(() => (layers ?? []).filter((l) => isRasterLayer(l) && l.basemap), [layers]);
  const choices = config ? basemapChoices(config, basemapLayers) : [];
  const choice: BasemapChoice = choices.includes(stored as BasemapChoice) ? (stored as BasemapChoice) : choices.includes('city') ? 'city' : 'builtin';
  const choose = useCallback((next: BasemapChoice) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setStored(next);
  }, []);
  // Compared as text: reloaded layers with the same reference layers do not rebuild the map.
  const reference = layers ? JSON.stringify(referenceLayersOf(layers)) : null;
  // A new object only when the choice changes: the map is rebuilt for a new configuration.
  const styled = useMemo(
    () => (config && reference !== null ? { ...withBasemap(config, choice), referenceLayers: JSON.parse(reference) as ReferenceLayers } : null),
    [config, choice, reference],
  );
  return [styled, choice, choose];
}
