// A choice of one layer by its name in the UI language, with a first option that stands for
// "none" (all layers, a new layer, no layer). The caller wraps it in its own label.
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';

interface Props {
  layers: Pick<Layer, 'key' | 'nameJa' | 'nameEn'>[];
  /** A layer key, or '' for the first option. */
  value: string;
  /** What the first option ('') says. */
  noneLabel: string;
  onChange: (key: string) => void;
  disabled?: boolean;
}

export function LayerSelect({ layers, value, noneLabel, onChange, disabled }: Props) {
  const i18n = useI18n();
  return (
    <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">{noneLabel}</option>
      {layers.map((l) => (
        <option key={l.key} value={l.key}>
          {i18n.layerName(l)}
        </option>
      ))}
    </select>
  );
}
