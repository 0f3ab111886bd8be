// 境界確定 record view: the 座標一覧 (points in survey order with X/Y exactly as surveyed, 辺長,
// perimeter and area), its CSV, the point names on the map, and the record's documents.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useState } from 'react';
import { useLoad } from '../api/useLoad';
import { coordinateCsvUrl, fetchCoordinateTable } from '../api/ledger';
import type { Feature, Layer } from '../api/model';
import { useI18n } from '../i18n';
import { todayInJapan } from '#domain/dates';
import { sheetUrl } from '../print/sheetParams';
import { addLedgerOverlays, setCoordinatePreview } from '../map/ledgerOverlays';
import { AttachmentsPanel } from './AttachmentsPanel';
import { BoundaryRecordForm } from './BoundaryRecordForm';
import { featureTitle } from './IdentifyPanel';
import { planeZoneName } from '#domain/planeZones';
import { millimetres as mm } from './ledgerFormat';
import { RecordDrawings } from '../rasters/RecordDrawings';

interface Props {
  feature: Feature;
  layer: Layer | undefined;
  map: MapLibreMap | null;
  canEdit: boolean;
  /** The record's points were replaced (a new version of the feature). */
  onSaved: (feature: Feature) => void;
  /** Raster layers the user may read: their placed drawings can be linked to the record. */
  rasterLayers?: Layer[];
}

export function BoundaryRecordPanel({ feature, layer, map, canEdit, onSaved, rasterLayers = [] }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const loaded = useLoad(`${feature.id}@${feature.version}`, (signal) => fetchCoordinateTable(feature.id, signal));
  const table = loaded.data ?? null;
  const { error } = loaded;
  const [entering, setEntering] = useState(false);

  // Point names on the map, where the surveyed points are (the form draws its own while open).
  useEffect(() => {
    if (!map || !table || entering) return;
    addLedgerOverlays(map);
    setCoordinatePreview(
      map,
      table.points.map((p) => ({ name: p.name, position: [p.lon, p.lat] })),
      false,
    );
    return () => {
      if (map.style) setCoordinatePreview(map, [], false);
    };
  }, [map, table, entering]);

  const title = featureTitle(feature, layer);
  return (
    <section className="boundary-record-panel" aria-labelledby={`${id}-title`} data-feature-id={feature.id}>
      <h3 id={`${id}-title`}>{t('boundaryRecordTitle', { recordNo: title })}</h3>
      {!table && !error && <p role="status">{t('loading')}</p>}
      {error && (
        <p className="error" role="alert">
          {t('error', { message: error })}
        </p>
      )}
      {table && table.points.length === 0 && <p className="muted">{t('noBoundaryPoints')}</p>}
      {table && table.points.length > 0 && (
        <>
          <table className="coordinate-table" aria-describedby={`${id}-crs`}>
            <caption>
              {t('coordinateTable')} <span id={`${id}-crs`} className="muted">{table.srid ? t('planeZoneOf', { srid: table.srid, zone: planeZoneName(table.srid) }) : ''}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('pointSeq')}</th>
                <th scope="col">{t('pointName')}</th>
                <th scope="col">X (m)</th>
                <th scope="col">Y (m)</th>
                <th scope="col">{t('sideLength')} (m)</th>
                <th scope="col">{t('markerType')}</th>
              </tr>
            </thead>
            <tbody>
              {table.points.map((p) => (
                <tr key={p.seq} data-seq={p.seq}>
                  <td className="num">{p.seq}</td>
                  <th scope="row">
                    {p.name}
                    {!p.surveyed && (
                      <span className="not-surveyed" title={t('notSurveyedHint')} data-not-surveyed>
                        {' '}({t('notSurveyed')})
                      </span>
                    )}
                  </th>
                  <td className="num" data-x={p.x}>
                    {p.x}
                  </td>
                  <td className="num" data-y={p.y}>
                    {p.y}
                  </td>
                  <td className="num" data-side-length={p.sideLengthM ?? ''}>
                    {p.sideLengthM === null ? '—' : mm(p.sideLengthM)}
                  </td>
                  <td>{p.markerType ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="coordinate-summary">
            <div>
              <dt>{t('pointCount')}</dt>
              <dd>{table.points.length}</dd>
            </div>
            <div>
              <dt>{table.closed ? t('perimeter') : t('totalLength')}</dt>
              <dd data-perimeter={table.perimeterM}>{mm(table.perimeterM)} m</dd>
            </div>
            {table.areaM2 !== null && (
              <div>
                <dt>{t('planeArea')}</dt>
                <dd data-area={table.areaM2}>{mm(table.areaM2)} m²</dd>
              </div>
            )}
          </dl>
          <div className="ledger-actions">
            <a className="button" href={coordinateCsvUrl(feature.id)} download aria-label={t('coordinateCsvFor', { recordNo: title })}>
              {t('coordinateCsv')}
            </a>
            <a
              className="button"
              href={sheetUrl({ kind: 'boundary', featureId: feature.id, paper: 'A4-portrait', date: todayInJapan(), lang: i18n.lang, dates: i18n.dateStyle }, 'pdf')}
              target="_blank"
              rel="noopener"
              aria-label={t('printBoundarySheetFor', { recordNo: title })}
            >
              {t('printBoundarySheet')}
            </a>
          </div>
        </>
      )}
      {canEdit && table && layer && !entering && (
        <div className="ledger-actions">
          <button type="button" onClick={() => setEntering(true)}>
            {table.points.length ? t('replacePoints') : t('addPoints')}
          </button>
        </div>
      )}
      {canEdit && table && layer && entering && (
        <>
          <BoundaryRecordForm
            layer={layer}
            map={map}
            record={feature}
            initialText={table.points.map((p) => [p.name, p.x, p.y, p.markerType ?? ''].join(',').replace(/,$/, '')).join('\n')}
            initialClosed={table.points.length ? table.closed : true}
            onSaved={(saved) => {
              setEntering(false);
              onSaved(saved);
            }}
          />
          <button type="button" onClick={() => setEntering(false)}>
            {t('cancelPoints')}
          </button>
        </>
      )}
      <RecordDrawings featureId={feature.id} map={map} rasterLayers={rasterLayers} />
      <AttachmentsPanel featureId={feature.id} canEdit={canEdit} />
    </section>
  );
}
