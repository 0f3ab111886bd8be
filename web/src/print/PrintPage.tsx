// The print pages /print/enquiry, /print/route and /print/boundary. The server opens them in Chromium with the
// caller's session, in a window the size of the paper, and saves them as PDF or PNG once
// window.__chizuSheetReady is true (or gives up with window.__chizuSheetError). There is no
// login screen: the page uses the session it is given.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { fetchPrintSettings, type PrintSettings } from '../api/ledger';
import { fetchLayers, fetchMe } from '../api/queries';
import type { Layer } from '../api/model';
import { isRasterLayer } from '../api/rasters';
import { useI18n } from '../i18n';
import { loadConfig, type AppConfig } from '../map/config';
import { referenceLayersOf } from '../map/tileLayers';
import { BoundarySheet } from './BoundarySheet';
import { MapSheet } from './MapSheet';
import { PlanSheet } from './PlanSheet';
import { EnquirySheet } from './EnquirySheet';
import { RouteSheet } from './RouteSheet';
import { PAPERS, PLAN_TIME_FACTOR, type PrintRaster } from '#domain/sheets';
import { parseSheetRequest } from './sheetParams';
import { markSheet } from './timings';
import './print.css';

declare global {
  interface Window {
    __chizuSheetReady?: boolean;
    __chizuSheetError?: string;
  }
}

/** Gives the sheet a few tries less than the server's 60 s wait, so the error names the cause. */
const TIMEOUT_MS = 50_000;

/**
 * The installation's print footer and map configuration are the same for every user and sheet: a
 * page that prints sheet after sheet (PrintRoot) asks for them once. A failure is not kept.
 */
let installation: Promise<[PrintSettings, AppConfig]> | undefined;
function installationSettings(): Promise<[PrintSettings, AppConfig]> {
  installation ??= Promise.all([fetchPrintSettings(), loadConfig()]).catch((e: unknown) => {
    installation = undefined;
    throw e;
  });
  return installation;
}

export default function PrintPage() {
  const { t } = useI18n();
  const request = useMemo(() => parseSheetRequest(window.location.pathname, window.location.search), []);
  const [basics, setBasics] = useState<{ layers: Layer[]; rasters: PrintRaster[]; settings: PrintSettings; config: AppConfig } | null>(null);
  // A request that cannot be read is an error from the start.
  const [status, setStatus] = useState<{ state: 'drawing' } | { state: 'ready' } | { state: 'error'; message: string }>(() =>
    'error' in request ? { state: 'error', message: request.error } : { state: 'drawing' },
  );

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
          markSheet('ready');
          window.__chizuSheetReady = true;
          setStatus({ state: 'ready' });
        }),
      ),
    );
  }, []);

  useEffect(() => {
    if ('error' in request) {
      window.__chizuSheetError ??= request.error;
      return;
    }
    // The print app is loaded and starts on the sheet.
    markSheet('app');
    const timeoutMs = TIMEOUT_MS * (request.kind === 'plan' ? PLAN_TIME_FACTOR : 1);
    const timer = window.setTimeout(() => fail(`the sheet was not drawn within ${timeoutMs / 1000} s`), timeoutMs);
    const notLoggedIn = 'not logged in (ログインしていません)';
    fetchMe()
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return null;
        throw e;
      })
      .then(async (user) => {
        if (!user) throw new Error(notLoggedIn);
        const [all, [settings, config]] = await Promise.all([fetchLayers(), installationSettings()]);
        markSheet('basics');
        // Raster layers are drawn as the request lists them (those this user may read), vector layers as before.
        const rasterKeys = new Set(all.filter(isRasterLayer).map((l) => l.key));
        const rasters = (request.rasters ?? []).filter((r) => rasterKeys.has(r.key));
        setBasics({ layers: all.filter((l) => !isRasterLayer(l)), rasters, settings, config: { ...config, referenceLayers: referenceLayersOf(all) } });
      })
      .catch((e: unknown) => fail((e as Error).message ?? String(e)));
    return () => window.clearTimeout(timer);
  }, [request, fail]);

  useEffect(() => {
    if ('error' in request) return;
    document.title =
      request.kind === 'enquiry' ? t('enquirySheetTitle')
        : request.kind === 'route' ? `${t('routeSheetTitle')} ${request.routeNo}`
          : request.kind === 'map' ? request.title || t('mapSheetTitle')
            : request.kind === 'plan' ? `${t('planSheetTitle')} ${request.routeNo}`
            : t('boundarySheetTitle');
  }, [request, t]);

  if ('error' in request) {
    return (
      <p className="sheet-error" role="alert">
        {t('error', { message: request.error })}
      </p>
    );
  }
  const paper = PAPERS[request.paper];
  if (request.kind === 'plan') {
    // Many sheets of paper: each page is its own .sheet; the PDF breaks after each.
    return (
      <>
        <style>{`@page { size: ${paper.widthMm}mm ${paper.heightMm}mm; margin: 0; }`}</style>
        <div className="sheet-pages" data-state={status.state}>
          {status.state === 'error' && (
            <p className="sheet-error" role="alert">
              {t('error', { message: status.message })}
            </p>
          )}
          {basics && <PlanSheet request={request} {...basics} onDrawn={ready} onError={fail} />}
        </div>
      </>
    );
  }
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
        {basics && request.kind === 'boundary' && <BoundarySheet request={request} {...basics} onDrawn={ready} onError={fail} />}
        {basics && request.kind === 'map' && <MapSheet request={request} {...basics} onDrawn={ready} onError={fail} />}
      </div>
    </>
  );
}
