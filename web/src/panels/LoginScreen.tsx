import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { login } from '../api/queries';
import type { User } from '../api/model';
import { useI18n } from '../i18n';
import { serverErrorText } from '../i18n/errors';

export function LoginScreen({ notice, onLoggedIn }: { notice?: string; onLoggedIn: (user: User) => void }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Set once the server says the password expired: the form then asks for a new one and logs in with both.
  // The server's reason in the user's language (expired after N days, or required by an administrator).
  const [expired, setExpired] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (expired !== null && newPassword !== repeat) {
      setError(t('passwordMismatch'));
      return;
    }
    setBusy(true);
    try {
      onLoggedIn(await login(username.trim(), password, expired !== null ? newPassword : undefined));
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      const reason = e instanceof ApiError ? e.extensions.reason : undefined;
      if (reason === 'passwordExpired' || reason === 'passwordChangeRequired') {
        setExpired(e instanceof ApiError ? serverErrorText(lang, e.message, e.extensions) : t('loginExpired'));
        setError(null);
      } else if (expired !== null && code === 'BAD_USER_INPUT' && e instanceof ApiError) {
        setError(serverErrorText(lang, e.message, e.extensions)); // the policy's reason: too short, reused …
      } else {
        setError(code === 'NETWORK_ERROR' || code === 'BAD_RESPONSE' ? t('networkError') : t('loginFailed'));
      }
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-form" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h2 id="login-title">{t('loginTitle')}</h2>
        {notice && !error && !expired && <p className="notice" role="status">{notice}</p>}
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            readOnly={expired !== null}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            readOnly={expired !== null}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {expired !== null && (
          <>
            <p className="notice" role="status">{expired}</p>
            <label>
              {t('loginNewPassword')}
              <input name="newPassword" type="password" autoComplete="new-password" required autoFocus
                value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
            </label>
            <label>
              {t('loginNewPasswordRepeat')}
              <input name="newPasswordRepeat" type="password" autoComplete="new-password" required
                value={repeat} onChange={(e) => setRepeat(e.target.value)} />
            </label>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('loggingIn') : expired !== null ? t('loginChangeAndLogin') : t('loginButton')}
        </button>
      </form>
    </main>
  );
}
