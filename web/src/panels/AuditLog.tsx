// The audit log (administrators): filter by user, kind and date, page through, export as CSV.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { auditCsvUrl, fetchAuditLog, type AuditEntry, type AuditFilter } from '../api/audit';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/ja';
import { auditJa } from '../i18n/audit';
import { dayBoundary } from './ChangesPanel';
import { formatDateTime } from './HistoryPanel';
import { Dialog, DialogButton } from './Dialog';

/** Kinds offered in the filter; a first part ("login") also matches its sub-kinds on the server. */
const KINDS = ['login', 'login.failed', 'logout', 'session.expired', 'export', 'print', 'import', 'attachment', 'attachment.download', 'layer', 'department', 'user', 'token', 'read', 'audit'] as const;


export function AuditLogButton() {
  const { t } = useI18n();
  return <DialogButton label={t('auditOpen')} dialog={(close) => <AuditLogDialog onClose={close} />} />;
}

function AuditLogDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState({ username: '', kind: '', from: '', until: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The first page is asked for as the dialog opens.
  const [busy, setBusy] = useState(true);

  /** Reads a page (the first when `before` is null) into the list; the caller has marked the dialog busy. */
  const fetchPage = useCallback((f: AuditFilter, before: string | null) =>
    fetchAuditLog(f, before)
      .then(
        (page) => {
          setEntries((old) => (before ? [...old, ...page.entries] : page.entries));
          setTotal(page.totalCount);
          setNext(page.nextBefore);
        },
        (e: unknown) => setError(t('error', { message: e instanceof ApiError ? e.message : String(e) })),
      )
      .finally(() => setBusy(false)), [t]);
  const load = (f: AuditFilter, before: string | null) => {
    setBusy(true);
    setError(null);
    void fetchPage(f, before);
  };

  const firstPage = useEffectEvent(() => void fetchPage(filter, null));
  useEffect(() => firstPage(), []);

  // A kind with its own message (ログイン失敗), else its group's message with the kind (レイヤー定義の変更 (layer.update)).
  const kindLabel = (kind: string) => {
    const key = `auditKind.${kind}`;
    if (key in auditJa) return t(key as MessageKey);
    const group = `auditKind.${kind.split('.')[0]}`;
    return group in auditJa ? `${t(group as MessageKey)} (${kind})` : kind;
  };

  return (
    <Dialog titleId="audit-title" title={t('auditTitle')} className="audit-dialog" onClose={onClose}
      buttons={next && <button type="button" onClick={() => void load(filter, next)} disabled={busy}>{t('auditMore')}</button>}>
        <form className="audit-filter" onSubmit={(e) => {
          e.preventDefault();
          const chosen = { username: form.username.trim() || null, kind: form.kind || null, from: dayBoundary(form.from, false), until: dayBoundary(form.until, true) };
          setFilter(chosen);
          load(chosen, null);
        }}>
          <label>{t('auditUser')}<input name="username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} /></label>
          <label>{t('auditKind')}
            <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="">{t('auditKindAll')}</option>
              {KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
            </select>
          </label>
          <label>{t('auditFrom')}<input type="date" name="from" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} /></label>
          <label>{t('auditUntil')}<input type="date" name="until" value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value })} /></label>
          <button type="submit" disabled={busy}>{t('auditSearch')}</button>
          <a className="button-link" href={auditCsvUrl(filter)} download>{t('auditCsv')}</a>
        </form>
        {error && <p className="error" role="alert">{error}</p>}
        <p role="status">{entries.length ? t('auditCount', { count: total, shown: entries.length }) : busy ? t('loading') : t('auditEmpty')}</p>
        {entries.length > 0 && (
          <div className="audit-table-wrap">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('auditAt')}</th><th scope="col">{t('auditKind')}</th><th scope="col">{t('auditUser')}</th>
                  <th scope="col">{t('auditAddress')}</th><th scope="col">{t('auditTarget')}</th><th scope="col">{t('auditRows')}</th>
                  <th scope="col">{t('auditDetails')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className={`audit-${e.kind.split('.')[0]}`}>
                    <td>{formatDateTime(e.at, lang)}</td>
                    <td>{kindLabel(e.kind)}</td>
                    <td>{e.username ?? ''}</td>
                    <td>{e.clientAddress ?? ''}</td>
                    <td>{[e.layerKey, e.target].filter((x, i, all) => x && all.indexOf(x) === i).join(' / ')}</td>
                    <td className="number">{e.rowCount ?? ''}</td>
                    <td><code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </Dialog>
  );
}
