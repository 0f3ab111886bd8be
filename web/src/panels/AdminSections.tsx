// The administrators' sidebar sections: recent changes across layers, layer administration, base maps, user and
// department administration, the audit log.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { CityBasemap } from '../api/basemaps';
import type { Layer, User } from '../api/model';
import { useState } from 'react';
import { useEditText } from '../editing/messages';
import { useI18n } from '../i18n';
import { ChangesPanel } from './ChangesPanel';
import { LayerAdmin } from './LayerAdmin';
import { AuditLogButton } from './AuditLog';
import { BasemapAdmin } from './BasemapAdmin';
import { UserAdminButton } from './UserAdmin';
import { useEscape } from './useEscape';
import './editing.css';

interface Props {
  user: User;
  layers: Layer[] | null;
  map: MapLibreMap | null;
  onShowFeature(featureId: string): void;
  onLayersChanged(): void;
  basemaps: CityBasemap[];
  onBasemapsChanged(): void;
}

export function AdminSections({ user, layers, map, onShowFeature, onLayersChanged, basemaps, onBasemapsChanged }: Props) {
  const te = useEditText();
  const { t } = useI18n();
  // The layer editor is a full-width page over the map, opened from its sidebar entry.
  const [layerPage, setLayerPage] = useState(false);
  useEscape(() => setLayerPage(false), layerPage);
  if (user.role !== 'ADMIN' || !layers) return null;
  return (
    <>
      <details className="changes-section">
        <summary>{te('changesTitle')}</summary>
        <ChangesPanel layers={layers} map={map} onShowFeature={onShowFeature} />
      </details>
      <details className="layer-admin-section" open={layerPage} onToggle={(e) => setLayerPage(e.currentTarget.open)}>
        <summary>{te('layerAdmin')}</summary>
        {layerPage && (
          <section className="layer-admin-page" role="region" aria-labelledby="layer-admin-title">
            <header className="layer-admin-page-header">
              <h2 id="layer-admin-title">{te('layerAdmin')}</h2>
              <p className="muted">{te('layerAdminPageNote')}</p>
              <button type="button" onClick={() => setLayerPage(false)}>{te('layerAdminClose')}</button>
            </header>
            <LayerAdmin layers={layers} map={map} onSaved={onLayersChanged} />
          </section>
        )}
      </details>
      <details className="basemap-admin-section">
        <summary>{t('basemapAdmin')}</summary>
        <BasemapAdmin basemaps={basemaps} onChanged={onBasemapsChanged} />
      </details>
      <details className="user-admin-section">
        <summary>{t('usersTitle')}</summary>
        <UserAdminButton layers={layers} />
      </details>
      <details className="audit-section">
        <summary>{t('auditTitle')}</summary>
        <AuditLogButton />
      </details>
    </>
  );
}
