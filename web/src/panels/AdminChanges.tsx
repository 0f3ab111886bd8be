// Recent changes that are not feature edits — layer definitions, users and attachments — from the
// audit log, described with readable names, for the administrators' recent-changes panel.
import { fetchAuditLog, type AuditEntry } from '../api/audit';
import type { Layer } from '../api/model';
import { useI18n, type I18n } from '../i18n';
import { auditJa } from '../i18n/audit';
import type { MessageKey } from '../i18n/ja';
import { formatDateTime } from './HistoryPanel';

const ADMIN_KINDS = ['layer', 'user', 'department', 'attachment.upload', 'attachment.delete'];

/** The admin changes matching the recent-changes filter (layer key, user name, ISO bounds), newest first. */
export async function fetchAdminChanges(filter: { layer: string | null; user: string | null; since: string | null; until: string | null }): Promise<AuditEntry[]> {
  const pages = await Promise.all(ADMIN_KINDS.map((kind) =>
    fetchAuditLog({ kind, username: filter.user, from: filter.since, until: filter.until }, null, 50)));
  return pages.flatMap((p) => p.entries)
    .filter((e) => !filter.layer || e.layerKey === filter.layer)
    .sort((a, b) => Number(b.id) - Number(a.id));
}

/** One line: what changed, by name ("カーブミラー: 名称、項目", "点検写真.pdf — カーブミラー CM-0012"). */
export function describeAdminChange(e: AuditEntry, layers: Layer[], i18n: I18n): string {
  const { t } = i18n;
  const field = (key: string) => {
    const k = `adminChangeField.${key}`;
    return k in auditJa ? t(k as MessageKey) : key;
  };
  const layer = layers.find((l) => l.key === e.layerKey);
  const layerName = layer ? i18n.layerName(layer) : e.layerKey ?? '';
  const d = e.details as { before?: Record<string, unknown>; after?: Record<string, unknown>; passwordChanged?: boolean; filename?: string; featureId?: string; featureLabel?: string | null };
  // The feature by its label ("G-9001"); its id only when it has none (or the entry is older than labels).
  const feature = `${layerName} ${d.featureLabel ?? `#${d.featureId ?? ''}`}`;
  const changed = [...Object.keys(d.after ?? {}), ...(d.passwordChanged ? ['passwordChanged'] : [])].map(field).join(i18n.lang === 'ja' ? '、' : ', ');
  switch (e.kind) {
    case 'layer.create': return `${layerName}（${t('adminChangeNew')}）`;
    case 'layer.update': return `${layerName}: ${changed}`;
    case 'user.create': case 'department.create': return `${e.target ?? ''}（${t('adminChangeNew')}）`;
    case 'user.update': return `${e.target ?? ''}: ${changed}`;
    case 'attachment.upload': return `${d.filename ?? ''} — ${feature}`;
    case 'attachment.delete': return `${t('adminChangeRemoved')} — ${feature}`;
    default: return e.target ?? '';
  }
}

export function AdminChangeList({ entries, layers }: { entries: AuditEntry[]; layers: Layer[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const kindLabel = (kind: string) => {
    const own = `auditKind.${kind}`;
    const group = `auditKind.${kind.split('.')[0]}`;
    return t((own in auditJa ? own : group) as MessageKey);
  };
  if (!entries.length) return null;
  return (
    <>
      <h3 className="admin-changes-title">{t('adminChangesTitle')}</h3>
      <ol className="changes-list admin-changes" aria-label={t('adminChangesTitle')}>
        {entries.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <div>{formatDateTime(e.at, i18n.lang)} · <strong>{e.username ?? ''}</strong></div>
            <div><span className="op op-update">{kindLabel(e.kind)}</span> {describeAdminChange(e, layers, i18n)}</div>
          </li>
        ))}
      </ol>
    </>
  );
}
