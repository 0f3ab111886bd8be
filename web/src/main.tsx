import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import './styles.css';

// /print/enquiry and /print/route are the sheets the server prints (no login screen, no app).
const PrintPage = lazy(() => import('./print/PrintPage'));
const printing = window.location.pathname.startsWith('/print/');
const printLang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'ja';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider lang={printing ? printLang : undefined}>
      {printing ? (
        <Suspense fallback={null}>
          <PrintPage />
        </Suspense>
      ) : (
        <App />
      )}
    </I18nProvider>
  </StrictMode>,
);
