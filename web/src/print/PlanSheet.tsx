// 道路台帳平面図: a route at 1/500 (or 1/1,000) over as many pages as its length needs — an index
// page (the whole route with the numbered page frames, its particulars and the ledger table),
// then one page per frame with the road, segment numbers and widths, and the neighbouring frames
// drawn dashed as match lines. Maps are drawn one page after another so that only one WebGL map
// lives at a time.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { mapSheetFrame, PAPERS, ROUTE_SCALES, type Paper } from '#domain/sheets';
import { fetchRoute, type PrintSettings, type Route } from '../api/ledger';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import type { AppConfig } from '../map/config';
import type { LonLat } from '../map/geodesy';
import { representativePoint } from '../map/representative';
import { widthRange } from '../panels/ledgerFormat';
import { RouteFacts, SegmentTable } from '../panels/RouteFacts';
import { planPages, type PlanPage } from './planPages';
import { boxOnGround } from './RouteSheet';
import { fittingScale, zoomForScale } from './scale';
import { SheetFooter, SheetHeader } from './SheetParts';
import { SheetMap } from './SheetMap';
import type { PlanSheetRequest } from './sheetParams';

interface Props {
  request: PlanSheetRequest;
  layers: Layer[];
  config: AppConfig;
  settings: PrintSettings;
  onDrawn: () => void;
  onError: (message: string) => void;
}

/** More pages would not print within the print time limit; 1/1,000 halves them. */
const MAX_PAGES = 20;
/** Room kept between the road and the frame edge, on paper. */
const MARGIN_MM = 12;

function routeParts(geometry: unknown): LonLat[][] {
  const g = geometry as { type: string; coordinates: unknown } | null;
  if (g?.type === 'LineString') return [g.coordinates as LonLat[]];
  if (g?.type === 'MultiLineString') return g.coordinates as LonLat[][];
  return [];
}

export function PlanSheet({ request, layers, config, settings, onDrawn, onError }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const paper = PAPERS[request.paper];
  const [route, setRoute] = useState<Route | null>(null);
  /** Maps drawn so far: the index is 0, page n is n. The next one is mounted when its turn comes. */
  const [drawn, setDrawn] = useState(-1);
  const ledger = useMemo(() => layers.filter((l) => l.role === 'ROAD_LEDGER'), [layers]);

  useEffect(() => {
    fetchRoute(request.routeNo).then(
      (found) => (found ? setRoute(found) : onError(`route ${request.routeNo} does not exist`)),
      (e: unknown) => onError(`route: ${(e as Error).message}`),
    );
  }, [request.routeNo, onError]);

  const frameMm = mapSheetFrame(paper);
  const pages: PlanPage[] | null = useMemo(() => {
    if (!route) return null;
    const k = request.scale / 1000; // paper millimetres → ground metres
    try {
      return planPages(routeParts(route.geometry), { width: frameMm.width * k, height: frameMm.height * k }, MARGIN_MM * k, MAX_PAGES);
    } catch (e) {
      onError(`${(e as Error).message} (1/${request.scale}); print at 1/1,000 or print the route sheet`);
      return null;
    }
  }, [route, request.scale, frameMm.width, frameMm.height, onError]);

  useEffect(() => {
    if (pages && drawn === pages.length) onDrawn();
  }, [pages, drawn, onDrawn]);

  // Segment numbers with their widths, on the detail pages.
  const labels = useMemo(
    () =>
      (route?.segments ?? []).flatMap((s) => {
        const at = representativePoint(s.geometry);
        const a = s.attributes as Record<string, unknown>;
        if (!at || a.segment_no == null) return [];
        const width = widthRange((a.width_min_m as number | null) ?? null, (a.width_max_m as number | null) ?? null, i18n);
        return [{ position: at, text: `${a.segment_no} ${t('widthShort')} ${width}` }];
      }),
    [route, i18n, t],
  );

  if (!route || !pages) return null;
  const subtitle = `${t('routeNumbered', { routeNo: route.routeNo })} ${route.routeName ?? ''}`;
  const total = pages.length;
  const index = indexView(route, paper);
  return (
    <>
      <PlanPageFrame paper={paper}>
        <SheetHeader title={t('planSheetTitle')} subtitle={`${subtitle} — ${t('planIndex')}`} date={request.date} />
        <div className="sheet-body">
          <div className="sheet-map-frame">
            <SheetMap
              config={config}
              center={index.centre}
              zoom={index.zoom}
              scale={index.scale}
              frameMm={index.frameMm}
              layers={ledger}
              route={route.geometry}
              outlines={pages.map((p) => ({ ring: p.ring, label: String(p.number + 1) }))}
              onDrawn={() => setDrawn(0)}
              onError={onError}
            />
          </div>
          <div className="sheet-side">
            <section aria-labelledby="plan-route">
              <h2 id="plan-route">{t('routeFacts')}</h2>
              <RouteFacts route={route} />
              <p data-plan-pages={total}>{t('planPageCount', { count: total, scale: `1/${request.scale.toLocaleString('en-US')}` })}</p>
            </section>
            <section aria-labelledby="plan-segments">
              <h2 id="plan-segments">{t('segments')}</h2>
              <SegmentTable route={route} limit={20} />
            </section>
          </div>
        </div>
        <SheetFooter settings={settings} scale={index.scale} paper={request.paper} />
        <p className="plan-page-number">1 / {total + 1}</p>
      </PlanPageFrame>
      {pages.map((page) => (
        <PlanPageFrame key={page.number} paper={paper}>
          <SheetHeader title={t('planSheetTitle')} subtitle={`${subtitle} — ${t('planPageOf', { page: page.number + 1, total: total + 1 })}`} date={request.date} />
          <div className="sheet-body">
            <div className="sheet-map-frame">
              {drawn >= page.number - 1 ? (
                <SheetMap
                  config={config}
                  center={page.centre}
                  zoom={zoomForScale(request.scale, page.centre[1])}
                  scale={request.scale}
                  frameMm={frameMm}
                  layers={ledger}
                  route={route.geometry}
                  labels={labels}
                  // The neighbours' frames are the match lines, named by their page numbers.
                  outlines={pages.filter((p) => Math.abs(p.number - page.number) === 1).map((p) => ({ ring: p.ring, label: `→ ${p.number + 1}` }))}
                  onDrawn={() => setDrawn((d) => Math.max(d, page.number))}
                  onError={onError}
                />
              ) : (
                <div style={{ width: `${frameMm.width}mm`, height: `${frameMm.height}mm` }} />
              )}
            </div>
          </div>
          <SheetFooter settings={settings} scale={request.scale} paper={request.paper} />
          <p className="plan-page-number">
            {page.number + 1} / {total + 1}
          </p>
        </PlanPageFrame>
      ))}
    </>
  );
}

/** The index map: the whole route at the largest standard scale that fits beside the tables. */
function indexView(route: Route, paper: Paper) {
  const frameMm = paper.landscape ? { width: paper.widthMm * 0.58, height: paper.heightMm - 58 } : { width: paper.widthMm - 20, height: paper.heightMm * 0.45 };
  const { centre, widthM, heightM } = boxOnGround(route.bbox);
  const scale = fittingScale(widthM, heightM, frameMm, ROUTE_SCALES, 15);
  return { centre, scale, zoom: zoomForScale(scale, centre[1]), frameMm };
}

/** One sheet of paper of the plan; the PDF breaks a page after each. */
function PlanPageFrame({ paper, children }: { paper: Paper; children: ReactNode }) {
  return (
    <section className={`sheet sheet-plan plan-page ${paper.landscape ? 'sheet-landscape' : 'sheet-portrait'}`} style={{ width: `${paper.widthMm}mm`, height: `${paper.heightMm}mm` }} data-paper={paper.key}>
      {children}
    </section>
  );
}
