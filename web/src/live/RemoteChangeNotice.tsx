// Tells the person editing a feature that someone else saved it meanwhile (before they save).
import { JAPAN_TIME_ZONE } from '#domain/dates';
import { useI18n } from '../i18n';
import type { LiveEdit } from './useLiveEdits';

export function RemoteChangeNotice({ edit, version }: { edit: LiveEdit | undefined; version: number | null | undefined }) {
  const i18n = useI18n();
  // Only a version newer than the one being edited: our own save's event is not news.
  if (!edit || edit.version === null || version == null || edit.version <= version) return null;
  const when = new Date(edit.changedAt).toLocaleTimeString(i18n.lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: JAPAN_TIME_ZONE });
  const who = edit.changedBy ?? i18n.t('liveSomeone');
  return (
    <p className="error" role="alert" data-testid="remote-change">
      {i18n.t(edit.operation === 'delete' ? 'liveDeletedByOther' : 'liveChangedByOther', { who, when, version: edit.version })}
    </p>
  );
}
