// Placing a sheet (georeferencing), over the left part of the map: the sheet's preview on one side,
// the map on the other. 図郭(四隅): the four frame corners clicked on the image (or the image corners)
// with their X/Y typed. 基準点: image points paired with map clicks or typed X/Y. Residuals and RMS
// are computed live with the server's own math (server/src/domain/georef.ts); the server fits again,
// warps and tiles on 「配置する」.
import type { Feature as GeoJsonFeature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useId, useMemo, useState, type MouseEvent } from 'react';
import { fetchPreview, fetchRasterSheet, placeRasterSheet, type RasterSheet, type RasterTransform } from '../api/rasters';
import { fetchClientSettings } from '../api/ledger';
import { useLoad } from '../api/useLoad';
import { useMapTool } from '../map/mapTool';
import { planeToLonLat, toPlaneRectangular } from '../map/geodesy';
import { useI18n, type I18n } from '../i18n';
import type { MessageKey } from '../i18n/ja';
import { DateInput } from '../panels/DateInput';
import { useEscape } from '../panels/useEscape';
import { parseDate } from '../../../server/src/domain/dates';
import { fit } from '../../../server/src/domain/georef';
import { CORNERS, emptyDraft, imageCorners, liveFit, MIN_POINTS, sheetPixel, toControlPoint, type DraftPoint, type LiveFit } from './placement';
import { rasterErrorMessage } from './rasterErrors';
import './rasters.css';

type Mode = 'CORNERS' | 'CONTROL_POINTS';
type Armed = { target: 'image' | 'map'; index: number } | null;

interface Props {
  sheet: RasterSheet;
  map: MapLibreMap | null;
  onPlaced: (sheet: RasterSheet) => void;
  onClose: () => void;
}

const CORNER_LABELS: Record<(typeof CORNERS)[number], MessageKey> = { TL: 'placeCornerTL', TR: 'placeCornerTR', BR: 'placeCornerBR', BL: 'placeCornerBL' };
const TRANSFORM_LABELS: Record<RasterTransform, MessageKey> = { AFFINE: 'placeAffine', PROJECTIVE: 'placeProjective', POLYNOMIAL2: 'placePolynomial' };
const POINTS_SOURCE = 'placement-points';
/** Height of the image box (rasters.css .placement-image-scroll). */
const PREVIEW_BOX_VH = 45;
const FOOTPRINT_SOURCE = 'placement-footprint';

const fromPlacement = (sheet: RasterSheet, method: Mode): DraftPoint[] | null =>
  sheet.placement?.method === method ? sheet.placement.controlPoints.map((p) => ({ col: p.col, row: p.row, x: String(p.x), y: String(p.y) })) : null;

const formatM = (i18n: I18n, value: number) => i18n.formatNumber(value, 3);

/**
 * Placing a sheet waits for the city's plane zone (PLANE_SRID in clientSettings), in which corners
 * and control points are typed: no coordinate is read or shown in a guessed zone.
 */
export function PlacementView(props: Props) {
  const { t } = useI18n();
  const id = useId();
  const settings = useLoad('clientSettings', () => fetchClientSettings());
  useEscape(props.onClose, !settings.data);
  if (settings.data) return <PlacementForm {...props} planeSrid={settings.data.planeSrid} />;
  return (
    <section className="placement-view" role="dialog" aria-labelledby={`${id}-title`} data-sheet-id={props.sheet.id}>
      <header className="placement-header">
        <h2 id={`${id}-title`}>{t('placeTitle', { name: props.sheet.name })}</h2>
        <button type="button" className="small" onClick={props.onClose}>
          {t('close')}
        </button>
      </header>
      {settings.error !== null ? (
        <p className="error" role="alert">
          {t('error', { message: settings.error })}
        </p>
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </section>
  );
}

function PlacementForm({ sheet, map, onPlaced, onClose, planeSrid }: Props & { planeSrid: number }) {
  const i18n = useI18n();
  const planeIXToLonLat = useCallback((x: number, y: number) => planeToLonLat(x, y, planeSrid), [planeSrid]);
  const toPlaneRectangularIX = useCallback((p: [number, number]) => toPlaneRectangular(p, planeSrid), [planeSrid]);
  const { t } = i18n;
  const id = useId();
  const [preview, setPreview] = useState<{ url: string; scale: number; width: number; height: number } | { error: string } | null>(null);
  const [mode, setMode] = useState<Mode>(sheet.placement?.method === 'CONTROL_POINTS' ? 'CONTROL_POINTS' : 'CORNERS');
  const [cornerTransform, setCornerTransform] = useState<RasterTransform>(sheet.placement?.method === 'CORNERS' ? sheet.placement.transform : 'AFFINE');
  const [pointTransform, setPointTransform] = useState<RasterTransform>(sheet.placement?.method === 'CONTROL_POINTS' ? sheet.placement.transform : 'AFFINE');
  const [corners, setCorners] = useState<DraftPoint[]>(() => fromPlacement(sheet, 'CORNERS') ?? CORNERS.map(emptyDraft));
  const [points, setPoints] = useState<DraftPoint[]>(() => fromPlacement(sheet, 'CONTROL_POINTS') ?? []);
  const [armed, setArmed] = useState<Armed>(null);
  const [zoom, setZoom] = useState(1);
  const [name, setName] = useState(sheet.name);
  const [scale, setScale] = useState(sheet.scaleDenominator ? String(sheet.scaleDenominator) : '');
  const [surveyDate, setSurveyDate] = useState(sheet.surveyDate ?? '');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEscape(() => (armed ? setArmed(null) : !busy && onClose()));

  const drafts = mode === 'CORNERS' ? corners : points;
  const setDrafts = mode === 'CORNERS' ? setCorners : setPoints;
  const transform = mode === 'CORNERS' ? cornerTransform : pointTransform;
  const live: LiveFit = useMemo(() => liveFit(transform, drafts), [transform, drafts]);

  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    fetchPreview(sheet.id).then(
      async (p) => {
        url = p.url;
        const img = new Image();
        img.src = p.url;
        await img.decode();
        if (!cancelled) setPreview({ ...p, width: img.naturalWidth, height: img.naturalHeight });
      },
      (e: unknown) => !cancelled && setPreview({ error: rasterErrorMessage(e, t) }),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sheet.id]);

  const update = (index: number, change: Partial<DraftPoint>) => setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...change } : d)));

  // A map click gives the armed control point its X/Y.
  useMapTool(map, armed?.target === 'map', {
    click: (e) => {
      if (armed?.target !== 'map') return;
      const { x, y } = toPlaneRectangularIX([e.lngLat.lng, e.lngLat.lat]);
      setPoints((list) => list.map((d, i) => (i === armed.index ? { ...d, x: x.toFixed(3), y: y.toFixed(3) } : d)));
      setArmed(null);
    },
  });

  // The typed points and, once there is a fit, the sheet's footprint are drawn on the map.
  useEffect(() => {
    if (!map) return;
    if (!map.getSource(POINTS_SOURCE)) {
      map.addSource(POINTS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource(FOOTPRINT_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'placement-footprint', type: 'line', source: FOOTPRINT_SOURCE, paint: { 'line-color': '#d6336c', 'line-width': 2, 'line-dasharray': [2, 1] } }, 'slot-top');
      map.addLayer({ id: 'placement-points', type: 'circle', source: POINTS_SOURCE, paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': '#d6336c', 'circle-stroke-width': 2 } }, 'slot-top');
    }
    return () => {
      if (!map.style) return;
      for (const layer of ['placement-points', 'placement-footprint']) if (map.getLayer(layer)) map.removeLayer(layer);
      for (const source of [POINTS_SOURCE, FOOTPRINT_SOURCE]) if (map.getSource(source)) map.removeSource(source);
    };
  }, [map]);
  useEffect(() => {
    if (!map) return;
    const features: GeoJsonFeature[] = drafts.flatMap((d, i) => {
      const p = toControlPoint({ ...d, col: d.col ?? 0, row: d.row ?? 0 });
      return p ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: planeIXToLonLat(p.x, p.y) }, properties: { n: i + 1 } }] : [];
    });
    (map.getSource(POINTS_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
    let footprint: GeoJsonFeature[] = [];
    if (live.state === 'fitted') {
      const fitted = fit(transform, drafts.flatMap((d) => toControlPoint(d) ?? []));
      const ring = imageCorners(sheet.widthPx, sheet.heightPx).map(({ col, row }) => planeIXToLonLat(...fitted.forward(col, row)));
      footprint = [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [...ring, ring[0]] }, properties: {} }];
    }
    (map.getSource(FOOTPRINT_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: footprint });
  }, [map, drafts, live, transform, sheet.widthPx, sheet.heightPx, planeIXToLonLat]);

  function onImageClick(e: MouseEvent<HTMLDivElement>) {
    if (armed?.target !== 'image' || !preview || 'error' in preview) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const pixel = sheetPixel(e.clientX - rect.left, e.clientY - rect.top, rect.width, preview.width, preview.scale);
    update(armed.index, pixel);
    // A new control point goes on to its map position; a corner is done.
    setArmed(mode === 'CONTROL_POINTS' && !toControlPoint({ ...drafts[armed.index], ...pixel }) ? { target: 'map', index: armed.index } : null);
  }

  function addPoint() {
    setPoints((list) => [...list, emptyDraft()]);
    setArmed({ target: 'image', index: points.length });
  }

  function removePoint(index: number) {
    setPoints((list) => list.filter((_, i) => i !== index));
    setArmed(null);
  }

  // While the server warps and tiles, its progress is read every second.
  useEffect(() => {
    if (!busy) return;
    const timer = window.setInterval(() => {
      fetchRasterSheet(sheet.id).then(
        (s) => s?.status === 'PLACING' && setProgress(s.progress),
        () => {},
      );
    }, 1000);
    return () => window.clearInterval(timer);
  }, [busy, sheet.id]);

  async function place() {
    const complete = drafts.map(toControlPoint);
    if (complete.some((p) => p === null)) {
      setProblem(t('placeIncomplete'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const placed = await placeRasterSheet({
        id: sheet.id,
        method: mode,
        transform,
        controlPoints: complete.map((p) => p!),
        name: name.trim() || sheet.name,
        scaleDenominator: Number(scale) || null,
        surveyDate: surveyDate ? parseDate(surveyDate) ?? surveyDate : null,
        version: sheet.version,
      });
      onPlaced(placed);
    } catch (e) {
      setProblem(rasterErrorMessage(e, t));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const need = MIN_POINTS[transform];
  const transforms: RasterTransform[] = mode === 'CORNERS' ? ['AFFINE', 'PROJECTIVE'] : ['AFFINE', 'PROJECTIVE', 'POLYNOMIAL2'];
  const ready = live.state === 'fitted' && drafts.every((d) => toControlPoint(d));
  const image = preview && !('error' in preview) ? preview : null;

  return (
    <section className="placement-view" role="dialog" aria-labelledby={`${id}-title`} data-sheet-id={sheet.id}>
      <header className="placement-header">
        <h2 id={`${id}-title`}>{t('placeTitle', { name: sheet.name })}</h2>
        <button type="button" className="small" onClick={onClose} disabled={busy}>
          {t('close')}
        </button>
      </header>
      <div className="placement-modes" role="radiogroup" aria-label={t('placeTransform')}>
        {(['CORNERS', 'CONTROL_POINTS'] as Mode[]).map((m) => (
          <label key={m}>
            <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => (setMode(m), setArmed(null))} />
            {t(m === 'CORNERS' ? 'placeModeCorners' : 'placeModeControlPoints')}
          </label>
        ))}
      </div>

      <div className="placement-image-tools">
        <button type="button" className="small" onClick={() => setZoom((z) => Math.min(16, z * 2))}>
          {t('placeZoomIn')}
        </button>
        <button type="button" className="small" onClick={() => setZoom((z) => Math.max(1, z / 2))} disabled={zoom <= 1}>
          {t('placeZoomOut')}
        </button>
        <button type="button" className="small" onClick={() => setZoom(1)} disabled={zoom === 1}>
          {t('placeFit')}
        </button>
        {armed && (
          <span className="placement-armed" role="status">
            {armed.target === 'image' ? t('placePicking') : t('placePickingMap')}
          </span>
        )}
      </div>
      <div className="placement-image-scroll">
        {preview && 'error' in preview && (
          <p className="error" role="alert">
            {preview.error}
          </p>
        )}
        {!preview && <p role="status">{t('loading')}</p>}
        {image && (
          <div
            className={`placement-image${armed?.target === 'image' ? ' picking' : ''}`}
            // At 全体 (zoom 1) the whole sheet fits the box, in width and in height.
            style={{ width: `min(${zoom * 100}%, ${zoom * PREVIEW_BOX_VH * (image.width / image.height)}vh)` }}
            onClick={onImageClick}
            data-preview-scale={image.scale}
            data-preview-width={image.width}
          >
            <img src={image.url} alt={t('placeImageAlt', { name: sheet.name })} draggable={false} />
            <svg viewBox={`0 0 ${image.width} ${image.height}`} aria-hidden="true">
              {drafts.map((d, i) =>
                d.col === null || d.row === null ? null : (
                  <g key={i} transform={`translate(${d.col * image.scale} ${d.row * image.scale})`}>
                    <circle r={image.width / 120} className="placement-marker" />
                    <text x={image.width / 90} y={-image.width / 90} className="placement-marker-label" fontSize={image.width / 50}>
                      {mode === 'CORNERS' ? t(CORNER_LABELS[CORNERS[i]]) : i + 1}
                    </text>
                  </g>
                ),
              )}
            </svg>
          </div>
        )}
      </div>

      <p className="muted placement-hint">{mode === 'CORNERS' ? t('placeCornersHint') : t('placeControlHint')}</p>
      <div className="placement-row">
        <label>
          {t('placeTransform')}{' '}
          <select value={transform} onChange={(e) => (mode === 'CORNERS' ? setCornerTransform : setPointTransform)(e.target.value as RasterTransform)}>
            {transforms.map((k) => (
              <option key={k} value={k}>
                {t(TRANSFORM_LABELS[k])}
              </option>
            ))}
          </select>
        </label>
        {mode === 'CORNERS' && (
          <button type="button" className="small" onClick={() => setCorners((list) => imageCorners(sheet.widthPx, sheet.heightPx).map((c, i) => ({ ...list[i], ...c })))}>
            {t('placeUseImageCorners')}
          </button>
        )}
      </div>
      <table className="placement-points">
        <thead>
          <tr>
            <th scope="col">{mode === 'CORNERS' ? '' : '#'}</th>
            <th scope="col">{t('placeCol')}</th>
            <th scope="col">{t('placeRow')}</th>
            <th scope="col">{t('placeX')}</th>
            <th scope="col">{t('placeY')}</th>
            <th scope="col">{t('placeResidual')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {drafts.map((d, i) => {
            const label = mode === 'CORNERS' ? t(CORNER_LABELS[CORNERS[i]]) : String(i + 1);
            const residual = live.state === 'fitted' ? live.residualsM[i] : null;
            return (
              <tr key={i} data-point={i} className={armed?.index === i ? 'armed' : undefined}>
                <th scope="row">{label}</th>
                <td>
                  <input type="number" step="any" className="pixel" aria-label={`${label} ${t('placeCol')}`} value={d.col ?? ''} onChange={(e) => update(i, { col: e.target.value === '' ? null : Number(e.target.value) })} />
                </td>
                <td>
                  <input type="number" step="any" className="pixel" aria-label={`${label} ${t('placeRow')}`} value={d.row ?? ''} onChange={(e) => update(i, { row: e.target.value === '' ? null : Number(e.target.value) })} />
                </td>
                <td>
                  <input type="text" inputMode="decimal" className="coordinate" aria-label={`${label} ${t('placeX')}`} value={d.x} onChange={(e) => update(i, { x: e.target.value })} />
                </td>
                <td>
                  <input type="text" inputMode="decimal" className="coordinate" aria-label={`${label} ${t('placeY')}`} value={d.y} onChange={(e) => update(i, { y: e.target.value })} />
                </td>
                <td className="residual">{residual === null ? '–' : formatM(i18n, residual)}</td>
                <td className="point-actions">
                  <button type="button" className="small" onClick={() => setArmed({ target: 'image', index: i })} disabled={!image}>
                    {t('placePick')}
                  </button>
                  {mode === 'CONTROL_POINTS' && (
                    <>
                      <button type="button" className="small" onClick={() => setArmed({ target: 'map', index: i })} disabled={!map}>
                        {t('placePointMap')}
                      </button>
                      <button type="button" className="small" onClick={() => removePoint(i)} aria-label={t('placeRemovePoint', { n: i + 1 })}>
                        ×
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {mode === 'CONTROL_POINTS' && (
        <button type="button" className="small" onClick={addPoint} disabled={!image}>
          {t('placeAddPoint')}
        </button>
      )}
      <p className="placement-rms" role="status" data-rms={live.state === 'fitted' ? live.rmsM : undefined}>
        {live.state === 'fitted' ? t('placeRms', { rms: formatM(i18n, live.rmsM) }) : t('placeRmsNone')}
      </p>
      {live.state === 'waiting' && mode === 'CONTROL_POINTS' && <p className="muted">{t('placeNeedPoints', { min: need, count: live.complete })}</p>}
      {live.state === 'invalid' && (
        <p className="error" role="alert">
          {live.message}
        </p>
      )}

      <div className="placement-row placement-meta">
        <label>
          {t('uploadName')} <input type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('uploadScale')}
          <input type="number" min={1} step={1} value={scale} onChange={(e) => setScale(e.target.value)} />
        </label>
        <label>
          {t('uploadSurveyDate')} <DateInput value={surveyDate} onChange={setSurveyDate} />
        </label>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {busy && (
        <p role="status">
          {t('placing', { percent: progress === null ? '' : ` ${Math.round(progress * 100)}%` })}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={() => void place()} disabled={busy || !ready}>
          {t('placeSubmit')}
        </button>
      </div>
    </section>
  );
}
