import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import './styles.css';

// /print/enquiry and /print/route are the sheets the server prints (no login screen, no app).
const PrintPage = lazy(() => import('./print/PrintPage'));
const printing = window.location.pathname.startsWith('/print/');
// /public is the public map (公開型GIS): no login screen, only published layers.
const PublicMap = lazy(() => import('./public/PublicMap'));
const publicMap = /^\/public\/?$/.test(window.location.pathname);
const printLang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'ja';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider lang={printing ? printLang : undefined}>
      {printing ? (
        <Suspense fallback={null}>
          <PrintPage />
        </Suspense>
      ) : publicMap ? (
        <Suspense fallback={null}>
          <PublicMap />
        </Suspense>
      ) : (
        <App />
      )}
    </I18nProvider>
  </StrictMode>,
);
