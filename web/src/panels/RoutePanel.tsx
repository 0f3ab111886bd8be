// 路線 view: a road route's particulars and segments, the whole route highlighted on the map,
// and its ledger sheet (PDF printed by the server).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useState } from 'react';
import { useLoad } from '../api/useLoad';
import { fetchRoute } from '../api/ledger';
import type { Feature } from '../api/model';
import { useI18n } from '../i18n';
import { addLedgerOverlays, setRouteHighlight } from '../map/ledgerOverlays';
import { zoomToBounds } from '../map/view';
import { todayInJapan } from '#domain/dates';
import { PAPERS, type PaperKey } from '#domain/sheets';
import { sheetUrl } from '../print/sheetParams';
import { usePrintRasters } from '../rasters/printRasters';
import { paperName } from '../print/SheetParts';
import { RouteFacts, SegmentTable } from './RouteFacts';

interface Props {
  routeNo: string;
  map: MapLibreMap | null;
  selectedId: string | null;
  onSelectSegment: (segment: Feature) => void;
}

export function RoutePanel({ routeNo, map, selectedId, onSelectSegment }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const loaded = useLoad(routeNo, (signal) => fetchRoute(routeNo, signal));
  const route = loaded.data ?? null;
  const state: 'loading' | 'done' | 'missing' | { error: string } = loaded.error !== null ? { error: loaded.error } : loaded.loading ? 'loading' : route ? 'done' : 'missing';
  const [paper, setPaper] = useState<PaperKey>('A4-portrait');
  const rasters = usePrintRasters();

  // The whole route stands out on the map while the panel shows it.
  useEffect(() => {
    if (!map || !route) return;
    addLedgerOverlays(map);
    setRouteHighlight(map, route.geometry);
    return () => {
      if (map.style) setRouteHighlight(map, null);
    };
  }, [map, route]);

  const printUrl = route ? sheetUrl({ kind: 'route', routeNo: route.routeNo, paper, date: todayInJapan(), lang: i18n.lang, dates: i18n.dateStyle, rasters }, 'pdf') : null;

  return (
    <section className="route-panel" aria-labelledby={`${id}-title`} data-route-no={routeNo}>
      <h3 id={`${id}-title`}>{t('routeTitle', { routeNo })}</h3>
      {state === 'loading' && <p role="status">{t('loading')}</p>}
      {state === 'missing' && <p role="alert">{t('routeMissing', { routeNo })}</p>}
      {typeof state === 'object' && (
        <p className="error" role="alert">
          {t('error', { message: state.error })}
        </p>
      )}
      {route && (
        <>
          <RouteFacts route={route} />
          <div className="ledger-actions">
            <button type="button" onClick={() => map && zoomToBounds(map, route.bbox, 18)}>
              {t('zoomToRoute')}
            </button>
          </div>
          <div className="ledger-actions print-actions">
            <label>
              {t('sheetPaper')}{' '}
              <select value={paper} onChange={(e) => setPaper(e.target.value as PaperKey)}>
                {Object.values(PAPERS).map((p) => (
                  <option key={p.key} value={p.key}>
                    {paperName(p.key, t)}
                  </option>
                ))}
              </select>
            </label>
            <a className="button" href={printUrl!} target="_blank" rel="noopener" aria-label={t('printRouteSheetFor', { routeNo: route.routeNo })}>
              {t('printRouteSheet')}
            </a>
            <a
              className="button"
              href={sheetUrl({ kind: 'plan', routeNo: route.routeNo, scale: 500, paper, date: todayInJapan(), lang: i18n.lang, dates: i18n.dateStyle }, 'pdf')}
              target="_blank"
              rel="noopener"
              aria-label={t('printPlanSheetFor', { routeNo: route.routeNo })}
            >
              {t('printPlanSheet')}
            </a>
          </div>
          <h4>{t('segments')}</h4>
          <SegmentTable route={route} onSelect={onSelectSegment} selectedId={selectedId} />
        </>
      )}
    </section>
  );
}
