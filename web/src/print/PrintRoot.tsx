// The root of the print pages. The server keeps a few Chromium pages with this app loaded and
// prints one sheet after another in each (server/src/modules/print/print.pool.ts): instead of a
// new page load per sheet it calls window.__chizuPrint(next URL), which puts the URL in the
// address bar and mounts the sheet afresh (language, date style, state: nothing of the previous
// sheet survives but the loaded code, the browser's cache and the user-independent settings).
import { useEffect, useState } from 'react';
import { DATE_STYLES } from '#domain/dates';
import { I18nProvider } from '../i18n';
import PrintPage from './PrintPage';
import { startSheetTimings } from './timings';

declare global {
  interface Window {
    /** Prints the sheet at this same-origin path (/print/…?…) in place of the current one. */
    __chizuPrint?: (pathAndQuery: string) => void;
  }
}

export default function PrintRoot() {
  const [job, setJob] = useState(0);
  useEffect(() => {
    window.__chizuPrint = (pathAndQuery: string) => {
      const next = new URL(pathAndQuery, window.location.origin);
      if (next.origin !== window.location.origin || !next.pathname.startsWith('/print/')) throw new Error(`not a print page: ${pathAndQuery}`);
      delete window.__chizuSheetReady;
      delete window.__chizuSheetError;
      startSheetTimings();
      window.history.replaceState(null, '', next.pathname + next.search);
      setJob((n) => n + 1);
    };
    return () => { delete window.__chizuPrint; };
  }, []);
  const query = new URLSearchParams(window.location.search);
  // A sheet writes dates as its request says (the user's 和暦 preference), not as this browser remembers.
  const dates = DATE_STYLES.find((style) => style === query.get('dates')) ?? 'iso';
  return (
    <I18nProvider key={job} lang={query.get('lang') === 'en' ? 'en' : 'ja'} dateStyle={dates}>
      <PrintPage key={job} />
    </I18nProvider>
  );
}
