// The road staff's column next to the identify panel: a route (路線), a boundary record (境界確定)
// with its 座標一覧 and documents, any feature's attachments, or a new record from a coordinate table.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { layerWithRole, type Feature, type Layer } from '../api/model';
import { isRasterLayer } from '../api/rasters';
import { useI18n } from '../i18n';
import { AttachmentsPanel } from './AttachmentsPanel';
import { BoundaryRecordForm } from './BoundaryRecordForm';
import { BoundaryRecordPanel } from './BoundaryRecordPanel';
import { featureTitle } from './IdentifyPanel';
import { RoutePanel } from './RoutePanel';
import './ledger.css';
import { useEscape } from './useEscape';

export type LedgerView =
  | { kind: 'route'; routeNo: string }
  | { kind: 'record'; feature: Feature }
  | { kind: 'attachments'; feature: Feature }
  | { kind: 'newRecord' };

/** Whether the caller may edit the layer, as the server said with the layers (see fetchLayers). */
export const canEditLayer = (layersByKey: Map<string, Layer>, layerKey: string) => layersByKey.get(layerKey)?.canEdit ?? false;

interface Props {
  view: LedgerView;
  map: MapLibreMap | null;
  layersByKey: Map<string, Layer>;
  selectedId: string | null;
  onSelectFeature: (feature: Feature) => void;
  /** A boundary record was created or its points replaced. */
  onCreated: (feature: Feature) => void;
  onClose: () => void;
}

export function LedgerPanel({ view, map, layersByKey, selectedId, onSelectFeature, onCreated, onClose }: Props) {
  useEscape(onClose);
  const { t } = useI18n();
  const boundaryLayer = layerWithRole(layersByKey.values(), 'BOUNDARY_RECORDS');
  return (
    <aside className="ledger-panel" aria-labelledby="ledger-title">
      <div className="panel-heading">
        <h2 id="ledger-title">{view.kind === 'route' ? t('roadLedger') : view.kind === 'attachments' ? t('attachments') : t('boundaryRecords')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('closeLedger')}>
          ×
        </button>
      </div>
      {view.kind === 'route' && <RoutePanel routeNo={view.routeNo} map={map} selectedId={selectedId} onSelectSegment={onSelectFeature} />}
      {view.kind === 'record' && (
        <BoundaryRecordPanel
          feature={view.feature}
          layer={boundaryLayer}
          map={map}
          canEdit={!!boundaryLayer && canEditLayer(layersByKey, boundaryLayer.key)}
          onSaved={onCreated}
          rasterLayers={[...layersByKey.values()].filter(isRasterLayer)}
        />
      )}
      {view.kind === 'attachments' && (
        <>
          <h3>{featureTitle(view.feature, layersByKey.get(view.feature.layerKey))}</h3>
          <AttachmentsPanel featureId={view.feature.id} canEdit={canEditLayer(layersByKey, view.feature.layerKey)} />
        </>
      )}
      {view.kind === 'newRecord' && boundaryLayer && <BoundaryRecordForm layer={boundaryLayer} map={map} onSaved={onCreated} />}
    </aside>
  );
}

/** Buttons under a selected feature in the identify panel that open this column. */
export function FeatureActions({ feature, layer, onOpen }: { feature: Feature; layer: Layer | undefined; onOpen: (view: LedgerView) => void }) {
  const { t } = useI18n();
  if (!/^\d+$/.test(feature.id)) return null;
  const routeNo = layer?.role === 'ROAD_LEDGER' ? feature.attributes?.route_no : null;
  return (
    <div className="feature-actions">
      {routeNo != null && routeNo !== '' && (
        <button type="button" className="small" onClick={() => onOpen({ kind: 'route', routeNo: String(routeNo) })}>
          {t('showRoute', { routeNo: String(routeNo) })}
        </button>
      )}
      {layer?.role === 'BOUNDARY_RECORDS' ? (
        <button type="button" className="small" onClick={() => onOpen({ kind: 'record', feature })}>
          {t('showCoordinateTable')}
        </button>
      ) : (
        <button type="button" className="small" onClick={() => onOpen({ kind: 'attachments', feature })}>
          {t('showAttachments')}
        </button>
      )}
    </div>
  );
}
