// Administrators: recent changes across layers, filtered by layer, user and dates; each change
// opens the feature on the map and its history.
import { dayBoundaryInJapan } from '#domain/dates';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import type { Layer } from '../api/model';
import { fetchChanges, type ChangeEntry } from '../editing/api';
import { useEditText, type EditMessageKey } from '../editing/messages';
import { useI18n } from '../i18n';
import { formatDateTime, HistoryPanel } from './HistoryPanel';
import { LayerSelect } from './LayerSelect';
import { AdminChangeList, fetchAdminChanges } from './AdminChanges';
import type { AuditEntry } from '../api/audit';

const OP_LABEL: Record<string, EditMessageKey> = { create: 'opCreate', update: 'opUpdate', delete: 'opDelete', restore: 'opRestore' };

interface Props {
  layers: Layer[];
  map: MapLibreMap | null;
  onShowFeature(featureId: string): void;
}

/** A date from a date input as the start (or end) of that day in Japan. */
export function dayBoundary(date: string, end: boolean): string | null {
  return date ? dayBoundaryInJapan(date, end) : null;
}

export function ChangesPanel({ layers, map, onShowFeature }: Props) {
  const i18n = useI18n();
  const te = useEditText();
  const [layer, setLayer] = useState('');
  const [username, setUsername] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [entries, setEntries] = useState<ChangeEntry[] | null>(null);
  const [adminEntries, setAdminEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const layersByKey = new Map(layers.map((l) => [l.key, l]));

  const search = async () => {
    setLoading(true);
    setError(null);
    try {
      const filter = { layer: layer || null, user: username.trim() || null, since: dayBoundary(since, false), until: dayBoundary(until, true) };
      // Layer, user and attachment changes come from the audit log, listed after the feature edits.
      const [features, admin] = await Promise.all([fetchChanges({ ...filter, first: 100 }), fetchAdminChanges(filter)]);
      setEntries(features);
      setAdminEntries(admin);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="changes-panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label>
          {te('filterLayer')}
          <LayerSelect layers={layers} value={layer} noneLabel={te('allLayers')} onChange={setLayer} />
        </label>
        <label>
          {te('filterUser')}
          <input value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {te('filterSince')}
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label>
          {te('filterUntil')}
          <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          {loading ? i18n.t('loading') : te('search')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {i18n.t('error', { message: error })}
        </p>
      )}
      {entries && entries.length === 0 && !adminEntries.length && <p className="muted">{te('noChangesFound')}</p>}
      {entries && entries.length > 0 && (
        <ol className="changes-list" aria-label={te('changesTitle')}>
          {entries.map((c) => {
            const id = `${c.featureId}:${c.version}`;
            const changeLayer = layersByKey.get(c.layerKey);
            return (
              <li key={id} data-feature-id={c.featureId}>
                <div>
                  {formatDateTime(c.changedAt, i18n.lang)} · <strong>{c.changedBy ?? c.changedByUsername ?? te('unknownUser')}</strong>
                </div>
                <div>
                  {changeLayer ? i18n.layerName(changeLayer) : c.layerName} {c.label ?? `#${c.featureId}`} {te('version', { version: c.version })} <span className={`op op-${c.operation}`}>{te(OP_LABEL[c.operation] ?? 'opUpdate')}</span>
                  {c.geometryChanged && <span className="muted"> · {te('geometryChanged')}</span>}
                </div>
                {c.changes.length > 0 && (
                  <div className="muted">
                    {c.changes
                      .slice(0, 4)
                      .map((a) => a.label)
                      .join('、')}
                    {c.changes.length > 4 ? '…' : ''}
                  </div>
                )}
                <button
                  type="button"
                  className="small"
                  aria-expanded={open === id}
                  onClick={() => {
                    setOpen(open === id ? null : id);
                    if (c.operation !== 'delete') onShowFeature(c.featureId);
                  }}
                >
                  {te('showFeature')}
                </button>
                {open === id && (
                  <HistoryPanel
                    featureId={c.featureId}
                    layer={changeLayer}
                    map={map}
                    canEdit={changeLayer?.canEdit ?? false}
                    restoreBlocked={null}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {entries && <AdminChangeList entries={adminEntries} layers={layers} />}
    </div>
  );
}
