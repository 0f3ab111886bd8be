// 窓口案内図: for the place the counter is looking at (a click on the map, a search result or a
// selected feature) the answer to show the citizen, and the printed sheet at a chosen scale and
// paper, made on the server as PDF or PNG.
import { useId, useState } from 'react';
import { useLoad } from '../api/useLoad';
import { fetchEnquiry, type Enquiry } from '../api/ledger';
import type { Feature, Layer } from '../api/model';
import { useI18n } from '../i18n';
import { representativePoint } from '../map/representative';
import { parseDate, todayInJapan } from '#domain/dates';
import { ENQUIRY_SCALES, PAPERS, type PaperKey } from '#domain/sheets';
import { formatScale } from '../print/scale';
import { sheetUrl, type EnquirySheetRequest } from '../print/sheetParams';
import { usePrintRasters } from '../rasters/printRasters';
import { paperName } from '../print/SheetParts';
import { DateInput } from './DateInput';
import { EnquiryAnswer } from './EnquiryAnswer';
import type { IdentifyState } from './IdentifyPanel';

export interface EnquiryPlace {
  lon: number;
  lat: number;
  /** The selected feature, highlighted on the sheet. */
  feature: Feature | null;
}

const isStoredFeature = (f: Feature | null): f is Feature => !!f && /^\d+$/.test(f.id) && !!f.layerKey;

/** The place of the sheet: the clicked point, else a point of the selected feature or search result. */
export function placeOf(identify: IdentifyState | null, selected: Feature | null): EnquiryPlace | null {
  const feature = isStoredFeature(selected) ? selected : null;
  if (identify?.lngLat) return { lon: identify.lngLat[0], lat: identify.lngLat[1], feature };
  const at = selected ? representativePoint(selected.geometry) : null;
  return at ? { lon: at[0], lat: at[1], feature } : null;
}

interface Props {
  place: EnquiryPlace | null;
  /** Keys of the layers shown on the map: the sheet draws and lists these. */
  visibleLayers: string[];
  layersByKey: Map<string, Layer>;
}

export function EnquiryPanel({ place, visibleLayers, layersByKey }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [scale, setScale] = useState<number>(1000);
  const [paper, setPaper] = useState<PaperKey>('A4-portrait');
  const [date, setDate] = useState(todayInJapan);
  const layersKey = visibleLayers.join(',');
  const rasters = usePrintRasters();
  const loaded = useLoad(place ? `${place.lon},${place.lat}|${layersKey}` : null, (signal) =>
    fetchEnquiry(place!.lon, place!.lat, layersKey ? layersKey.split(',') : [], signal),
  );
  const answer: { enquiry: Enquiry } | { error: string } | null = loaded.error !== null ? { error: loaded.error } : loaded.data ? { enquiry: loaded.data } : null;

  if (!place) return <p className="muted">{t('enquiryHint')}</p>;

  const request: EnquirySheetRequest = {
    kind: 'enquiry',
    lon: place.lon,
    lat: place.lat,
    scale,
    paper,
    date,
    lang: i18n.lang,
    dates: i18n.dateStyle,
    // The layers shown on the map, none if none (the sheet then has only the basemap).
    layers: visibleLayers,
    featureId: place.feature?.id ?? null,
    // Scanned sheets and photos as seen on screen.
    rasters,
  };
  return (
    <div className="enquiry-panel" data-lon={place.lon.toFixed(6)} data-lat={place.lat.toFixed(6)}>
      <p className="muted">
        {t('enquiryPlaceAt', { lat: place.lat.toFixed(6), lon: place.lon.toFixed(6) })}
      </p>
      <div aria-live="polite" aria-busy={answer === null}>
        {answer === null && <p role="status">{t('loading')}</p>}
        {answer && 'error' in answer && (
          <p className="error" role="alert">
            {t('error', { message: answer.error })}
          </p>
        )}
        {answer && 'enquiry' in answer && <EnquiryAnswer enquiry={answer.enquiry} layersByKey={layersByKey} feature={place.feature} />}
      </div>
      <div className="enquiry-options">
        <label htmlFor={`${id}-scale`}>{t('scaleLabel')}</label>
        <select id={`${id}-scale`} value={scale} onChange={(e) => setScale(Number(e.target.value))}>
          {ENQUIRY_SCALES.map((s) => (
            <option key={s} value={s}>
              {formatScale(s)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-paper`}>{t('sheetPaper')}</label>
        <select id={`${id}-paper`} value={paper} onChange={(e) => setPaper(e.target.value as PaperKey)}>
          {Object.values(PAPERS).map((p) => (
            <option key={p.key} value={p.key}>
              {paperName(p.key, t)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-date`}>{t('sheetDate')}</label>
        {/* In the user's date style: 和暦 is typed as 和暦. The sheet keeps the last date that reads as one. */}
        <DateInput id={`${id}-date`} value={date} required onChange={(text) => { const iso = parseDate(text); if (iso) setDate(iso); }} />
      </div>
      <div className="ledger-actions">
        <a className="button" href={sheetUrl(request, 'pdf')} target="_blank" rel="noopener" aria-label={t('enquirySheetAs', { format: 'PDF' })}>
          PDF
        </a>
        <a className="button" href={sheetUrl(request, 'png')} target="_blank" rel="noopener" aria-label={t('enquirySheetAs', { format: 'PNG' })}>
          PNG
        </a>
      </div>
    </div>
  );
}
