import type { DateStyle } from '#domain/dates';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/ja';

const LABELS: Record<DateStyle, MessageKey> = { wareki: 'dateStyleWareki', warekiShort: 'dateStyleWarekiShort', iso: 'dateStyleIso' };

/** The user's choice of 和暦 or ISO for every date on screens, sheets and the attribute table. */
export function DateStyleSelect() {
  const { dateStyle, setDateStyle, t } = useI18n();
  return (
    <select className="date-style" aria-label={t('dateStyle')} title={t('dateStyle')} value={dateStyle} onChange={(e) => setDateStyle(e.target.value as DateStyle)}>
      {(Object.keys(LABELS) as DateStyle[]).map((style) => (
        <option key={style} value={style}>{t(LABELS[style])}</option>
      ))}
    </select>
  );
}
