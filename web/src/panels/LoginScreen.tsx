import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { login } from '../api/queries';
import type { User } from '../api/model';
import { useI18n } from '../i18n';

export function LoginScreen({ notice, onLoggedIn }: { notice?: string; onLoggedIn: (user: User) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await login(username.trim(), password));
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      setError(code === 'NETWORK_ERROR' || code === 'BAD_RESPONSE' ? t('networkError') : t('loginFailed'));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-form" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h2 id="login-title">{t('loginTitle')}</h2>
        {notice && !error && <p className="notice" role="status">{notice}</p>}
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
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
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('loggingIn') : t('loginButton')}
        </button>
      </form>
    </main>
  );
}
