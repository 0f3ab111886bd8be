// Which basemap is under the city's layers: the built-in city plan, a blank (white) sheet, the
// basemap of the deployment's configuration (config.json: basemap.styleUrl or basemap.rasterTiles),
// a base map an administrator listed (`basemaps`: a style or raster tiles on the city's network), or
// one of our own raster layers marked as a basemap (an orthophoto, 航空写真).
import { useCallback, useMemo, useState } from 'react';
import type { CityBasemap } from '../api/basemaps';
import type { Layer } from '../api/model';
import { isRasterLayer, rasterTileJsonUrl } from '../api/rasters';
import type { AppConfig } from './config';
import { referenceLayersOf, type ReferenceLayers } from './tileLayers';

export type BasemapChoice = 'builtin' | 'blank' | 'city' | `raster:${string}` | `listed:${string}`;

const STORAGE_KEY = 'chizu.basemap';

export const rasterChoice = (layerKey: string): BasemapChoice => `raster:${layerKey}`;
export const listedChoice = (basemapId: string): BasemapChoice => `listed:${basemapId}`;

/** The raster layer a choice stands for, if any. */
export function rasterOfChoice(choice: BasemapChoice): string | null {
  return choice.startsWith('raster:') ? choice.slice('raster:'.length) : null;
}

/** The listed base map a choice stands for, if any. */
export function listedOfChoice(choice: BasemapChoice, listed: Pick<CityBasemap, 'id'>[]): string | null {
  if (!choice.startsWith('listed:')) return null;
  const id = choice.slice('listed:'.length);
  return listed.some((b) => b.id === id) ? id : null;
}

/** The choices this installation offers: the built-in map first, then the listed base maps, then the orthophoto layers. */
export function basemapChoices(config: AppConfig, basemapLayers: Pick<Layer, 'key'>[] = [], listed: Pick<CityBasemap, 'id'>[] = []): BasemapChoice[] {
  const hasCityBasemap = !!config.basemap.styleUrl || !!config.basemap.rasterTiles?.length;
  const fixed: BasemapChoice[] = hasCityBasemap ? ['builtin', 'blank', 'city'] : ['builtin', 'blank'];
  return [...fixed, ...listed.map((b) => listedChoice(b.id)), ...basemapLayers.map((l) => rasterChoice(l.key))];
}

/** The configuration the map is drawn with for a choice. */
export function withBasemap(config: AppConfig, choice: BasemapChoice, listed: CityBasemap[] = []): AppConfig {
  if (choice === 'city') return config;
  const raster = rasterOfChoice(choice);
  if (raster) return { ...config, basemap: { rasterTileJson: rasterTileJsonUrl(raster), rasterTileSize: 256 } };
  const id = listedOfChoice(choice, listed);
  const basemap = id ? listed.find((b) => b.id === id) : undefined;
  if (basemap?.kind === 'STYLE') return { ...config, basemap: { styleUrl: basemap.url } };
  if (basemap) return { ...config, basemap: { rasterTiles: [basemap.url], rasterTileSize: 256, attribution: basemap.attribution } };
  return { ...config, basemap: choice === 'blank' ? { blank: true } : {} };
}

/**
/**
 * The user's choice, kept in this browser. Without one: the base map an administrator marked as the
 * default, else a configured city basemap, else the built-in map. The configuration waits for the
 * layers the user may read (null until then): the built-in basemap draws the reference layers found
 * among them by role.
 */
export function useBasemapChoice(
  config: AppConfig | null,
  layers: Pick<Layer, 'key' | 'role' | 'kind' | 'basemap'>[] | null,
  listed: CityBasemap[] = [],
): [AppConfig | null, BasemapChoice, (choice: BasemapChoice) => void] {
  const [stored, setStored] = useState<string | null>(() => window.localStorage.getItem(STORAGE_KEY));
  const basemapLayers = useMemo(() => (layers ?? []).filter((l) => isRasterLayer(l) && l.basemap), [layers]);
  const choices = config ? basemapChoices(config, basemapLayers, listed) : [];
  const listedDefault = listed.find((b) => b.isDefault);
  const choice: BasemapChoice = choices.includes(stored as BasemapChoice) ? (stored as BasemapChoice)
    : listedDefault ? listedChoice(listedDefault.id) : choices.includes('city') ? 'city' : 'builtin';
  const choose = useCallback((next: BasemapChoice) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setStored(next);
  }, []);
  // Compared as text: reloaded layers with the same reference layers do not rebuild the map.
  const reference = layers ? JSON.stringify(referenceLayersOf(layers)) : null;
  // A new object only when what is drawn changes: the map is rebuilt for a new configuration.
  const chosen = listed.find((b) => listedChoice(b.id) === choice);
  const chosenKey = chosen ? `${chosen.kind} ${chosen.url} ${chosen.attribution ?? ''}` : '';
  const styled = useMemo(
    () => (config && reference !== null
      ? { ...withBasemap(config, choice, chosen ? [chosen] : []), referenceLayers: JSON.parse(reference) as ReferenceLayers }
      : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `chosen` is compared by what it draws (chosenKey)
    [config, choice, reference, chosenKey],
  );
  return [styled, choice, choose];
}
