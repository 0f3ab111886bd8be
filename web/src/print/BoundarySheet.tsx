// 境界確定図 (座標求積表): one boundary determination on paper, as a 土地家屋調査士 lays it out —
// the record drawn to scale with its points named, the coordinate table with 辺長, and the area by
// the coordinate method (Xn(Yn+1 − Yn−1), 倍面積, 面積, 地積), the zone, number, date and route.
import { useEffect, useMemo, useState } from 'react';
import { useSheetData } from './useSheetData';
import { coordinateAreaTable, type AreaTable } from '#domain/survey';
import { fetchCoordinateTable, type CoordinateTable, type PrintSettings } from '../api/ledger';
import { fetchFeature } from '../api/queries';
import type { Feature, Layer } from '../api/model';
import { useI18n } from '../i18n';
import type { AppConfig } from '../map/config';
import { planeZoneName } from '#domain/planeZones';
import { boxOnGround } from './RouteSheet';
import { PAPERS } from '#domain/sheets';
import { fittingScale, zoomForScale } from './scale';
import { SheetFooter, SheetHeader } from './SheetParts';
import { SheetMap } from './SheetMap';
import type { BoundarySheetRequest } from './sheetParams';

interface Props {
  request: BoundarySheetRequest;
  layers: Layer[];
  config: AppConfig;
  settings: PrintSettings;
  onDrawn: () => void;
  onError: (message: string) => void;
}

/** Scales a boundary drawing chooses from: the largest at which the record fits. */
export const BOUNDARY_SCALES = [100, 200, 250, 500, 1000, 2500, 5000] as const;
/** The points table needs the lower part of a portrait sheet. */
const PORTRAIT_MAP_HEIGHT_MM = 105;

export function BoundarySheet({ request, layers, config, settings, onDrawn, onError }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const paper = PAPERS[request.paper];
  const frameMm = useMemo(
    () => (paper.landscape ? paper.mapMm : { width: paper.mapMm.width, height: PORTRAIT_MAP_HEIGHT_MM }),
    [paper],
  );
  const data = useSheetData<{ table: CoordinateTable; feature: Feature }>(
    {
      key: request.featureId,
      subject: 'boundary record',
      missing: `boundary record ${request.featureId} does not exist`,
      load: () => Promise.all([fetchCoordinateTable(request.featureId), fetchFeature(request.featureId)]).then(([table, feature]) => (feature ? { table, feature } : null)),
    },
    onError,
  );
  const [mapDrawn, setMapDrawn] = useState(false);
  // The record itself and the roads it adjoins.
  const drawn = useMemo(() => layers.filter((l) => l.role === 'BOUNDARY_RECORDS' || l.role === 'ROAD_LEDGER'), [layers]);

  useEffect(() => {
    if (mapDrawn && data) onDrawn();
  }, [mapDrawn, data, onDrawn]);

  const view = useMemo(() => {
    const pts = data?.table.points ?? [];
    if (pts.length === 0) return null;
    const lons = pts.map((p) => p.lon);
    const lats = pts.map((p) => p.lat);
    const { centre, widthM, heightM } = boxOnGround([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
    const scale = fittingScale(widthM, heightM, frameMm, BOUNDARY_SCALES);
    return { centre, scale, zoom: zoomForScale(scale, centre[1]) };
  }, [data, frameMm]);

  const area: AreaTable | null = useMemo(() => {
    const pts = data?.table.points ?? [];
    return data?.table.closed && pts.length >= 3 ? coordinateAreaTable(pts) : null;
  }, [data]);

  const labels = useMemo(() => (data?.table.points ?? []).map((p) => ({ position: [p.lon, p.lat] as [number, number], text: p.name })), [data]);
  const attrs = data?.feature.attributes ?? {};
  const text = (key: string) => (attrs[key] == null || attrs[key] === '' ? '—' : String(attrs[key]));
  const srid = data?.table.srid ?? null;

  return (
    <>
      <SheetHeader title={t('boundarySheetTitle')} subtitle={data ? t('boundaryRecordTitle', { recordNo: data.table.recordNo ?? data.feature.id }) : ''} date={request.date} />
      <div className="sheet-body">
        <div className="sheet-map-frame">
          {data && view && (
            <SheetMap
              config={config}
              center={view.centre}
              zoom={view.zoom}
              scale={view.scale}
              frameMm={frameMm}
              layers={drawn}
              highlight={data.feature.geometry}
              labels={labels}
              onDrawn={() => setMapDrawn(true)}
              onError={onError}
            />
          )}
          {data && !view && (
            <p className="sheet-error" role="alert">
              {t('noBoundaryPoints')}
            </p>
          )}
        </div>
        <div className="sheet-side sheet-boundary-side">
          {data && (
            <section aria-labelledby="sheet-boundary-facts">
              <h2 id="sheet-boundary-facts">{t('boundaryFacts')}</h2>
              <table>
                <tbody>
                  <tr><th scope="row">{t('boundaryRecordNo')}</th><td data-record-no>{data.table.recordNo ?? '—'}</td></tr>
                  <tr><th scope="row">{t('boundaryDeterminedOn')}</th><td>{attrs.determined_on ? i18n.formatDate(String(attrs.determined_on)) : '—'}</td></tr>
                  <tr><th scope="row">{t('boundaryParcelNo')}</th><td>{text('parcel_no')}</td></tr>
                  <tr><th scope="row">{t('boundaryRouteNo')}</th><td>{text('related_route_no')}</td></tr>
                  <tr><th scope="row">{t('boundarySurveyor')}</th><td>{text('surveyor')}</td></tr>
                  {srid && <tr><th scope="row">{t('boundaryZone')}</th><td>{t('planeZoneOf', { srid, zone: planeZoneName(srid) })}</td></tr>}
                </tbody>
              </table>
            </section>
          )}
          {data && data.table.points.length > 0 && (
            <section aria-labelledby="sheet-boundary-table" className="sheet-area-table">
              <h2 id="sheet-boundary-table">{area ? t('areaTableTitle') : t('coordinateTable')}</h2>
              <table data-area-table>
                <thead>
                  <tr>
                    <th scope="col">{t('pointName')}</th>
                    <th scope="col">X (m)</th>
                    <th scope="col">Y (m)</th>
                    {area && <th scope="col">Y<sub>n+1</sub>−Y<sub>n−1</sub></th>}
                    {area && <th scope="col">X<sub>n</sub>(Y<sub>n+1</sub>−Y<sub>n−1</sub>)</th>}
                    <th scope="col">{t('sideLength')} (m)</th>
                  </tr>
                </thead>
                <tbody>
                  {area
                    ? area.rows.map((r) => (
                        <tr key={r.name}>
                          <th scope="row">{r.name}</th>
                          <td className="num">{r.x}</td>
                          <td className="num">{r.y}</td>
                          <td className="num">{r.dy}</td>
                          <td className="num" data-double-area-part>{r.doubleAreaPart}</td>
                          <td className="num">{r.sideLength}</td>
                        </tr>
                      ))
                    : data.table.points.map((p) => (
                        <tr key={p.seq}>
                          <th scope="row">{p.name}</th>
                          <td className="num">{p.x}</td>
                          <td className="num">{p.y}</td>
                          <td className="num">{p.sideLengthM === null ? '—' : p.sideLengthM.toFixed(3)}</td>
                        </tr>
                      ))}
                </tbody>
                {area && (
                  <tfoot>
                    <tr><th scope="row" colSpan={4}>{t('doubleArea')}</th><td className="num" data-double-area>{area.doubleArea}</td><td /></tr>
                    <tr><th scope="row" colSpan={4}>{t('areaByCoordinates')}</th><td className="num" data-area>{area.area}</td><td /></tr>
                    <tr><th scope="row" colSpan={4}>{t('registeredArea')}</th><td className="num" data-registered-area>{area.registeredArea}</td><td /></tr>
                  </tfoot>
                )}
              </table>
            </section>
          )}
        </div>
      </div>
      <SheetFooter settings={settings} scale={view?.scale ?? 0} paper={request.paper} planeSrid={srid ?? undefined} />
    </>
  );
}
