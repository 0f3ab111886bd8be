// Measure distance and area on the map: geodesic on GRS80, in metres and m².
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { geodesicArea, geodesicLength, type LonLat } from '../map/geodesy';
import { setMeasureSketch } from '../map/overlays';
import { useMapTool } from '../map/mapTool';
import { measureLabels } from '../map/measureLabels';
import { useClientSettings } from '../api/useClientSettings';
import { formatMetres, formatSquareMetres } from './format';

export type MeasureMode = 'distance' | 'area';

interface Props {
  map: MapLibreMap | null;
  mode: MeasureMode | null;
  onModeChange: (mode: MeasureMode | null) => void;
}

export function MeasureTool({ map, mode, onModeChange }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [{ points, finished }, setSketch] = useState<Sketch>(EMPTY);
  const [hover, setHover] = useState<LonLat | null>(null);
  const planeSrid = useClientSettings()?.planeSrid ?? null;

  // While measuring, clicks add points and a double-click finishes instead of zooming.
  useMapTool(map, !!mode, {
    click: (e) => setSketch((s) => addPoint(s, [e.lngLat.lng, e.lngLat.lat])),
    dblclick: (e) => {
      e.preventDefault();
      setSketch(finish);
    },
    mousemove: (e) => setHover([e.lngLat.lng, e.lngLat.lat]),
  }, { disable: ['doubleClickZoom'] });

  // Another mode starts a new sketch.
  const [sketchMode, setSketchMode] = useState(mode);
  if (sketchMode !== mode) {
    setSketchMode(mode);
    setSketch(EMPTY);
  }

  const sketch = useMemo(() => (!finished && hover && points.length ? [...points, hover] : points), [finished, hover, points]);
  // Each side's length and the area on the map, in the city's plane zone (once the zone is known).
  const labels = useMemo(
    () =>
      mode && planeSrid
        ? measureLabels(sketch, mode === 'area', planeSrid).map(({ at, kind, value }) => ({
            at,
            kind,
            text: kind === 'area' ? formatSquareMetres(value, i18n) : formatMetres(value, i18n),
          }))
        : [],
    [mode, planeSrid, sketch, i18n],
  );
  useEffect(() => {
    if (map) setMeasureSketch(map, mode ? sketch : [], mode === 'area', labels);
  }, [map, mode, sketch, labels]);

  const length = geodesicLength(sketch);
  const { area, perimeter } = geodesicArea(sketch);

  return (
    <div className="measure-tool">
      <div className="button-row" role="group" aria-label={t('measure')}>
        <button type="button" aria-pressed={mode === 'distance'} onClick={() => onModeChange(mode === 'distance' ? null : 'distance')}>
          {t('measureDistanceButton')}
        </button>
        <button type="button" aria-pressed={mode === 'area'} onClick={() => onModeChange(mode === 'area' ? null : 'area')}>
          {t('measureAreaButton')}
        </button>
      </div>
      {mode && (
        <>
          <p className="muted">{mode === 'distance' ? t('measureHintDistance') : t('measureHintArea')}</p>
          <output className="measure-result" aria-live="polite" data-testid="measure-result">
            {mode === 'distance' ? (
              <>
                {t('measureTotal')}: <strong data-metres={length.toFixed(3)}>{formatMetres(length, i18n)}</strong>
              </>
            ) : (
              <>
                {t('measureResultArea')}: <strong data-square-metres={area.toFixed(3)}>{formatSquareMetres(area, i18n)}</strong>
                <br />
                {t('measurePerimeter')}: {formatMetres(perimeter, i18n)}
              </>
            )}
          </output>
          {labels.length > 0 && (
            // What the map labels say, for reading out and copying.
            <ol className="measure-labels" aria-label={t('measureLabels')} data-testid="measure-labels">
              {labels.map((label, i) => (
                <li key={i} data-kind={label.kind}>
                  {label.text}
                </li>
              ))}
            </ol>
          )}
          <div className="button-row">
            {/* Keyboard users add points at the map centre (move the map with the arrow keys). */}
            <button type="button" className="small" onClick={() => map && setSketch((s) => addPoint(s, map.getCenter().toArray() as LonLat))}>
              {t('measureAddCentre')}
            </button>
            <button type="button" className="small" onClick={() => setSketch(finish)} disabled={finished || points.length < 2}>
              {t('measureFinish')}
            </button>
            <button type="button" className="small" onClick={() => setSketch(EMPTY)}>
              {t('measureClear')}
            </button>
            <button type="button" className="small" onClick={() => onModeChange(null)}>
              {t('measureStop')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

interface Sketch {
  points: LonLat[];
  /** A finished sketch stays on the map; the next click starts a new one. */
  finished: boolean;
}

const EMPTY: Sketch = { points: [], finished: false };

function addPoint(sketch: Sketch, p: LonLat): Sketch {
  if (sketch.finished) return { points: [p], finished: false };
  // The clicks of a double-click land on the same spot: one point, not three.
  const last = sketch.points[sketch.points.length - 1];
  if (last && last[0] === p[0] && last[1] === p[1]) return sketch;
  return { points: [...sketch.points, p], finished: false };
}

function finish(sketch: Sketch): Sketch {
  return { ...sketch, finished: true };
}
