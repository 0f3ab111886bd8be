// 境界確定図 of a boundary record: the placed drawings linked to the record, one of them shown on
// the map under the record's points (its raster layer's tiles, limited to the drawing's outline),
// and for editors of a raster layer a control to link another placed drawing or unlink one.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useId, useState } from 'react';
import { fetchRasterSheets, fetchRecordDrawings, linkDrawing, rasterTileJsonUrl, type RasterSheet } from '../api/rasters';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { rasterErrorMessage } from './rasterErrors';
import { RASTER_TILE_SIZE } from '../map/rasterLayers';

interface Props {
  featureId: string;
  map: MapLibreMap | null;
  /** Raster layers the user may read (those with canEdit offer their placed sheets to link). */
  rasterLayers: Layer[];
}

const SOURCE = 'record-drawing';

/** [west, south, east, north] of a drawing's outline. */
function boundsOf(sheet: RasterSheet): [number, number, number, number] | null {
  if (!sheet.outline) return null;
  const ring = sheet.outline.type === 'Polygon' ? sheet.outline.coordinates.flat() : sheet.outline.coordinates.flat(2);
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

function showOnMap(map: MapLibreMap, sheet: RasterSheet): () => void {
  const bounds = boundsOf(sheet);
  if (!bounds) return () => undefined;
  // The layer's tiles, asked only inside the drawing's outline; under the vector layers and the record's point names.
  map.addSource(SOURCE, { type: 'raster', url: rasterTileJsonUrl(sheet.layerKey), tileSize: RASTER_TILE_SIZE, bounds });
  map.addLayer({ id: SOURCE, type: 'raster', source: SOURCE, paint: { 'raster-fade-duration': 0 } }, map.getLayer('slot-raster') ? 'slot-raster' : undefined);
  map.fitBounds(bounds, { padding: 40, maxZoom: 20, duration: 0 });
  return () => {
    if (!map.style) return;
    if (map.getLayer(SOURCE)) map.removeLayer(SOURCE);
    if (map.getSource(SOURCE)) map.removeSource(SOURCE);
  };
}

export function RecordDrawings({ featureId, map, rasterLayers }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [drawings, setDrawings] = useState<RasterSheet[] | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<RasterSheet[]>([]);
  const [choice, setChoice] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const editableKeys = rasterLayers
    .filter((l) => l.canEdit)
    .map((l) => l.key)
    .join(',');

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setDrawings(await fetchRecordDrawings(featureId, signal));
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setProblem(rasterErrorMessage(e, t));
      }
    },
    [featureId, t],
  );

  // Another record starts afresh (adjusted while rendering, not in an effect).
  const [drawingsFor, setDrawingsFor] = useState(featureId);
  if (drawingsFor !== featureId) {
    setDrawingsFor(featureId);
    setDrawings(null);
    setShown(null);
  }
  useEffect(() => {
    const controller = new AbortController();
    fetchRecordDrawings(featureId, controller.signal).then(setDrawings, (e: unknown) => {
      if ((e as Error).name !== 'AbortError') setProblem(rasterErrorMessage(e, t));
    });
    return () => controller.abort();
  }, [featureId, t]);

  // Placed sheets of the raster layers the user edits, not yet linked to this record.
  useEffect(() => {
    if (!editableKeys) return;
    const controller = new AbortController();
    Promise.all(editableKeys.split(',').map((key) => fetchRasterSheets(key, controller.signal).catch(() => [] as RasterSheet[]))).then(
      (lists) => setCandidates(lists.flat().filter((s) => s.status === 'PLACED' && s.boundaryRecordId !== featureId)),
      () => undefined,
    );
    return () => controller.abort();
  }, [editableKeys, featureId, drawings]);

  const shownSheet = drawings?.find((d) => d.id === shown) ?? null;
  useEffect(() => {
    if (!map || !shownSheet) return;
    return showOnMap(map, shownSheet);
  }, [map, shownSheet]);

  async function change(sheet: RasterSheet, to: string | null) {
    setProblem(null);
    try {
      await linkDrawing(sheet.id, to, sheet.version);
      setChoice('');
      if (to) setShown(sheet.id);
      else if (shown === sheet.id) setShown(null);
      await load();
    } catch (e) {
      setProblem(rasterErrorMessage(e, t));
    }
  }

  const canLink = editableKeys.length > 0;
  if (!drawings?.length && !canLink) return null;
  return (
    <section className="record-drawings" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('recordDrawings')}</h4>
      {drawings && drawings.length === 0 && <p className="muted">{t('recordDrawingsNone')}</p>}
      {drawings && drawings.length > 0 && (
        <ul>
          {drawings.map((d) => (
            <li key={d.id} data-drawing-id={d.id}>
              <span>{d.name}</span>{' '}
              <button type="button" aria-pressed={shown === d.id} aria-label={t('recordDrawingShowFor', { name: d.name })} onClick={() => setShown(shown === d.id ? null : d.id)}>
                {shown === d.id ? t('recordDrawingHide') : t('recordDrawingShow')}
              </button>
              {rasterLayers.some((l) => l.key === d.layerKey && l.canEdit) && (
                <>
                  {' '}
                  <button type="button" aria-label={t('recordDrawingUnlinkFor', { name: d.name })} onClick={() => void change(d, null)}>
                    {t('recordDrawingUnlink')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canLink && candidates.length > 0 && (
        <form
          className="record-drawing-link"
          onSubmit={(e) => {
            e.preventDefault();
            const sheet = candidates.find((c) => c.id === choice);
            if (sheet) void change(sheet, featureId);
            else setProblem(t('recordDrawingChoose'));
          }}
        >
          <label>
            {t('recordDrawingLinkLabel')}{' '}
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">—</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit">{t('recordDrawingLink')}</button>
        </form>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
