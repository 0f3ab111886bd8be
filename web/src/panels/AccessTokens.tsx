// Personal access tokens for desktop GIS: create (the secret shown once), list with last use, revoke.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { createAccessToken, fetchAccessTokens, revokeAccessToken, type AccessToken } from '../api/audit';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { formatDateTime } from './HistoryPanel';
import { Dialog, DialogButton } from './Dialog';

/** The user menu's entry: a button that opens the token dialog. */
export function AccessTokensButton({ layers }: { layers: Layer[] | null }) {
  const { t } = useI18n();
  return <DialogButton label={t('tokensOpen')} dialog={(close) => <AccessTokensDialog layers={layers ?? []} onClose={close} />} />;
}

function AccessTokensDialog({ layers, onClose }: { layers: Layer[]; onClose: () => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [tokens, setTokens] = useState<AccessToken[] | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState(365);
  const [readOnly, setReadOnly] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = useCallback((e: unknown) => setError(t('error', { message: e instanceof ApiError ? e.message : String(e) })), [t]);
  const reload = useCallback(() => fetchAccessTokens().then(setTokens, fail), [fail]);
  useEffect(() => { void reload(); }, [reload]);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const made = await createAccessToken({ name, expiresInDays: days, readOnly, layers: chosen.length ? chosen : null });
      setSecret(made.token);
      setName('');
      await reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: AccessToken) {
    if (!window.confirm(t('tokensRevokeConfirm', { name: token.name }))) return;
    try {
      await revokeAccessToken(token.id);
      await reload();
    } catch (e) {
      fail(e);
    }
  }

  const layerName = (key: string) => { const l = layers.find((x) => x.key === key); return l ? i18n.layerName(l) : key; };
  // The moment the list was drawn: expiry is judged against it, not against a clock read during render.
  const [now] = useState(() => Date.now());
  const state = (tk: AccessToken) => (tk.revokedAt ? t('tokensRevoked') : Date.parse(tk.expiresAt) < now ? t('tokensExpired') : null);

  return (
    <Dialog titleId="tokens-title" title={t('tokensTitle')} className="tokens-dialog" onClose={onClose}>
        <p className="hint">{t('tokensIntro')}</p>
        <form className="tokens-form" onSubmit={(e) => { e.preventDefault(); void create(); }}>
          <label>{t('tokensName')}<input name="tokenName" value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} /></label>
          <label>{t('tokensDays')}<input name="tokenDays" type="number" min={1} value={days} onChange={(e) => setDays(Number(e.target.value))} /></label>
          <label className="inline"><input name="tokenReadOnly" type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} /> {t('tokensReadOnly')}</label>
          <label>{t('tokensLayers')}
            <select name="tokenLayers" multiple size={Math.min(6, layers.length)} value={chosen}
              onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))}>
              {layers.map((l) => <option key={l.key} value={l.key}>{i18n.layerName(l)}</option>)}
            </select>
          </label>
          <button type="submit" disabled={busy || !name.trim()}>{t('tokensCreate')}</button>
        </form>
        {secret && (
          <div className="token-secret" role="status">
            <p>{t('tokensCreated')}</p>
            <code aria-label="token">{secret}</code>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>{t('tokensCopy')}</button>
          </div>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        {tokens && !tokens.length && <p>{t('tokensNone')}</p>}
        {tokens && tokens.length > 0 && (
          <ul className="tokens-list">
            {tokens.map((tk) => (
              <li key={tk.id} className={state(tk) ? 'inactive' : undefined}>
                <strong>{tk.name}</strong> <code>{tk.prefix}…</code> · {tk.readOnly ? t('tokensReadOnly') : t('tokensReadWrite')}
                {' · '}{tk.layers ? tk.layers.map(layerName).join('、') : t('tokensAllLayers')}
                <br />
                {t('tokensExpires')}: {formatDateTime(tk.expiresAt, lang)} · {t('tokensLastUsed')}: {tk.lastUsedAt ? `${formatDateTime(tk.lastUsedAt, lang)} (${tk.lastUsedAddress ?? ''})` : t('tokensNever')}
                {state(tk) ? <> · <em>{state(tk)}</em></> : (
                  <button type="button" onClick={() => void revoke(tk)} aria-label={`${t('tokensRevoke')}: ${tk.name}`}>{t('tokensRevoke')}</button>
                )}
              </li>
            ))}
          </ul>
        )}
    </Dialog>
  );
}
