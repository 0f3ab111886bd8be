// One feature's attributes as a definition list, labelled from the layer's field definitions.
import type { Feature, Layer } from '../api/model';
import { useI18n } from '../i18n';
import { formatMetres, formatSquareMetres, formatValue } from './format';
import { CITY_DAYS_OFF, nextCollections, parseSchedule } from '#domain/collection';
import { todayInJapan } from '#domain/dates';
import type { I18n } from '../i18n';

/** For a 収集曜日 field in the schedule format: its next two collection days, holidays and year-end skipped. */
export function nextCollectionText(label: string, value: unknown, i18n: I18n, today = todayInJapan()): string | null {
  return label.includes('収集曜日') ? nextDatesText(value, i18n, today) : null;
}

/** The next two collection days of a schedule text (holidays and year-end skipped); null when it is not one. */
export function nextDatesText(value: unknown, i18n: I18n, today = todayInJapan()): string | null {
  if (typeof value !== 'string') return null;
  const schedule = parseSchedule(value);
  if (!schedule) return null;
  const dates = nextCollections(schedule, today, 2, CITY_DAYS_OFF);
  return dates.length ? i18n.t('nextCollection', { dates: dates.map(i18n.formatDate).join('、') }) : null;
}

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
      {fields.map((field) => {
        const value = feature.attributes?.[field.key];
        const next = nextCollectionText(field.label, value, i18n);
        return (
          <div key={field.key} className="feature-row">
            <dt>{i18n.fieldLabel(field)}</dt>
            <dd>
              {formatValue(field, value, i18n)}
              {next && <span className="next-collection">（{next}）</span>}
            </dd>
          </div>
        );
      })}
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
