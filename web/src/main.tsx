import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import './styles.css';

// /print/enquiry and /print/route are the sheets the server prints (no login screen, no app).
const PrintRoot = lazy(() => import('./print/PrintRoot'));
const printing = window.location.pathname.startsWith('/print/');
// /public is the public map (公開型GIS): no login screen, only published layers.
const PublicMap = lazy(() => import('./public/PublicMap'));
const publicMap = /^\/public\/?$/.test(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {printing ? (
      // The print root has a language and date style of its own per sheet.
      <Suspense fallback={null}>
        <PrintRoot />
      </Suspense>
    ) : (
    <I18nProvider>
      {publicMap ? (
        <Suspense fallback={null}>
          <PublicMap />
        </Suspense>
      ) : (
        <App />
      )}
    </I18nProvider>
    )}
  </StrictMode>,
);
