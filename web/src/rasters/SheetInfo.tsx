// The sheet index (図郭割): what a click on a placed sheet's outline shows — name, scale, survey date,
// and the original scan to download.
import { originalUrl, type RasterSheet } from '../api/rasters';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { useEscape } from '../panels/useEscape';
import './rasters.css';

export function SheetInfo({ sheets, layersByKey, onClose }: { sheets: RasterSheet[]; layersByKey: Map<string, Layer>; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  useEscape(onClose);
  return (
    <aside className="sheet-info" aria-label={t('sheetInfoTitle', { name: sheets.map((s) => s.name).join('・') })}>
      <button type="button" className="small sheet-info-close" onClick={onClose} aria-label={t('close')}>
        ×
      </button>
      {sheets.map((sheet) => {
        const layer = layersByKey.get(sheet.layerKey);
        return (
          <section key={sheet.id} className="sheet-info-item" data-sheet-id={sheet.id}>
            <h3>{t('sheetInfoTitle', { name: sheet.name })}</h3>
            {layer && <p className="muted">{i18n.layerName(layer)}</p>}
            <dl>
              <dt>{t('sheetInfoScale')}</dt>
              <dd>{sheet.scaleDenominator ? `1/${i18n.formatNumber(sheet.scaleDenominator, 0)}` : '–'}</dd>
              <dt>{t('sheetInfoSurveyDate')}</dt>
              <dd>{sheet.surveyDate ? i18n.formatDate(sheet.surveyDate) : '–'}</dd>
              <dt>{t('sheetInfoSize')}</dt>
              <dd>
                {i18n.formatNumber(sheet.widthPx, 0)} × {i18n.formatNumber(sheet.heightPx, 0)} px
              </dd>
              {sheet.placement?.rmsM != null && (
                <>
                  <dt>{t('sheetInfoRms')}</dt>
                  <dd>{i18n.formatNumber(sheet.placement.rmsM, 3)} m</dd>
                </>
              )}
            </dl>
            {sheet.warning && <p className="raster-sheet-problem">{t('placeWarning', { message: sheet.warning })}</p>}
            <a className="button" href={originalUrl(sheet)} download>
              {t('sheetInfoDownload')}
            </a>
          </section>
        );
      })}
    </aside>
  );
}
