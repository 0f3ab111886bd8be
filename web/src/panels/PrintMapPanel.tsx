// Print what I see: a frame on the map shows the paper at the chosen scale (it follows the map centre
// until dragged by its label, PrintFrame.tsx), the visible layers go on the sheet, with a title, a note and the user's redline (朱書き:
// marks, arrows, lines and words that are never saved to a layer).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n';
import { useMapTool } from '../map/mapTool';
import { setRedline, type RedlineItem, type RedlineKind } from '../map/redline';
import { usePrintRasters } from '../rasters/printRasters';
import { REDLINE_LIMITS } from '#domain/redline';
import { todayInJapan } from '#domain/dates';
import { MAP_SHEET_SCALES, mapSheetFrame, PAPERS, type PaperKey } from '#domain/sheets';
import { CSS_PX_PER_MM, formatScale, zoomForScale } from '../print/scale';
import { sheetUrl, type MapSheetRequest } from '../print/sheetParams';
import { paperName } from '../print/SheetParts';
import { PrintFrame } from '../print/PrintFrame';
import { useRoving } from './roving';

interface Props {
  map: MapLibreMap | null;
  visibleLayers: string[];
  /** A redline tool has the map's clicks (identify must not take them). */
  onDrawingChange: (drawing: boolean) => void;
}

/** The redline stays while the tab is open (a clerk may print several sheets of one enquiry). */
const STORAGE_KEY = 'chizu.redline';

function storedRedline(): RedlineItem[] {
  try {
    const raw = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(raw) ? raw : [];
  } catch {
    return [];
  }
}

const REDLINE_TOOLS = [
  { kind: 'mark', label: 'redlineMark' },
  { kind: 'arrow', label: 'redlineArrow' },
  { kind: 'line', label: 'redlineLine' },
  { kind: 'text', label: 'redlineText' },
] as const satisfies readonly { kind: RedlineKind; label: string }[];

export function PrintMapPanel({ map, visibleLayers, onDrawingChange }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [open, setOpen] = useState(false);
  const toolbar = useRoving(REDLINE_TOOLS.length, 'horizontal');
  const [paper, setPaper] = useState<PaperKey>('A4-landscape');
  const [scale, setScale] = useState<number>(2500);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [tool, setTool] = useState<RedlineKind | null>(null);
  const [words, setWords] = useState('');
  const [items, setItems] = useState<RedlineItem[]>(storedRedline);
  /** Positions of the arrow or line being drawn. */
  const [sketch, setSketch] = useState<[number, number][]>([]);
  const [centre, setCentre] = useState<[number, number] | null>(null);
  const [zoom, setZoom] = useState(0);
  /** Where the frame was dragged to; null while it follows the map centre. */
  const [placedAt, setPlacedAt] = useState<[number, number] | null>(null);
  const sheetCentre = placedAt ?? centre;
  const rasters = usePrintRasters();

  useEffect(() => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(items)), [items]);
  useEffect(() => onDrawingChange(tool !== null), [tool, onDrawingChange]);
  // Another tool starts a new sketch.
  const [sketchTool, setSketchTool] = useState(tool);
  if (sketchTool !== tool) {
    setSketchTool(tool);
    setSketch([]);
  }

  // The frame follows the map: its centre is the sheet's centre.
  useEffect(() => {
    if (!map || !open) return;
    const update = () => {
      const c = map.getCenter();
      setCentre([c.lng, c.lat]);
      setZoom(map.getZoom());
    };
    update();
    map.on('move', update);
    return () => {
      map.off('move', update);
    };
  }, [map, open]);

  // Redline on the screen map, with the arrow or line being drawn.
  useEffect(() => {
    if (!map) return;
    const draw = () => {
      const inProgress: RedlineItem[] = sketch.length >= 2 ? [{ kind: tool === 'arrow' ? 'arrow' : 'line', coordinates: sketch }] : [];
      const marks: RedlineItem[] = sketch.length === 1 ? [{ kind: 'mark', coordinates: sketch }] : [];
      setRedline(map, [...items, ...inProgress, ...marks]);
    };
    if (map.isStyleLoaded()) return draw();
    // A style still loading tiles or a source's new data is not "loaded", and 'load' came once, long ago: the
    // mark would never show. Draw when the map settles, unless a newer drawing comes first.
    void map.once('idle', draw);
    return () => void map.off('idle', draw);
  }, [map, items, sketch, tool]);

  // While a tool is chosen, clicks draw; a double-click ends a line.
  useMapTool(map, tool !== null, {
    click: (e) => {
      const at: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      if (tool === 'mark' || tool === 'text') {
        if (tool === 'text' && !words.trim()) return;
        setItems((list) => [...list, { kind: tool, coordinates: [at], ...(words.trim() ? { text: words.trim().slice(0, REDLINE_LIMITS.textLength) } : {}) }]);
      } else if (tool === 'arrow') {
        setSketch((s) => {
          if (s.length === 0) return [at];
          setItems((list) => [...list, { kind: 'arrow', coordinates: [s[0], at] }]);
          return [];
        });
      } else if (tool === 'line') {
        setSketch((s) => (s.length < REDLINE_LIMITS.lineVertices ? [...s, at] : s));
      }
    },
    dblclick: (e) => {
      if (tool !== 'line') return;
      e.preventDefault();
      setSketch((s) => {
        // The double-click's own two clicks added the last point twice.
        const points = s.filter((p, i) => i === 0 || p[0] !== s[i - 1][0] || p[1] !== s[i - 1][1]);
        if (points.length >= 2) setItems((list) => [...list, { kind: 'line', coordinates: points }]);
        return [];
      });
    },
  }, { disable: ['doubleClickZoom'] });

  const full = items.length >= REDLINE_LIMITS.items;
  const request: MapSheetRequest | null = sheetCentre && {
    kind: 'map', paper, scale, title: title.trim(), note: note.trim(), redline: items,
    date: todayInJapan(), lang: i18n.lang, dates: i18n.dateStyle, lon: sheetCentre[0], lat: sheetCentre[1], layers: visibleLayers,
    ...(rasters.length ? { rasters } : {}),
  };
  // The frame on screen: the paper's map frame at the sheet's scale, drawn at the map's zoom.
  const frameMm = mapSheetFrame(PAPERS[paper]);
  const factor = sheetCentre ? 2 ** (zoom - zoomForScale(scale, sheetCentre[1])) : 0;
  const frame = { width: frameMm.width * CSS_PX_PER_MM * factor, height: frameMm.height * CSS_PX_PER_MM * factor };

  const tools = REDLINE_TOOLS.map(({ kind, label }) => ({ kind, label: t(label) }));

  return (
    <details className="print-map-panel" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('printMapSection')}</summary>
      <div className="field">
        <label htmlFor={`${id}-paper`}>{t('sheetPaper')}</label>
        <select id={`${id}-paper`} value={paper} onChange={(e) => setPaper(e.target.value as PaperKey)}>
          {(Object.keys(PAPERS) as PaperKey[]).map((k) => (
            <option key={k} value={k}>
              {paperName(k, t)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-scale`}>{t('scaleLabel')}</label>
        <select id={`${id}-scale`} value={scale} onChange={(e) => setScale(Number(e.target.value))}>
          {MAP_SHEET_SCALES.map((s) => (
            <option key={s} value={s}>
              {formatScale(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('printMapTitle')}</label>
        <input id={`${id}-title`} value={title} maxLength={60} onChange={(e) => setTitle(e.target.value)} placeholder={t('mapSheetTitle')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('printMapNote')}</label>
        <textarea id={`${id}-note`} value={note} maxLength={200} rows={2} onChange={(e) => setNote(e.target.value)} />
      </div>
      <fieldset className="redline-tools">
        <legend>{t('redline')}</legend>
        {/* One tab stop; the arrow keys choose among the tools. */}
        <div className="button-row" role="toolbar" aria-label={t('redline')} onKeyDown={toolbar.onKeyDown} onFocus={toolbar.onFocus}>
          {tools.map(({ kind, label }, i) => (
            <button key={kind} type="button" data-roving-row aria-pressed={tool === kind} disabled={full && tool !== kind} tabIndex={toolbar.tabIndex(i)}
              onClick={() => setTool(tool === kind ? null : kind)}>
              {label}
            </button>
          ))}
        </div>
        {(tool === 'text' || tool === 'mark') && (
          <div className="field">
            <label htmlFor={`${id}-words`}>{tool === 'text' ? t('redlineWords') : t('redlineCaption')}</label>
            <input id={`${id}-words`} value={words} maxLength={REDLINE_LIMITS.textLength} onChange={(e) => setWords(e.target.value)} />
          </div>
        )}
        {tool && <p className="muted" role="status">{t(`redlineHint_${tool}`)}</p>}
        {full && <p className="muted">{t('redlineFull', { max: REDLINE_LIMITS.items })}</p>}
        <p className="muted" data-redline-count={items.length}>
          {t('redlineCount', { count: items.length })}
        </p>
        <div className="button-row">
          <button type="button" disabled={!items.length} onClick={() => setItems((list) => list.slice(0, -1))}>
            {t('redlineUndo')}
          </button>
          <button type="button" disabled={!items.length} onClick={() => setItems([])}>
            {t('redlineClear')}
          </button>
        </div>
      </fieldset>
      {request && (
        <div className="button-row">
          <a className="button" href={sheetUrl(request, 'pdf')} target="_blank" rel="noopener" aria-label={t('printMapAs', { format: 'PDF' })}>
            PDF
          </a>
          <a className="button" href={sheetUrl(request, 'png')} target="_blank" rel="noopener" aria-label={t('printMapAs', { format: 'PNG' })}>
            PNG
          </a>
        </div>
      )}
      {placedAt && (
        <button type="button" className="small" onClick={() => setPlacedAt(null)}>
          {t('printFrameRecentre')}
        </button>
      )}
      {map && open && sheetCentre && (
        <PrintFrame
          map={map}
          centre={sheetCentre}
          placed={placedAt !== null}
          width={frame.width}
          height={frame.height}
          label={`${paperName(paper, t)} ${formatScale(scale)}`}
          paper={paper}
          scale={scale}
          onMove={setPlacedAt}
        />
      )}
    </details>
  );
}
