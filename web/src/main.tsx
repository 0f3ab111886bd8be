import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DATE_STYLES } from '#domain/dates';
import { I18nProvider } from './i18n';
import './styles.css';

// /print/enquiry and /print/route are the sheets the server prints (no login screen, no app).
const PrintPage = lazy(() => import('./print/PrintPage'));
const printing = window.location.pathname.startsWith('/print/');
// /public is the public map (公開型GIS): no login screen, only published layers.
const PublicMap = lazy(() => import('./public/PublicMap'));
const publicMap = /^\/public\/?$/.test(window.location.pathname);
const printQuery = new URLSearchParams(window.location.search);
const printLang = printQuery.get('lang') === 'en' ? 'en' : 'ja';
// A sheet writes dates as its request says (the user's 和暦 preference), not as this browser remembers.
const printDates = DATE_STYLES.find((style) => style === printQuery.get('dates')) ?? 'iso';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider lang={printing ? printLang : undefined} dateStyle={printing ? printDates : undefined}>
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
