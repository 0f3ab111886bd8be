// Title block and footer shared by the printed sheets.
import type { PrintSettings } from '../api/ledger';
import { useI18n } from '../i18n';
import { planeZoneName } from '#domain/planeZones';
import type { PaperKey } from '#domain/sheets';
import { formatScale } from './scale';

export function SheetHeader({ title, subtitle, date }: { title: string; subtitle: string; date: string }) {
  const { t, formatDate } = useI18n();
  return (
    <header className="sheet-header">
      <h1>
        {title}
        {subtitle && <span className="sheet-subtitle">{subtitle}</span>}
      </h1>
      <p className="sheet-date">
        {t('sheetDate')}: <time dateTime={date}>{formatDate(date)}</time>
      </p>
    </header>
  );
}

const PAPER_KEYS: Record<PaperKey, 'paperA4Portrait' | 'paperA4Landscape' | 'paperA3Portrait' | 'paperA3Landscape'> = {
  'A4-portrait': 'paperA4Portrait',
  'A4-landscape': 'paperA4Landscape',
  'A3-portrait': 'paperA3Portrait',
  'A3-landscape': 'paperA3Landscape',
};

export function paperName(paper: PaperKey, t: ReturnType<typeof useI18n>['t']): string {
  return t(PAPER_KEYS[paper]);
}

/** planeSrid: the zone of coordinates shown on the sheet, named in the footer. */
export function SheetFooter({ settings, scale, paper, planeSrid }: { settings: PrintSettings; scale: number; paper: PaperKey; planeSrid?: number }) {
  const { t } = useI18n();
  return (
    <footer className="sheet-footer">
      <p className="sheet-note">{settings.note}</p>
      <p className="sheet-contact">
        <span>{settings.department}</span>
        <span>
          {t('sheetPhone')} {settings.phone}
        </span>
        <span className="sheet-footer-scale">
          {t('scaleLabel')} {formatScale(scale)} ({paperName(paper, t)})
        </span>
        {planeSrid && <span>{t('planeZone', { zone: planeZoneName(planeSrid) })}</span>}
      </p>
    </footer>
  );
}
