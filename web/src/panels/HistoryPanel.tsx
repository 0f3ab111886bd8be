// A feature's history: versions newest first, who and when, what changed; an old geometry can be
// previewed on the map, and editors can bring a version back (saved as a new version).
import { JAPAN_TIME_ZONE } from '#domain/dates';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { useLoad } from '../api/useLoad';
import type { Layer } from '../api/model';
import { fetchFeatureHistory, restoreFeature, type FeatureVersion, type SavedFeature } from '../editing/api';
import { useEditText, type EditMessageKey } from '../editing/messages';
import { clearPreview, showPreview } from '../editing/previewOverlay';
import { useI18n } from '../i18n';
import { zoomToGeometry } from '../map/view';
import { formatValue } from './format';

const OP_LABEL: Record<string, EditMessageKey> = { create: 'opCreate', update: 'opUpdate', delete: 'opDelete', restore: 'opRestore' };

interface Props {
  featureId: string;
  layer: Layer | undefined;
  map: MapLibreMap | null;
  /** The user may edit the layer (restore is offered). */
  canEdit: boolean;
  /** Why restoring is not possible now (e.g. unsaved changes), or null. */
  restoreBlocked: string | null;
  onRestored?(feature: SavedFeature): void;
  /** Changes whenever the feature was saved, so the list is read again. */
  reloadKey?: unknown;
}

export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: JAPAN_TIME_ZONE }).format(new Date(iso));
}

export function HistoryPanel({ featureId, layer, map, canEdit, restoreBlocked, onRestored, reloadKey }: Props) {
  const i18n = useI18n();
  const te = useEditText();
  // Read again when the feature's version changes (reloadKey) and after a restore.
  const history = useLoad(`${featureId}@${String(reloadKey)}`, () => fetchFeatureHistory(featureId));
  const versions = history.data ?? null;
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const error = history.error ?? restoreError;
  const [preview, setPreview] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The preview lasts while the panel shows it.
  useEffect(() => {
    if (!map) return;
    const version = versions?.find((v) => v.version === preview);
    if (version) showPreview(map, [{ geometry: version.geometry, role: 'old' }]);
    else clearPreview(map);
  }, [map, versions, preview]);
  useEffect(() => () => void (map && clearPreview(map)), [map]);

  const fieldOf = (key: string) => layer?.fields.find((f) => f.key === key);
  const show = (value: unknown, key: string) => {
    const field = fieldOf(key);
    return field ? formatValue(field, value, i18n) : value == null || value === '' ? '—' : String(value);
  };
  const latest = versions?.[0];

  const restore = async (version: FeatureVersion) => {
    if (!latest || !window.confirm(te('restoreConfirm', { version: version.version }))) return;
    try {
      const feature = await restoreFeature(featureId, version.version, latest.version);
      setNotice(te('restored', { version: version.version, newVersion: feature.version ?? '' }));
      setPreview(null);
      setRestoreError(null);
      history.reload();
      onRestored?.(feature);
    } catch (e) {
      setRestoreError(errorMessage(e));
    }
  };

  return (
    <section className="history-panel" aria-labelledby={`history-${featureId}`}>
      <h3 id={`history-${featureId}`}>{te('historyTitle')}</h3>
      {error && (
        <p className="error" role="alert">
          {i18n.t('error', { message: error })}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!versions && !error && <p role="status">{te('historyLoading')}</p>}
      {versions && versions.length === 0 && <p>{te('historyEmpty')}</p>}
      {versions && (
        <ol className="history-list">
          {versions.map((v) => (
            <li key={v.version} className="history-version" data-version={v.version}>
              <div className="history-head">
                <strong>{te('version', { version: v.version })}</strong> <span className={`op op-${v.operation}`}>{te(OP_LABEL[v.operation] ?? 'opUpdate')}</span>
                <span className="muted">
                  {' '}
                  {formatDateTime(v.changedAt, i18n.lang)} · {v.changedBy ?? v.changedByUsername ?? te('unknownUser')}
                </span>
              </div>
              {v.changes.length > 0 && (
                <ul className="history-changes">
                  {v.changes.map((c) => (
                    <li key={c.field}>
                      {fieldOf(c.field) ? i18n.fieldLabel(fieldOf(c.field)!) : c.label}: <span className="before">{show(c.before, c.field)}</span> →{' '}
                      <span className="after">{show(c.after, c.field)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {v.geometryChanged && <span className="muted">{te('geometryChanged')}</span>}
              <div className="button-row">
                <button
                  type="button"
                  className="small"
                  aria-pressed={preview === v.version}
                  onClick={() => {
                    const next = preview === v.version ? null : v.version;
                    setPreview(next);
                    if (next && map) zoomToGeometry(map, v.geometry);
                  }}
                >
                  {preview === v.version ? te('hidePreview') : te('previewGeometry')}
                </button>
                {canEdit && v !== latest && (
                  <button type="button" className="small" disabled={!!restoreBlocked} title={restoreBlocked ?? undefined} onClick={() => void restore(v)}>
                    {te('restoreVersion')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
