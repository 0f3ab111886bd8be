// The print pages /print/enquiry and /print/route. The server opens them in Chromium with the
// caller's session, in a window the size of the paper, and saves them as PDF or PNG once
// window.__chizuSheetReady is true (or gives up with window.__chizuSheetError). There is no
// login screen: the page uses the session it is given.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { fetchPrintSettings, type PrintSettings } from '../api/ledger';
import { fetchLayers, fetchMe } from '../api/queries';
import { isRasterLayer } from '../api/rasters';
import type { Layer } from '../api/types';
import { useI18n } from '../i18n';
import { loadConfig, type AppConfig } from '../map/config';
import { EnquirySheet } from './EnquirySheet';
import { RouteSheet } from './RouteSheet';
import { PAPERS } from './scale';
import { parseSheetRequest, type PrintRaster } from './sheetParams';
import './print.css';

declare global {
  interface Window {
    __chizuSheetReady?: boolean;
    __chizuSheetError?: string;
  }
}

/** Gives the sheet a few tries less than the server's 60 s wait, so the error names the cause. */
const TIMEOUT_MS = 50_000;

export default function PrintPage() {
  const { t } = useI18n();
  const request = useMemo(() => parseSheetRequest(window.location.pathname, window.location.search), []);
  const [basics, setBasics] = useState<{ layers: Layer[]; rasters: PrintRaster[]; settings: PrintSettings; config: AppConfig } | null>(null);
  const [status, setStatus] = useState<{ state: 'drawing' } | { state: 'ready' } | { state: 'error'; message: string }>({ state: 'drawing' });

  const fail = useCallback((message: string) => {
    if (window.__chizuSheetReady || window.__chizuSheetError) return;
    window.__chizuSheetError = message;
    setStatus({ state: 'error', message });
  }, []);

  const ready = useCallback(() => {
    if (window.__chizuSheetReady || window.__chizuSheetError) return;
    // Fonts of the text (not only the map) must be in before the page is printed, and React
    // must have painted the last state.
    void document.fonts.ready.then(() =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (window.__chizuSheetError) return;
          window.__chizuSheetReady = true;
          setStatus({ state: 'ready' });
        }),
      ),
    );
  }, []);

  useEffect(() => {
    if ('error' in request) {
      fail(request.error);
      return;
    }
    const timer = window.setTimeout(() => fail(`the sheet was not drawn within ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
    const notLoggedIn = 'not logged in (ログインしていません)';
    fetchMe()
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return null;
        throw e;
      })
      .then(async (user) => {
        if (!user) throw new Error(notLoggedIn);
        const [all, settings, config] = await Promise.all([fetchLayers(), fetchPrintSettings(), loadConfig()]);
        // Raster layers are drawn as the request lists them (those this user may read), vector layers as before.
        const rasterKeys = new Set(all.filter(isRasterLayer).map((l) => l.key));
        const rasters = (request.rasters ?? []).filter((r) => rasterKeys.has(r.key));
        setBasics({ layers: all.filter((l) => !isRasterLayer(l)), rasters, settings, config });
      })
      .catch((e: unknown) => fail((e as Error).message ?? String(e)));
    return () => window.clearTimeout(timer);
  }, [request, fail]);

  useEffect(() => {
    if (!('error' in request)) document.title = request.kind === 'enquiry' ? t('enquirySheetTitle') : `${t('routeSheetTitle')} ${request.routeNo}`;
  }, [request, t]);

  if ('error' in request) {
    return (
      <p className="sheet-error" role="alert">
        {t('error', { message: request.error })}
      </p>
    );
  }
  const paper = PAPERS[request.paper];
  return (
    <>
      {/* The page is exactly one sheet of paper, with the margins inside the sheet. */}
      <style>{`@page { size: ${paper.widthMm}mm ${paper.heightMm}mm; margin: 0; }`}</style>
      <div
        className={`sheet ${paper.landscape ? 'sheet-landscape' : 'sheet-portrait'} sheet-${request.kind}`}
        style={{ width: `${paper.widthMm}mm`, height: `${paper.heightMm}mm` }}
        data-paper={paper.key}
        data-state={status.state}
      >
        {status.state === 'error' && (
          <p className="sheet-error" role="alert">
            {t('error', { message: status.message })}
          </p>
        )}
        {basics && request.kind === 'enquiry' && <EnquirySheet request={request} {...basics} onDrawn={ready} onError={fail} />}
        {basics && request.kind === 'route' && <RouteSheet request={request} {...basics} onDrawn={ready} onError={fail} />}
      </div>
    </>
  );
}
