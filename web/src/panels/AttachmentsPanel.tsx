// Files attached to a feature (scanned 境界確定図, photos of mirrors and garbage points): list,
// preview in the page (PDF in a frame, images as images), download; editors upload and delete.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { deleteAttachment, downloadUrl, fetchAttachments, fetchClientSettings, uploadAttachment, type Attachment } from '../api/ledger';
import { ApiError } from '../api/client';
import { useI18n, type I18n } from '../i18n';
import { serverErrorText } from '../i18n/errors';

/** The server's default limit (ATTACHMENT_MAX_MB) until clientSettings says otherwise; the server has the last word. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const ACCEPTED = { 'application/pdf': ['pdf'], 'image/jpeg': ['jpg', 'jpeg'], 'image/png': ['png'] } as const;

/** Why a file cannot be attached, before sending it; null when it may be sent. */
export function fileProblem(file: { name: string; type: string; size: number }, maxBytes = MAX_ATTACHMENT_BYTES): 'type' | 'size' | 'empty' | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  const byType = file.type in ACCEPTED;
  const byExt = Object.values(ACCEPTED).some((exts) => (exts as readonly string[]).includes(ext));
  if (!byType && !byExt) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'size';
  return null;
}

export function formatBytes(bytes: number, i18n: Pick<I18n, 'formatNumber'>): string {
  if (bytes >= 1024 * 1024) return `${i18n.formatNumber(bytes / 1024 / 1024, 1)} MB`;
  if (bytes >= 1024) return `${i18n.formatNumber(bytes / 1024, 0)} KB`;
  return `${bytes} B`;
}

interface Props {
  featureId: string;
  canEdit: boolean;
}

export function AttachmentsPanel({ featureId, canEdit }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [maxBytes, setMaxBytes] = useState(MAX_ATTACHMENT_BYTES);
  const maxMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;

  useEffect(() => {
    if (!canEdit) return;
    let live = true;
    fetchClientSettings().then(
      (settings) => live && setMaxBytes(settings.attachmentMaxBytes),
      () => {}, // the default stands; the server still checks
    );
    return () => {
      live = false;
    };
  }, [canEdit]);

  const reload = useCallback(
    (signal?: AbortSignal) =>
      fetchAttachments(featureId, signal).then(
        (list) => {
          setItems(list);
          setError(null);
        },
        (e: unknown) => {
          if ((e as Error).name !== 'AbortError') setError((e as Error).message);
        },
      ),
    [featureId],
  );

  // Another feature: its own list, from the start.
  const [listFor, setListFor] = useState(featureId);
  if (listFor !== featureId) {
    setListFor(featureId);
    setItems(null);
    setPreview(null);
    setNotice(null);
  }
  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  async function upload(file: File) {
    const problem = fileProblem(file, maxBytes);
    if (problem) {
      setNotice(t(problem === 'type' ? 'attachmentBadType' : problem === 'size' ? 'attachmentTooLarge' : 'attachmentEmpty', { name: file.name, max: maxMb }));
      return;
    }
    setBusy(t('uploading', { name: file.name }));
    setNotice(null);
    try {
      const added = await uploadAttachment(featureId, file);
      setNotice(t('attachmentAdded', { name: added.filename }));
      await reload();
    } catch (e) {
      setNotice(t('attachmentRefused', { name: file.name, message: e instanceof ApiError ? serverErrorText(i18n.lang, e.message, e.extensions) : (e as Error).message }));
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  async function remove(item: Attachment) {
    if (!window.confirm(t('attachmentDeleteConfirm', { name: item.filename }))) return;
    try {
      await deleteAttachment(item.id);
      if (preview === item.id) setPreview(null);
      await reload();
    } catch (e) {
      setNotice(t('error', { message: (e as Error).message }));
    }
  }

  const previewed = items?.find((a) => a.id === preview);
  return (
    <section className="attachments-panel" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {t('attachments')}
        {items && <span className="muted"> ({items.length})</span>}
      </h4>
      {!items && !error && <p role="status">{t('loading')}</p>}
      {error && (
        <p className="error" role="alert">
          {t('error', { message: error })}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t('noAttachments')}</p>}
      {items && items.length > 0 && (
        <ul className="attachment-list">
          {items.map((item) => (
            <li key={item.id} data-attachment-id={item.id}>
              <span className="attachment-name">{item.filename}</span>
              <span className="muted">
                {formatBytes(item.sizeBytes, i18n)} · {i18n.formatDate(item.uploadedAt)}
                {item.uploadedBy ? ` · ${item.uploadedBy}` : ''}
              </span>
              <span className="attachment-actions">
                <button
                  type="button"
                  className="small"
                  aria-pressed={preview === item.id}
                  aria-label={t('previewFile', { name: item.filename })}
                  onClick={() => setPreview(preview === item.id ? null : item.id)}
                >
                  {t('attachmentPreview')}
                </button>
                <a className="button small" href={downloadUrl(item)} download={item.filename} aria-label={t('downloadFile', { name: item.filename })}>
                  {t('attachmentDownload')}
                </a>
                {canEdit && (
                  <button type="button" className="small" aria-label={t('deleteFile', { name: item.filename })} onClick={() => void remove(item)}>
                    {t('attachmentDelete')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {previewed && (
        <div className="attachment-preview">
          {previewed.contentType === 'application/pdf' ? (
            <iframe src={previewed.url} title={t('previewOf', { name: previewed.filename })} />
          ) : (
            <img src={previewed.url} alt={t('previewOf', { name: previewed.filename })} />
          )}
        </div>
      )}
      {canEdit && (
        <div className="attachment-upload">
          <label>
            {t('attachFile')}
            <input
              ref={fileInput}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              disabled={busy !== null}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
            />
          </label>
          <span className="muted">{t('attachmentLimits', { max: maxMb })}</span>
        </div>
      )}
      {busy && <p role="status">{busy}</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </section>
  );
}
