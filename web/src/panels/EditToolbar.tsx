// The editing tools in the sidebar: which layer, which tool, snapping, undo/redo, the unsaved
// changes and save. Shown only to users with layers to edit.
import type { Layer } from '../api/model';
import { toolsFor } from '../editing/drawParts';
import type { Tool } from '../editing/drawing';
import { useEditText, type EditMessageKey } from '../editing/messages';
import type { EditSession } from '../editing/useEditSession';
import { featureTitle } from './IdentifyPanel';
import { LayerSelect } from './LayerSelect';
import './editing.css';

const TOOL_LABEL: Record<Tool, EditMessageKey> = { select: 'toolSelect', point: 'toolPoint', linestring: 'toolLine', polygon: 'toolPolygon' };
export const TOOL_HINT: Record<Tool, EditMessageKey> = { select: 'hintSelect', point: 'hintPoint', linestring: 'hintLine', polygon: 'hintPolygon' };

export function EditToolbar({ session, layersByKey }: { session: EditSession; layersByKey: Map<string, Layer> }) {
  const te = useEditText();
  const { layer, pending } = session;

  const stop = () => {
    if (pending.length && !window.confirm(te('stopConfirm', { count: pending.length }))) return;
    session.stop();
  };

  return (
    <div className="edit-toolbar" data-testid="edit-toolbar">
      <label className="edit-layer">
        <span>{te('editLayer')}</span>
        <LayerSelect
          layers={session.editableLayers}
          value={session.layerKey ?? ''}
          noneLabel={te('chooseLayer')}
          disabled={pending.length > 0}
          onChange={(key) => (key ? session.start(key) : stop())}
        />
      </label>

      {layer && (
        <>
          <div className="edit-tools" role="toolbar" aria-label={te('editing')}>
            {(['select', ...toolsFor(layer.geometryTypes)] as Tool[]).map((tool) => (
              <button key={tool} type="button" aria-pressed={session.tool === tool} onClick={() => session.setTool(tool)}>
                {te(TOOL_LABEL[tool])}
              </button>
            ))}
          </div>
          {session.tool && <p className="muted edit-hint">{te(TOOL_HINT[session.tool])}</p>}
          <label className="edit-snapping">
            <input type="checkbox" checked={session.snapping} onChange={(e) => session.setSnapping(e.target.checked)} />
            {te('snapping')}
          </label>

          <div className="edit-undo">
            <button type="button" disabled={!session.canUndo} onClick={session.undo} title={session.undoLabel ? te('undoWhat', { what: session.undoLabel }) : undefined}>
              ↶ {te('undo')}
            </button>
            <button type="button" disabled={!session.canRedo} onClick={session.redo} title={session.redoLabel ? te('redoWhat', { what: session.redoLabel }) : undefined}>
              ↷ {te('redo')}
            </button>
          </div>

          <div className={`edit-pending${pending.length ? ' dirty' : ''}`} role="status" data-pending={pending.length}>
            {pending.length ? te('unsaved', { count: pending.length }) : te('noChanges')}
          </div>
          {pending.length > 0 && (
            <ul className="pending-list">
              {pending.map((change) => {
                const draft = session.features.find((f) => f.key === change.key) ?? session.state.base[change.key];
                const changeLayer = layersByKey.get(change.layerKey);
                const title = draft?.id ? featureTitle({ id: draft.id, layerKey: draft.layerKey, geometry: draft.geometry, attributes: draft.attributes }, changeLayer) : te('newFeature');
                const invalid = !!session.problems[change.key] || !!session.state.serverProblems[change.key]?.length;
                return (
                  <li key={change.key} className={invalid ? 'invalid' : undefined}>
                    <button type="button" className="link" onClick={() => session.select(change.key)} disabled={change.kind === 'delete'}>
                      <span className={`pending-kind ${change.kind}`}>
                        {te(change.kind === 'create' ? 'pendingCreate' : change.kind === 'delete' ? 'pendingDelete' : 'pendingUpdate')}
                      </span>{' '}
                      {title}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}

          <div className="edit-save">
            <button type="button" className="primary" disabled={!pending.length || session.save.state === 'saving'} onClick={() => void session.saveChanges()}>
              {session.save.state === 'saving' ? te('saving') : te('save')}
            </button>
            <button
              type="button"
              disabled={!pending.length}
              onClick={() => window.confirm(te('discardConfirm', { count: pending.length })) && session.discard()}
            >
              {te('discard')}
            </button>
          </div>
          {session.save.message && (
            <p className={session.save.state === 'error' ? 'error' : 'notice'} role={session.save.state === 'error' ? 'alert' : 'status'} data-testid="save-status">
              {session.save.message}
            </p>
          )}
          <button type="button" className="small" onClick={stop}>
            {te('stopEditing')}
          </button>
        </>
      )}
    </div>
  );
}

/** The sidebar section around the toolbar. */
export function EditSection(props: { session: EditSession; layersByKey: Map<string, Layer> }) {
  const te = useEditText();
  if (!props.session.enabled) return null;
  return (
    <details open className="edit-section">
      <summary>{te('editing')}</summary>
      <EditToolbar {...props} />
    </details>
  );
}
