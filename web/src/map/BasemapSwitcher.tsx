import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { basemapChoices, rasterOfChoice, type BasemapChoice } from './basemapChoice';
import type { AppConfig } from './config';

const LABELS = { builtin: 'basemapBuiltin', blank: 'basemapBlank', city: 'basemapCity' } as const;

/** Picks the basemap under the layers (背景地図); orthophoto raster layers are offered by name. */
export function BasemapSwitcher({
  config,
  choice,
  onChoose,
  basemapLayers = [],
}: {
  config: AppConfig;
  choice: BasemapChoice;
  onChoose: (choice: BasemapChoice) => void;
  basemapLayers?: Layer[];
}) {
  const { t, layerName } = useI18n();
  const byKey = new Map(basemapLayers.map((l) => [l.key, l]));
  return (
    <label className="basemap-switcher">
      {t('basemap')}{' '}
      <select value={choice} onChange={(e) => onChoose(e.target.value as BasemapChoice)}>
        {basemapChoices(config, basemapLayers).map((c) => {
          const raster = rasterOfChoice(c);
          const layer = raster ? byKey.get(raster) : undefined;
          return (
            <option key={c} value={c}>
              {layer ? layerName(layer) : t(LABELS[c as keyof typeof LABELS])}
            </option>
          );
        })}
      </select>
    </label>
  );
}
