// 「シートを追加」: a scan (TIFF/GeoTIFF, PNG, JPEG, PDF) and optionally its world file, with the sheet's
// name, scale and survey date; the upload shows its progress (XHR) and can be cancelled.
import { useEffect, useId, useRef, useState } from 'react';
import { uploadRasterSheet, type RasterSheet } from '../api/rasters';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { DateInput } from '../panels/DateInput';
import { useEscape } from '../panels/useEscape';
import { parseDate } from '../../../server/src/domain/dates';
import { rasterErrorMessage } from './rasterErrors';
import '../panels/editing.css';
import './rasters.css';

interface Props {
  layer: Layer;
  onUploaded: (sheet: RasterSheet, meta: Pick<RasterSheet, 'scaleDenominator' | 'surveyDate'>) => void;
  onClose: () => void;
}

/** The sheet's name from its file name (without the extension). */
const nameOf = (file: File) => file.name.replace(/\.[^.]+$/, '');

export function UploadDialog({ layer, onUploaded, onClose }: Props) {
  const { t, layerName } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [worldFile, setWorldFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [scale, setScale] = useState('500');
  const [surveyDate, setSurveyDate] = useState('');
  const [pdfPage, setPdfPage] = useState('1');
  const [pdfDpi, setPdfDpi] = useState('300');
  const isPdf = !!file && (file.type === 'application/pdf' || /\.pdf$/i.test(file.name));
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEscape(() => (abort.current ? abort.current.abort() : onClose()));
  useEffect(() => () => abort.current?.abort(), []);

  async function submit() {
    if (!file) {
      setProblem(t('uploadChooseFile'));
      return;
    }
    setProblem(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const scaleDenominator = Number(scale) || null;
      const date = surveyDate ? (parseDate(surveyDate) ?? surveyDate) : null;
      const sheet = await uploadRasterSheet(layer.key, file, worldFile, {
        name: name.trim() || nameOf(file),
        scaleDenominator,
        surveyDate: date,
        pdf: isPdf ? { page: Number(pdfPage), dpi: Number(pdfDpi) } : undefined,
        onProgress: setProgress,
        signal: abort.current.signal,
      });
      // Stored with the upload (kept when the sheet is placed at once); the placement view starts with them.
      onUploaded(sheet, { scaleDenominator, surveyDate: date });
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setProblem(rasterErrorMessage(e, t));
      setProgress(null);
    } finally {
      abort.current = null;
    }
  }

  const busy = progress !== null;
  const percent = Math.round((progress ?? 0) * 100);
  return (
    <div className="dialog-backdrop raster-backdrop">
      <form
        className="export-dialog raster-upload"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id={`${id}-title`}>{t('uploadTitle', { layer: layerName(layer) })}</h2>
        <label>
          {t('uploadFile')}
          <input
            type="file"
            accept=".tif,.tiff,.png,.jpg,.jpeg,.pdf,image/tiff,image/png,image/jpeg,application/pdf"
            disabled={busy}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen && !name) setName(nameOf(chosen));
            }}
          />
        </label>
        {isPdf && (
          <fieldset className="raster-pdf">
            <p className="muted">{t('uploadPdfHint')}</p>
            <label>
              {t('uploadPdfPage')}
              <input type="number" min={1} step={1} value={pdfPage} disabled={busy} onChange={(e) => setPdfPage(e.target.value)} />
            </label>
            <label>
              {t('uploadPdfDpi')}
              <input type="number" min={50} max={600} step={50} value={pdfDpi} disabled={busy} onChange={(e) => setPdfDpi(e.target.value)} />
            </label>
          </fieldset>
        )}
        <label>
          {t('uploadWorldFile')}
          <input type="file" accept=".tfw,.jgw,.pgw,.wld,.tifw,.pngw,.jpgw" disabled={busy} onChange={(e) => setWorldFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          {t('uploadName')}
          <input type="text" value={name} maxLength={200} disabled={busy} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('uploadScale')}
          <input type="number" min={1} step={1} value={scale} disabled={busy} onChange={(e) => setScale(e.target.value)} />
        </label>
        <label>
          {t('uploadSurveyDate')}
          <DateInput value={surveyDate} disabled={busy} onChange={setSurveyDate} />
        </label>
        {busy && (
          <div className="raster-progress" role="status">
            <progress max={100} value={percent} aria-label={t('uploadProgress', { percent })} />
            <span>{progress! < 1 ? t('uploadProgress', { percent }) : t('uploadProcessing')}</span>
          </div>
        )}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" disabled={busy}>
            {t('uploadStart')}
          </button>{' '}
          <button type="button" onClick={() => (abort.current ? abort.current.abort() : onClose())}>
            {busy ? t('uploadCancel') : t('close')}
          </button>
        </div>
      </form>
    </div>
  );
}
