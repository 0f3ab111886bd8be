// 道路台帳 sheet of one route: the route's particulars and segments, and a map of the whole
// route at the largest standard scale at which it fits the frame.
import { useEffect, useMemo, useState } from 'react';
import { useSheetData } from './useSheetData';
import { fetchRoute, type PrintSettings, type Route } from '../api/ledger';
import type { Layer } from '../api/model';
import type { PrintRaster } from '#domain/sheets';
import { useI18n } from '../i18n';
import type { AppConfig } from '../map/config';
import { geodesicLength, type LonLat } from '../map/geodesy';
import { representativePoint } from '../map/representative';
import { RouteFacts, SegmentTable } from '../panels/RouteFacts';
import { Legend } from './Legend';
import { PAPERS } from '#domain/sheets';
import { fittingScale, zoomForScale } from './scale';
import { SheetFooter, SheetHeader } from './SheetParts';
import { SheetMap } from './SheetMap';
import type { RouteSheetRequest } from './sheetParams';

interface Props {
  request: RouteSheetRequest;
  layers: Layer[];
  /** Raster layers to draw under the vector layers, bottom first. */
  rasters: PrintRaster[];
  config: AppConfig;
  settings: PrintSettings;
  onDrawn: () => void;
  onError: (message: string) => void;
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const latOfMercatorY = (y: number) => ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;

/** Centre (in Web Mercator, as the map is drawn) and ground size of a bbox. */
export function boxOnGround([minLon, minLat, maxLon, maxLat]: number[]): { centre: LonLat; widthM: number; heightM: number } {
  const centre: LonLat = [(minLon + maxLon) / 2, latOfMercatorY((mercatorY(minLat) + mercatorY(maxLat)) / 2)];
  return {
    centre,
    widthM: geodesicLength([
      [minLon, centre[1]],
      [maxLon, centre[1]],
    ]),
    heightM: geodesicLength([
      [centre[0], minLat],
      [centre[0], maxLat],
    ]),
  };
}

export function RouteSheet({ request, layers, rasters, config, settings, onDrawn, onError }: Props) {
  const { t } = useI18n();
  const paper = PAPERS[request.paper];
  const route = useSheetData<Route>(
    { key: request.routeNo, subject: 'route', missing: `route ${request.routeNo} does not exist`, load: () => fetchRoute(request.routeNo) },
    onError,
  );
  const [mapDrawn, setMapDrawn] = useState(false);
  const ledger = useMemo(() => layers.filter((l) => l.role === 'ROAD_LEDGER'), [layers]);

  useEffect(() => {
    if (mapDrawn && route) onDrawn();
  }, [mapDrawn, route, onDrawn]);

  const view = useMemo(() => {
    if (!route) return null;
    const { centre, widthM, heightM } = boxOnGround(route.bbox);
    const scale = fittingScale(widthM, heightM, paper.mapMm);
    return { centre, scale, zoom: zoomForScale(scale, centre[1]) };
  }, [route, paper]);

  const labels = useMemo(
    () =>
      (route?.segments ?? []).flatMap((s) => {
        const at = representativePoint(s.geometry);
        const no = s.attributes.segment_no;
        return at && no != null ? [{ position: at, text: String(no) }] : [];
      }),
    [route],
  );

  return (
    <>
      <SheetHeader title={t('routeSheetTitle')} subtitle={route ? `${t('routeNumbered', { routeNo: route.routeNo })} ${route.routeName ?? ''}` : ''} date={request.date} />
      <div className="sheet-body">
        <div className="sheet-map-frame">
          {route && view && (
            <SheetMap
              config={config}
              center={view.centre}
              zoom={view.zoom}
              scale={view.scale}
              frameMm={paper.mapMm}
              layers={ledger}
              rasters={rasters}
              route={route.geometry}
              labels={labels}
              onDrawn={() => setMapDrawn(true)}
              onError={onError}
            />
          )}
        </div>
        <div className="sheet-side">
          {route && (
            <>
              <section aria-labelledby="sheet-route">
                <h2 id="sheet-route">{t('routeFacts')}</h2>
                <RouteFacts route={route} />
              </section>
              <section aria-labelledby="sheet-segments">
                <h2 id="sheet-segments">{t('segments')}</h2>
                <SegmentTable route={route} limit={paper.key === 'A3-landscape' ? 20 : 10} />
              </section>
            </>
          )}
          <section aria-labelledby="sheet-legend">
            <h2 id="sheet-legend">{t('sheetLegend')}</h2>
            <Legend layers={ledger} symbols={['route', 'segment']} />
          </section>
        </div>
      </div>
      <SheetFooter settings={settings} scale={view?.scale ?? 0} paper={request.paper} />
    </>
  );
}
