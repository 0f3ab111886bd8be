// One feature's attributes as a definition list, labelled from the layer's field definitions.
import type { Feature, Layer } from '../api/types';
import { useI18n } from '../i18n';
import { formatMetres, formatSquareMetres, formatValue } from './format';

export function FeatureDetails({ feature, layer }: { feature: Feature; layer: Layer | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const fields = layer?.fields ?? [];
  const known = new Set(fields.map((f) => f.key));
  // Attributes the layer definition does not describe are still shown, under their key.
  const extra = Object.keys(feature.attributes ?? {}).filter((k) => !known.has(k));
  // A layer that stores its length or area as a computed field (道路区間の延長) already shows it.
  const computed = new Set(fields.map((f) => String(f.computed).toLowerCase()));
  return (
    <dl className="feature-details">
      {fields.map((field) => (
        <div key={field.key} className="feature-row">
          <dt>{i18n.fieldLabel(field)}</dt>
          <dd>{formatValue(field, feature.attributes?.[field.key], i18n)}</dd>
        </div>
      ))}
      {extra.map((key) => (
        <div key={key} className="feature-row">
          <dt>{key}</dt>
          <dd>{String(feature.attributes[key] ?? '—')}</dd>
        </div>
      ))}
      {feature.lengthM != null && !computed.has('length') && (
        <div className="feature-row">
          <dt>{t('length')}</dt>
          <dd>{formatMetres(feature.lengthM, i18n)}</dd>
        </div>
      )}
      {feature.areaM2 != null && !computed.has('area') && (
        <div className="feature-row">
          <dt>{t('area')}</dt>
          <dd>{formatSquareMetres(feature.areaM2, i18n)}</dd>
        </div>
      )}
      <div className="feature-row feature-meta">
        <dt>{t('featureId')}</dt>
        <dd>{feature.id}</dd>
      </div>
    </dl>
  );
}
