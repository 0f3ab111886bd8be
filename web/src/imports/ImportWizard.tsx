// ファイル取込: choose a file → encoding, table, location columns → column mapping → dry run with the
// refused rows → import with progress → undo. Each step is a call to the server's import jobs.
import { useEffect, useRef, useState } from 'react';
import { ApiError, gql } from '../api/client';
import { graphql } from '../api/generated';
import type { ImportSummaryFieldsFragment } from '../api/generated/graphql';
import type { Layer, User } from '../api/model';
import { useI18n } from '../i18n';

interface InferredField { key: string; label: string; labelEn: string; type: string }

interface Preview {
  inferredFields: InferredField[];
  geometryTypes: string[];
  format: string;
  encoding: string | null;
  tables: string[];
  table: string | null;
  columns: string[];
  rowCount: number;
  mapping: Record<string, string>;
  geometry: { lon?: string; lat?: string; planeX?: string; planeY?: string; wkt?: string; address?: string };
}

type Summary = ImportSummaryFieldsFragment;

const NEW_LAYER = '__new__';
const FIELD_TYPES = ['text', 'integer', 'number', 'date', 'boolean'];

/** @public Spread by name in the import documents; the generator reads it here. */
export const ImportSummaryFields = graphql(`
  fragment ImportSummaryFields on ImportSummary { create update unchanged refused warnings refusedRows { line field code message value } }
`);
// importPreview is JSON (its shape is Preview above).
const PreviewQuery = graphql(`query ImportPreview($id: ID!, $o: JSONObject) { importPreview(id: $id, options: $o) }`);
const DryRunMutation = graphql(`mutation ImportDryRun($id: ID!, $o: JSONObject) { importDryRun(id: $id, options: $o) { ...ImportSummaryFields } }`);
const ProgressQuery = graphql(`query ImportProgress($id: ID!) { importJob(id: $id) { progress { phase rowsRead rowsChecked rowsWritten total } } }`);
const CommitMutation = graphql(`mutation CommitImport($id: ID!, $o: JSONObject) { commitImport(id: $id, options: $o) { ...ImportSummaryFields } }`);
const CancelMutation = graphql(`mutation CancelImport($id: ID!) { cancelImport(id: $id) }`);
const UndoMutation = graphql(`mutation UndoImport($id: ID!) { undoImport(id: $id) }`);

async function uploadFile(file: File, layer: string): Promise<string> {
  const qs = new URLSearchParams({ filename: file.name, layer });
  // The file's own type may be empty (.sim, .gpkg): the server reads the content, and a typed body passes the CSRF guard.
  const res = await fetch(`/api/imports?${qs}`, { method: 'POST', credentials: 'same-origin', body: file, headers: { 'content-type': 'application/octet-stream' } });
  const body = (await res.json()) as { id?: string; error?: { code: string; message: string } };
  if (!res.ok || !body.id) throw new ApiError(body.error?.message ?? `HTTP ${res.status}`, body.error?.code ?? 'BAD_RESPONSE');
  return body.id;
}

interface Props {
  user: User;
  layers: Layer[];
  /** After an import or its undo: the layers' data changed. */
  onImported(layerKey: string): void;
}

export function ImportWizard({ user, layers, onImported }: Props) {
  const { t, fieldLabel, layerName, departmentName } = useI18n();
  const editable = layers.filter((l) => l.canEdit);
  const admin = user.role === 'ADMIN';
  const departments = [...new Map(layers.filter((l) => l.department).map((l) => [l.department!.key, l.department!])).values()];
  const [layerKey, setLayerKey] = useState(editable[0]?.key ?? '');
  // An administrator's new layer made from the file: key, name, department and the inferred fields (editable).
  const [newLayer, setNewLayer] = useState({ key: '', nameJa: '', departmentKey: departments[0]?.key ?? '' });
  const [newFields, setNewFields] = useState<InferredField[]>([]);
  const creating = layerKey === NEW_LAYER;
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [encoding, setEncoding] = useState('');
  const [table, setTable] = useState('');
  const [geometry, setGeometry] = useState<Preview['geometry']>({});
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [keyField, setKeyField] = useState('');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [skipRefused, setSkipRefused] = useState(false);
  const [progress, setProgress] = useState<{ read: number; checked: number; written: number; total: number } | null>(null);
  const [done, setDone] = useState<Summary | null>(null);
  const [undone, setUndone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const poll = useRef<number | null>(null);
  useEffect(() => () => { if (poll.current) window.clearInterval(poll.current); }, []);

  const layer = layers.find((l) => l.key === layerKey);
  const fieldChoices = creating ? newFields.map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn })) : (layer?.fields ?? []).filter((f) => !f.computed);
  if (!editable.length && !admin) return null;

  const newLayerOptions = () => creating && preview ? {
    newLayer: {
      ...newLayer, nameEn: newLayer.key, fields: newFields,
      geometryTypes: preview.geometryTypes.length ? preview.geometryTypes : ['Point'],
    },
  } : {};

  const options = () => ({
    ...newLayerOptions(),
    layer: creating ? undefined : layerKey, encoding: encoding || undefined, table: table || undefined, mapping, keyField: keyField || undefined,
    geometry: Object.fromEntries(Object.entries(geometry).filter(([, v]) => v)),
  });

  async function step(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try { await fn(); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  }

  const readFile = () => step(async () => {
    if (!file) return;
    const id = jobId ?? (await uploadFile(file, creating ? '' : layerKey));
    setJobId(id);
    const importPreview = (await gql(PreviewQuery,
      { id, o: { layer: creating ? undefined : layerKey, encoding: encoding || undefined, table: table || undefined } })).importPreview as unknown as Preview;
    setPreview(importPreview);
    setNewFields(importPreview.inferredFields);
    setMapping(creating ? Object.fromEntries(importPreview.columns.map((c, i) => [c, importPreview.inferredFields[i].key])) : importPreview.mapping);
    setGeometry(importPreview.geometry);
    setTable(importPreview.table ?? '');
    setSummary(null);
  });

  /** Runs a dry run or commit while polling its progress (rows read, checked, written), which the user can cancel. */
  const withProgress = async <T,>(id: string, run: () => Promise<T>): Promise<T> => {
    setProgress({ read: 0, checked: 0, written: 0, total: 0 });
    poll.current = window.setInterval(() => {
      gql(ProgressQuery, { id })
        .then((r) => {
          const p = r.importJob.progress;
          if (p) setProgress({ read: p.rowsRead, checked: p.rowsChecked, written: p.rowsWritten, total: p.total });
        }, () => {});
    }, 500);
    try {
      return await run();
    } finally {
      if (poll.current) window.clearInterval(poll.current);
      poll.current = null;
      setProgress(null);
    }
  };

  const dryRun = () => step(async () => {
    if (!jobId) return;
    const { importDryRun } = await withProgress(jobId, () => gql(DryRunMutation, { id: jobId, o: options() }));
    setSummary(importDryRun);
  });

  const commit = () => step(async () => {
    // The commit reads and checks the file again, writing each checked chunk: all three counts move.
    const { commitImport } = await withProgress(jobId!, () => gql(CommitMutation, { id: jobId!, o: { ...options(), skipRefused } }));
    setDone(commitImport);
    onImported(creating ? newLayer.key : layerKey);
  });

  const cancel = () => { if (jobId) gql(CancelMutation, { id: jobId }).catch(() => {}); };

  const undo = () => step(async () => {
    if (!jobId) return;
    const { undoImport } = await gql(UndoMutation, { id: jobId });
    setUndone(undoImport);
    onImported(creating ? newLayer.key : layerKey);
  });

  const reset = () => {
    setFile(null); setJobId(null); setPreview(null); setSummary(null); setDone(null); setUndone(null); setMapping({}); setGeometry({});
    setKeyField(''); setEncoding(''); setTable(''); setError(null);
  };

  const columnSelect = (label: string, key: keyof Preview['geometry'], testId: string) => (
    <label>
      {label}
      <select data-testid={testId} value={geometry[key] ?? ''} onChange={(e) => setGeometry({ ...geometry, [key]: e.target.value || undefined })}>
        <option value="">{t('importNone')}</option>
        {preview!.columns.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </label>
  );

  return (
    <div className="import-wizard" aria-label={t('importTitle')}>
      {error && <p className="error" role="alert">{t('error', { message: error })}</p>}
      {!preview && (
        <>
          <label>
            {t('importLayer')}
            <select value={layerKey} onChange={(e) => setLayerKey(e.target.value)} data-testid="import-layer">
              {editable.map((l) => <option key={l.key} value={l.key}>{layerName(l)}</option>)}
              {admin && <option value={NEW_LAYER}>{t('importNewLayer')}</option>}
            </select>
          </label>
          {creating && (
            <>
              <label>{t('importNewLayerKey')}<input value={newLayer.key} onChange={(e) => setNewLayer({ ...newLayer, key: e.target.value })} /></label>
              <label>{t('importNewLayerName')}<input value={newLayer.nameJa} onChange={(e) => setNewLayer({ ...newLayer, nameJa: e.target.value })} /></label>
              <label>{t('importDepartment')}
                <select value={newLayer.departmentKey} onChange={(e) => setNewLayer({ ...newLayer, departmentKey: e.target.value })}>
                  {departments.map((d) => <option key={d.key} value={d.key}>{departmentName(d)}</option>)}
                </select>
              </label>
            </>
          )}
          <label>
            {t('importFile')}
            <input type="file" data-testid="import-file" accept=".csv,.tsv,.txt,.xlsx,.zip,.gpkg,.geojson,.json,.sim"
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); setJobId(null); }} />
          </label>
          <button type="button" onClick={() => void readFile()} disabled={!file || busy}>{t('importUpload')}</button>
        </>
      )}
      {preview && !done && (
        <>
          <p>{file?.name} — {preview.format.toUpperCase()} · {preview.rowCount}</p>
          <label>
            {t('importEncoding')}
            <select value={encoding} onChange={(e) => setEncoding(e.target.value)}>
              <option value="">{t('importEncodingAuto')}{preview.encoding ? ` (${preview.encoding === 'cp932' ? 'Shift_JIS' : 'UTF-8'})` : ''}</option>
              <option value="utf8">UTF-8</option>
              <option value="cp932">Shift_JIS (CP932)</option>
            </select>
          </label>
          {preview.tables.length > 1 && (
            <label>
              {t('importTable')}
              <select value={table} onChange={(e) => setTable(e.target.value)}>
                {preview.tables.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
          )}
          {(encoding || table !== (preview.table ?? '')) && <button type="button" onClick={() => void readFile()} disabled={busy}>{t('importUpload')}</button>}
          <fieldset>
            <legend>{t('importGeometry')}</legend>
            {columnSelect(t('importLon'), 'lon', 'import-lon')}
            {columnSelect(t('importLat'), 'lat', 'import-lat')}
            {columnSelect(t('importPlaneX'), 'planeX', 'import-plane-x')}
            {columnSelect(t('importPlaneY'), 'planeY', 'import-plane-y')}
            <p className="hint">{t('importPlaneNote')}</p>
          </fieldset>
          {creating && (
            <fieldset>
              <legend>{t('importNewLayer')}</legend>
              <table className="import-new-fields">
                <tbody>
                  {newFields.map((f, i) => (
                    <tr key={i}>
                      <td><input aria-label={`${f.label} key`} value={f.key} onChange={(e) => {
                        const key = e.target.value;
                        const old = f.key;
                        setNewFields(newFields.map((x, j) => (j === i ? { ...x, key } : x)));
                        setMapping(Object.fromEntries(Object.entries(mapping).map(([c, k]) => [c, k === old ? key : k])));
                      }} /></td>
                      <td><input aria-label={`${f.label} label`} value={f.label} onChange={(e) => setNewFields(newFields.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} /></td>
                      <td><select aria-label={`${f.label} type`} value={f.type} onChange={(e) => setNewFields(newFields.map((x, j) => (j === i ? { ...x, type: e.target.value } : x)))}>
                        {FIELD_TYPES.map((ty) => <option key={ty} value={ty}>{ty}</option>)}
                      </select></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </fieldset>
          )}
          <fieldset>
            <legend>{t('importMapping')}</legend>
            <table className="import-mapping">
              <thead><tr><th>{t('importColumn')}</th><th>{t('importField')}</th></tr></thead>
              <tbody>
                {preview.columns.map((c) => (
                  <tr key={c}>
                    <td>{c}</td>
                    <td>
                      <select aria-label={c} value={mapping[c] ?? ''} onChange={(e) => {
                        const next = { ...mapping };
                        if (e.target.value) next[c] = e.target.value; else delete next[c];
                        setMapping(next);
                      }}>
                        <option value="">{t('importNone')}</option>
                        {fieldChoices.map((f) => <option key={f.key} value={f.key}>{fieldLabel(f)}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <label>
            {t('importKeyField')}
            <select value={keyField} onChange={(e) => setKeyField(e.target.value)} data-testid="import-key">
              <option value="">{t('importNone')}</option>
              {Object.values(mapping).map((k) => {
                const f = fieldChoices.find((x) => x.key === k);
                return <option key={k} value={k}>{f ? fieldLabel(f) : k}</option>;
              })}
            </select>
          </label>
          <button type="button" onClick={() => void dryRun()} disabled={busy}>{t('importDryRun')}</button>
          {summary && (
            <section className="import-summary" aria-live="polite">
              <p data-testid="import-counts">{t('importCounts', { create: summary.create, update: summary.update, unchanged: summary.unchanged, refused: summary.refused })}</p>
              {summary.warnings.map((w) => <p key={w} className="warning">{w}</p>)}
              {summary.refusedRows.length > 0 && (
                <>
                  <table className="import-refused" aria-label={t('importRefused')}>
                    <thead><tr><th>{t('importLine')}</th><th>{t('importField')}</th><th>{t('importReason')}</th></tr></thead>
                    <tbody>
                      {summary.refusedRows.slice(0, 100).map((r, i) => (
                        <tr key={i}><td>{r.line}</td><td>{r.field ?? ''}</td><td>{r.code}: {r.message}{r.value ? ` (${r.value})` : ''}</td></tr>
                      ))}
                    </tbody>
                  </table>
                  <a href={`/api/imports/${jobId}/refused.csv`} download>{t('importDownloadRefused')}</a>
                  <label><input type="checkbox" checked={skipRefused} onChange={(e) => setSkipRefused(e.target.checked)} /> {t('importSkipRefused')}</label>
                </>
              )}
              <button type="button" onClick={() => void commit()} disabled={busy || (summary.refused > 0 && !skipRefused)}>{t('importCommit')}</button>
            </section>
          )}
          {progress && (
            <div role="status">
              <progress max={progress.total || 1} value={progress.checked} />
              {t('importWriting', { read: progress.read, checked: progress.checked, written: progress.written, total: progress.total || '?' })}
              <button type="button" onClick={cancel}>{t('importCancel')}</button>
            </div>
          )}
        </>
      )}
      {done && (
        <section role="status">
          <p data-testid="import-done">{t('importDone', { create: done.create, update: done.update })}</p>
          {undone === null
            ? <button type="button" onClick={() => void undo()} disabled={busy}>{t('importUndo')}</button>
            : <p data-testid="import-undone">{t('importUndone', { count: undone })}</p>}
          <button type="button" onClick={reset}>{t('importAgain')}</button>
        </section>
      )}
    </div>
  );
}
