// Features found where the user clicked, from all visible layers, nearest first.
import type { ReactNode } from 'react';
import type { Feature, FeatureHit, Layer } from '../api/model';
import { useI18n } from '../i18n';
import { FeatureDetails } from './FeatureDetails';
import { formatMetres } from './format';
import { useEscape } from './useEscape';

export interface IdentifyState {
  lngLat: [number, number] | null;
  loading: boolean;
  error: string | null;
  hits: FeatureHit[];
}

interface Props {
  state: IdentifyState;
  layersByKey: Map<string, Layer>;
  selectedId: string | null;
  onSelect: (feature: Feature) => void;
  onClose: () => void;
  /** Controls shown under the selected feature's attributes (e.g. open its route or documents). */
  renderExtra?: (feature: Feature) => ReactNode;
}

export function featureTitle(feature: Pick<Feature, 'id' | 'attributes'> & Partial<Feature>, layer: Layer | undefined): string {
  const label = layer?.labelField ? feature.attributes?.[layer.labelField] : null;
  return label != null && label !== '' ? String(label) : `#${feature.id}`;
}

export function IdentifyPanel({ state, layersByKey, selectedId, onSelect, onClose, renderExtra }: Props) {
  useEscape(onClose);
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <aside className="identify-panel" aria-labelledby="identify-title">
      <div className="panel-heading">
        <h2 id="identify-title">{t('identify')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </div>
      <div
        className="identify-body"
        aria-live="polite"
        aria-busy={state.loading}
        data-at={state.lngLat ? state.lngLat.map((v) => v.toFixed(6)).join(',') : undefined}
      >
        {state.loading && <p role="status">{t('loading')}</p>}
        {state.error && (
          <p className="error" role="alert">
            {t('error', { message: state.error })}
          </p>
        )}
        {!state.loading && !state.error && state.hits.length === 0 && <p>{t('identifyNone')}</p>}
        {!state.loading && state.hits.length > 0 && <p className="muted">{t('identifyCount', { count: state.hits.length })}</p>}
        <ol className="identify-hits">
          {state.hits.map(({ feature, distanceM }) => {
            const layer = layersByKey.get(feature.layerKey);
            const selected = feature.id === selectedId;
            return (
              <li key={`${feature.layerKey}:${feature.id}`} className={selected ? 'hit selected' : 'hit'}>
                <button type="button" className="hit-select" aria-pressed={selected} onClick={() => onSelect(feature)}>
                  <span className="swatch" style={{ background: layer?.style?.color ?? '#888' }} aria-hidden="true" />
                  <span className="hit-layer">{layer ? i18n.layerName(layer) : feature.layerKey}</span>
                  <span className="hit-title">{featureTitle(feature, layer)}</span>
                  {state.lngLat && <span className="hit-distance">{t('distanceFromClick', { distance: formatMetres(distanceM, i18n) })}</span>}
                </button>
                {selected && <FeatureDetails feature={feature} layer={layer} />}
                {selected && renderExtra?.(feature)}
              </li>
            );
          })}
        </ol>
      </div>
    </aside>
  );
}
