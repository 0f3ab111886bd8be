// Zoom buttons with Japanese/English labels, and identify at the map centre for keyboard users.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useI18n } from '../i18n';

export function ZoomControls({ map, onIdentifyCentre }: { map: MapLibreMap | null; onIdentifyCentre: () => void }) {
  const { t } = useI18n();
  return (
    <div className="map-controls" role="group" aria-label={t('tools')}>
      <button type="button" onClick={() => map?.zoomIn()} aria-label={t('zoomIn')} title={t('zoomIn')} disabled={!map}>
        +
      </button>
      <button type="button" onClick={() => map?.zoomOut()} aria-label={t('zoomOut')} title={t('zoomOut')} disabled={!map}>
        −
      </button>
      <button type="button" onClick={onIdentifyCentre} aria-label={t('identifyCenter')} title={t('identifyCenter')} disabled={!map}>
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
          <circle cx="10" cy="10" r="5.5" />
          <path d="M10 1v5M10 14v5M1 10h5M14 10h5" />
        </svg>
      </button>
    </div>
  );
}
