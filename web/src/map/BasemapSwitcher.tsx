import { useI18n } from '../i18n';
import { basemapChoices, type BasemapChoice } from './basemapChoice';
import type { AppConfig } from './config';

const LABELS = { builtin: 'basemapBuiltin', blank: 'basemapBlank', city: 'basemapCity' } as const;

/** Picks the basemap under the layers (背景地図). */
export function BasemapSwitcher({ config, choice, onChoose }: { config: AppConfig; choice: BasemapChoice; onChoose: (choice: BasemapChoice) => void }) {
  const { t } = useI18n();
  return (
    <label className="basemap-switcher">
      {t('basemap')}{' '}
      <select value={choice} onChange={(e) => onChoose(e.target.value as BasemapChoice)}>
        {basemapChoices(config).map((c) => (
          <option key={c} value={c}>
            {t(LABELS[c])}
          </option>
        ))}
      </select>
    </label>
  );
}
