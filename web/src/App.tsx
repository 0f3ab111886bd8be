// Session gate: shows the login screen until the server knows the user, then the map.
// The map (and MapLibre, most of the JavaScript) is loaded only after login.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { ApiError, onUnauthenticated } from './api/client';
import { fetchMe, logout } from './api/queries';
import type { User } from './api/model';
import { useI18n } from './i18n';
import { LanguageToggle } from './panels/LanguageToggle';
import { LoginScreen } from './panels/LoginScreen';

const MapApp = lazy(() => import('./MapApp'));

type Session = { state: 'checking' } | { state: 'anonymous'; notice?: string } | { state: 'user'; user: User };

export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    let cancelled = false;
    fetchMe()
      .then((user) => !cancelled && setSession(user ? { state: 'user', user } : { state: 'anonymous' }))
      .catch((e: unknown) => {
        if (cancelled) return;
        const notice = e instanceof ApiError && e.code !== 'UNAUTHENTICATED' ? t('networkError') : undefined;
        setSession({ state: 'anonymous', notice });
      });
    return () => {
      cancelled = true;
    };
    // The session is checked once per page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(
    () => onUnauthenticated(() => setSession((s) => (s.state === 'user' ? { state: 'anonymous', notice: t('sessionExpired') } : s))),
    [t],
  );

  const handleLogout = useCallback(async () => {
    // The map goes first (its tile and query requests still on the way are aborted), so nothing it asks
    // for meets the ended session as a 401 while the logout is on its way.
    flushSync(() => setSession({ state: 'anonymous' }));
    await logout().catch(() => undefined); // the session ends on the server's own schedule if this fails
  }, []);

  if (session.state === 'checking') {
    return (
      <div className="splash" role="status">
        {t('loading')}
      </div>
    );
  }
  if (session.state === 'anonymous') {
    return (
      <div className="login-page">
        <header className="app-header">
          <h1 className="app-title">
            {t('appName')} <span className="app-subtitle">{t('appSubtitle')}</span>
          </h1>
          <LanguageToggle />
        </header>
        <LoginScreen notice={session.notice} onLoggedIn={(user) => setSession({ state: 'user', user })} />
      </div>
    );
  }
  return (
    <Suspense
      fallback={
        <div className="splash" role="status">
          {t('loading')}
        </div>
      }
    >
      <MapApp user={session.user} onLogout={() => void handleLogout()} />
    </Suspense>
  );
}
