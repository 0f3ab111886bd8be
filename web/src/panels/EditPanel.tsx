// The feature being edited (right-hand panel): its form, typed coordinates, delete, history.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import type { Layer } from '../api/model';
import { useEditText } from '../editing/messages';
import type { EditSession } from '../editing/useEditSession';
import { useI18n } from '../i18n';
import { AttributeForm } from './AttributeForm';
import { ConflictDialog } from './ConflictDialog';
import { CoordinateEntry } from './CoordinateEntry';
import { TOOL_HINT } from './EditToolbar';
import { HistoryPanel } from './HistoryPanel';
import type { LiveEdit } from '../live/useLiveEdits';
import { RemoteChangeNotice } from '../live/RemoteChangeNotice';
import { featureTitle } from './IdentifyPanel';

interface Props {
  session: EditSession;
  layersByKey: Map<string, Layer>;
  map: MapLibreMap | null;
  /** Other users' latest saves by feature id (live events). */
  liveEdits?: Map<string, LiveEdit>;
  onClose(): void;
}

export function EditPanel({ session, layersByKey, map, liveEdits, onClose }: Props) {
  const i18n = useI18n();
  const te = useEditText();
  const [showHistory, setShowHistory] = useState(false);
  const [showCoordinates, setShowCoordinates] = useState(false);
  const { selected, layer: editLayer, state } = session;
  const layer = selected ? layersByKey.get(selected.layerKey) : editLayer;
  const pendingChange = selected ? session.pending.find((c) => c.key === selected.key) : undefined;
  const problems = selected ? [...(session.problems[selected.key] ?? []), ...(pendingChange ? (state.serverProblems[selected.key] ?? []) : [])] : [];
  const geometryProblems = problems.filter((p) => p.field === 'geometry' || !layer?.fields.some((f) => f.key === p.field));
  const conflict = state.conflict;
  const conflictMine = conflict ? session.features.find((f) => f.key === conflict.key) ?? state.base[conflict.key] : undefined;

  return (
    <aside className="identify-panel edit-panel" aria-labelledby="edit-panel-title">
      <div className="panel-heading">
        <h2 id="edit-panel-title">{te('selectedFeature')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={i18n.t('close')}>
          ×
        </button>
      </div>
      {!selected && <p className="muted">{session.tool ? te(TOOL_HINT[session.tool]) : null}</p>}
      {selected && layer && (
        <div className="edit-feature" data-feature-key={selected.key} data-feature-id={selected.id ?? ''}>
          <p className="edit-feature-title">
            <span className="swatch" style={{ background: layer.style?.color ?? '#888' }} aria-hidden="true" /> {i18n.layerName(layer)}{' '}
            <strong>{selected.id ? featureTitle({ id: selected.id, layerKey: selected.layerKey, geometry: selected.geometry, attributes: selected.attributes }, layer) : te('newFeature')}</strong>
            {pendingChange && <span className="dirty-badge"> ● {te(pendingChange.kind === 'create' ? 'pendingCreate' : 'pendingUpdate')}</span>}
            {selected.version != null && <span className="muted"> {te('version', { version: selected.version })}</span>}
          </p>
          {selected.id && <RemoteChangeNotice edit={liveEdits?.get(selected.id)} version={selected.version} />}
          {selected.geometry.type.startsWith('Multi') && <p className="muted">{te('multiPartNote')}</p>}
          {geometryProblems.length > 0 && (
            <ul className="field-problems" data-testid="problem-geometry">
              {geometryProblems.map((p, i) => (
                <li key={i} className="error">
                  {p.field !== 'geometry' ? `${p.field}: ` : ''}
                  {String(p.params.message ?? p.code)}
                </li>
              ))}
            </ul>
          )}
          <AttributeForm
            layer={layer}
            feature={selected}
            problems={problems}
            onChange={(field, value) => session.changeAttribute(selected.key, field.key, i18n.fieldLabel(field), value)}
          />
          <div className="button-row">
            <button type="button" aria-expanded={showCoordinates} onClick={() => setShowCoordinates((v) => !v)}>
              {te('toolCoordinates')}
            </button>
            {selected.id && (
              <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
                {te('history')}
              </button>
            )}
            {pendingChange && (
              <button type="button" onClick={() => session.revertFeature(selected.key)}>
                {te('revertFeature')}
              </button>
            )}
            <button type="button" className="danger" onClick={() => session.deleteFeature(selected.key)}>
              {te('deleteFeature')}
            </button>
          </div>
          {showCoordinates && (
            <CoordinateEntry
              layer={layer}
              preferred={session.tool === 'select' ? null : session.tool}
              selected={selected}
              onAdd={(geometry) => session.addFeatureAt(geometry, te('actionCoordinates'))}
              onMove={(key, geometry) => session.setGeometry(key, geometry, te('actionCoordinates'))}
            />
          )}
          {showHistory && selected.id && (
            <HistoryPanel
              featureId={selected.id}
              layer={layer}
              map={map}
              canEdit
              restoreBlocked={pendingChange ? te('restoreBlocked') : null}
              reloadKey={selected.version}
              onRestored={(feature) => session.dispatch({ type: 'refreshed', feature })}
            />
          )}
        </div>
      )}
      {!selected && editLayer && (
        <details className="coordinate-add">
          <summary>{te('toolCoordinates')}</summary>
          <CoordinateEntry
            layer={editLayer}
            preferred={session.tool === 'select' ? null : session.tool}
            selected={undefined}
            onAdd={(geometry) => session.addFeatureAt(geometry, te('actionCoordinates'))}
            onMove={() => {}}
          />
        </details>
      )}
      {conflict && conflictMine && state.base[conflict.key] && (
        <ConflictDialog
          key={`${conflict.key}:${conflict.stored.version}`}
          conflict={conflict}
          original={state.base[conflict.key]}
          mine={conflictMine}
          layer={layersByKey.get(conflictMine.layerKey)}
          map={map}
          onResolve={session.resolveAndSave}
        />
      )}
    </aside>
  );
}
