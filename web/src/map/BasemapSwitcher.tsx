import type { CityBasemap } from '../api/basemaps';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { basemapChoices, listedOfChoice, rasterOfChoice, type BasemapChoice } from './basemapChoice';
import type { AppConfig } from './config';

const LABELS = { builtin: 'basemapBuiltin', blank: 'basemapBlank', city: 'basemapCity' } as const;

/** Picks the basemap under the layers (背景地図): the built-in ones, those the city listed, orthophoto raster layers by name. */
export function BasemapSwitcher({
  config,
  choice,
  onChoose,
  basemapLayers = [],
  listed = [],
}: {
  config: AppConfig;
  choice: BasemapChoice;
  onChoose: (choice: BasemapChoice) => void;
  basemapLayers?: Layer[];
  listed?: CityBasemap[];
}) {
  const { t, layerName } = useI18n();
  const byKey = new Map(basemapLayers.map((l) => [l.key, l]));
  const label = (c: BasemapChoice) => {
    const raster = rasterOfChoice(c);
    const layer = raster ? byKey.get(raster) : undefined;
    if (layer) return layerName(layer);
    const id = listedOfChoice(c, listed);
    const basemap = id ? listed.find((b) => b.id === id) : undefined;
    return basemap ? layerName(basemap) : t(LABELS[c as keyof typeof LABELS]);
  };
  return (
    <label className="basemap-switcher">
      {t('basemap')}{' '}
      <select value={choice} onChange={(e) => onChoose(e.target.value as BasemapChoice)}>
        {basemapChoices(config, basemapLayers, listed).map((c) => (
          <option key={c} value={c}>{label(c)}</option>
        ))}
      </select>
    </label>
  );
}
