// Export a layer to a file: format, coordinates, encoding, and the table's filter or the map's extent.
import { useState } from 'react';
import { ApiError } from '../api/client';
import { downloadExport, type ExportFormat } from '../api/exports';
import type { AreaSelectionInput, AttributeFilter, FeatureOrder, Layer } from '../api/model';
import { useClientSettings } from '../api/useClientSettings';
import { planeZoneName } from '#domain/planeZones';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/ja';
import './editing.css';
import { useEscape } from './useEscape';

const FORMATS: [ExportFormat, MessageKey][] = [
  ['gpkg', 'exportFormatGpkg'], ['shp', 'exportFormatShp'], ['csv', 'exportFormatCsv'],
  ['geojson', 'exportFormatGeojson'], ['kml', 'exportFormatKml'], ['sima', 'exportFormatSima'],
];

interface Props {
  layer: Layer;
  /** The attribute table's filter, when opened from the table. */
  where?: AttributeFilter[];
  /** The attribute table's sort, kept in the file. */
  orderBy?: FeatureOrder;
  /** The map's current extent [minLon, minLat, maxLon, maxLat], when known. */
  bbox?: number[];
  /** The bbox is the user's area selection (checked from the start), not merely the current view. */
  bboxChosen?: boolean;
  /** The table's polygon or buffer selection (checked from the start). */
  area?: AreaSelectionInput;
  onClose: () => void;
}

export function ExportDialog({ layer, where, orderBy, bbox, bboxChosen = false, area, onClose }: Props) {
  useEscape(onClose);
  const i18n = useI18n();
  const { t } = i18n;
  const [format, setFormat] = useState<ExportFormat>('gpkg');
  const [plane, setPlane] = useState(false);
  // The city's plane zone (PLANE_SRID); a SIMA file is always in it (the server's default).
  const planeSrid = useClientSettings()?.planeSrid ?? null;
  const [encoding, setEncoding] = useState<'utf8' | 'cp932'>('utf8');
  const [columns, setColumns] = useState<'labels' | 'keys'>('labels');
  // Dates as the user reads them (the preference in the header), unless changed here.
  const [dates, setDates] = useState<'iso' | 'wareki'>(i18n.dateStyle === 'iso' ? 'iso' : 'wareki');
  const [useFilter, setUseFilter] = useState(!!where?.length);
  const [useExtent, setUseExtent] = useState(bboxChosen || !!area);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  // SIMA carries the surveyed points of boundary records.
  const formats = FORMATS.filter(([f]) => f !== 'sima' || layer.role === 'BOUNDARY_RECORDS');
  const lonLatOnly = format === 'geojson' || format === 'kml';
  const planeOnly = format === 'sima';
  const hasEncoding = format === 'csv' || format === 'shp' || format === 'sima';

  async function start() {
    setBusy(true);
    setMessage(null);
    try {
      const filename = await downloadExport(layer.key, {
        format, columns, dates,
        srid: (planeOnly || (plane && !lonLatOnly)) && planeSrid ? planeSrid : undefined,
        encoding: hasEncoding ? encoding : undefined,
        where: useFilter ? where : undefined,
        orderBy,
        bbox: useExtent ? bbox : undefined,
        area: useExtent ? area : undefined,
      });
      setMessage({ error: false, text: t('exportDone', { filename }) });
    } catch (e) {
      setMessage({ error: true, text: t('error', { message: e instanceof ApiError ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  }

  const name = i18n.layerName(layer);
  return (
    <div className="dialog-backdrop export-backdrop">
      <div className="export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title">
        <h2 id="export-title">{t('exportTitle', { name })}</h2>
        <label>
          {t('exportFormat')}
          <select value={format} onChange={(e) => {
            const next = e.target.value as ExportFormat;
            setFormat(next);
            if (next === 'sima') setEncoding('cp932'); // SIMA files are Shift_JIS by custom
          }} name="format">
            {formats.map(([f, label]) => <option key={f} value={f}>{t(label)}</option>)}
          </select>
        </label>
        <fieldset disabled={lonLatOnly || planeOnly}>
          <legend>{t('exportCoordinates')}</legend>
          <label><input type="radio" name="srid" checked={!plane && !planeOnly} onChange={() => setPlane(false)} /> {t('exportGeographic')}</label>
          <label><input type="radio" name="srid" checked={(plane && !lonLatOnly) || planeOnly} disabled={!planeSrid} onChange={() => setPlane(true)} />{' '}
            {t('exportPlane', { zone: planeSrid ? planeZoneName(planeSrid) : '…', srid: planeSrid ?? '…' })}</label>
          {lonLatOnly && <p className="hint" data-testid="export-lonlat-only">{t('exportLonLatOnly', { format: format === 'kml' ? 'KML' : 'GeoJSON' })}</p>}
        </fieldset>
        {hasEncoding && (
          <Choice label={t('exportEncoding')} name="encoding" value={encoding} onChange={setEncoding}
            options={[['utf8', t('exportUtf8')], ['cp932', t('exportCp932')]]} />
        )}
        <Choice label={t('exportColumns')} name="columns" value={columns} onChange={setColumns}
          options={[['labels', t('exportLabels')], ['keys', t('exportKeys')]]} />
        <Choice label={t('exportDates')} name="dates" value={dates} onChange={setDates}
          options={[['iso', t('exportIso')], ['wareki', t('exportWareki')]]} />
        {!!where?.length && (
          <label><input type="checkbox" checked={useFilter} onChange={(e) => setUseFilter(e.target.checked)} name="useFilter" /> {t('exportUseFilter')}</label>
        )}
        {(bbox || area) && (
          <label><input type="checkbox" checked={useExtent} onChange={(e) => setUseExtent(e.target.checked)} name="useExtent" /> {bboxChosen || area ? t('exportUseArea') : t('exportUseExtent')}</label>
        )}
        {message && <p className={message.error ? 'error' : undefined} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
        <div className="dialog-buttons">
          <button type="button" onClick={() => void start()} disabled={busy}>{busy ? t('exporting') : t('exportStart')}</button>
          <button type="button" onClick={onClose}>{t('exportCancel')}</button>
        </div>
      </div>
    </div>
  );
}

function Choice<T extends string>({ label, name, value, options, onChange }: {
  label: string; name: string; value: T; options: [T, string][]; onChange: (value: T) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T)} name={name}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}
