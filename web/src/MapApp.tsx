// The map viewer: header with search, layer/tool sidebar, map, identify panel, attribute table.
// Loaded only after login (it pulls in MapLibre).
import type { FilterSpecification, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from './api/client';
import { fetchFeature, fetchFeaturesAt, fetchLayers } from './api/queries';
import { layerWithRole, type Feature, type Layer, type SearchResult, type User } from './api/model';
import { useI18n } from './i18n';
import { loadConfig, type AppConfig } from './map/config';
import { FeatureLayerView, GeoJsonFeatureSource } from './map/featureLayers';
import { pixelsToMetres } from './map/geodesy';
import { townArea } from './map/basemap';
import { MapView } from './map/MapView';
import { BasemapSwitcher } from './map/BasemapSwitcher';
import { useBasemapChoice } from './map/basemapChoice';
import { setHighlight } from './map/overlays';
import { zoomToBounds, zoomToGeometry } from './map/view';
import { AttributeTable } from './panels/AttributeTable';
import { ExportDialog } from './panels/ExportDialog';
import { CoordinateReadout } from './panels/CoordinateReadout';
import { DisasterPanel } from './panels/DisasterPanel';
import { useEditSession } from './editing/useEditSession';
import { useLiveEdits } from './live/useLiveEdits';
import { EditPanel } from './panels/EditPanel';
import { EditSection } from './panels/EditToolbar';
import { AdminSections } from './panels/AdminSections';
import { AccessTokensButton } from './panels/AccessTokens';
import { ChangePasswordButton } from './panels/ChangePassword';
import { disasterFields, yearOf, yearRangeFilter } from './panels/disasterStats';
import { IdentifyPanel, type IdentifyState } from './panels/IdentifyPanel';
import { LanguageToggle } from './panels/LanguageToggle';
import { DateStyleSelect } from './panels/DateStyleSelect';
import { SkipLink } from './panels/SkipLink';
import { keepInViewOnResize } from './map/keepInView';
import { LayerPanel, type LoadState } from './panels/LayerPanel';
import { ImportWizard } from './imports/ImportWizard';
import { isVisible, opacityOf, useLayerPrefs } from './panels/layerPrefs';
import { PrintMapPanel } from './panels/PrintMapPanel';
import { MeasureTool, type MeasureMode } from './panels/MeasureTool';
import { SearchBox } from './panels/SearchBox';
import { ZoomControls } from './panels/ZoomControls';
import { EnquiryPanel, placeOf } from './panels/EnquiryPanel';
import { canEditLayer, FeatureActions, LedgerPanel, type LedgerView } from './panels/LedgerPanel';
import { isRasterLayer, type RasterSheet } from './api/rasters';
import { PlacementView } from './rasters/PlacementView';
import { PrintRastersContext } from './rasters/printRasters';
import { RasterPanel } from './rasters/RasterPanel';
import { SheetInfo } from './rasters/SheetInfo';
import { UploadDialog } from './rasters/UploadDialog';
import { useRasterLayers } from './rasters/useRasterLayers';

/** Identify looks this many screen pixels around the click. */
const IDENTIFY_PIXELS = 8;

function message(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

export default function MapApp({ user, onLogout }: { user: User; onLogout: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // Every layer the user may read; `layers` below are the vector ones (features), raster layers have their own panel.
  const [allLayers, setLayers] = useState<Layer[] | null>(null);
  const layers = useMemo(() => allLayers?.filter((l) => !isRasterLayer(l)) ?? null, [allLayers]);
  const [layersError, setLayersError] = useState<string | null>(null);
  const { prefs, setVisible, setOpacity, setRasterOrder } = useLayerPrefs();
  const [loadStates, setLoadStates] = useState<Record<string, LoadState | undefined>>({});
  const [views, setViews] = useState<Map<string, FeatureLayerView>>(new Map());
  const [identify, setIdentify] = useState<IdentifyState | null>(null);
  const [selected, setSelected] = useState<Feature | null>(null);
  const [tableLayerKey, setTableLayerKey] = useState<string | null>(null);
  const [exportLayerKey, setExportLayerKey] = useState<string | null>(null);
  const [measureMode, setMeasureMode] = useState<MeasureMode | null>(null);
  const [disasterYears, setDisasterYears] = useState<[number, number] | null>(null);
  // Road ledger / boundary record / attachments column (issue 7).
  const [ledger, setLedger] = useState<LedgerView | null>(null);
  // Raster layers (issue 19): the layer a sheet is being added to, the sheet being placed, the clicked sheet outlines.
  const [uploadTo, setUploadTo] = useState<Layer | null>(null);
  const [placing, setPlacing] = useState<RasterSheet | null>(null);
  const [sheetInfo, setSheetInfo] = useState<RasterSheet[] | null>(null);

  useEffect(() => {
    loadConfig().then(setConfig);
    fetchLayers().then(setLayers, (e: unknown) => setLayersError(message(e)));
  }, []);

  const basemapRasters = useMemo(() => (allLayers ?? []).filter((l) => isRasterLayer(l) && l.basemap), [allLayers]);
  const [mapConfig, basemapChoice, setBasemapChoice] = useBasemapChoice(config, basemapRasters);
  const layersByKey = useMemo(() => new Map((allLayers ?? []).map((l) => [l.key, l])), [allLayers]);
  const rasters = useRasterLayers({ map, layers: allLayers, prefs, setRasterOrder });
  const editSession = useEditSession({ map, layers, views });
  const editing = editSession.layerKey !== null;
  // Layers the app gives panels to, found by their role (a city may rename or replace them).
  const disasterLayerDef = layerWithRole(layers, 'DISASTER_HISTORY');
  const boundaryLayerDef = layerWithRole(layers, 'BOUNDARY_RECORDS');

  // Put every data layer on the map once both are there.
  useEffect(() => {
    if (!map || !layers) return;
    const created = new Map<string, FeatureLayerView>();
    for (const layer of layers) {
      const view = new FeatureLayerView(layer);
      view.addTo(map);
      created.set(layer.key, view);
    }
    setViews(created);
    return () => {
      for (const view of created.values()) view.removeFrom(map);
      setViews(new Map());
    };
  }, [map, layers]);

  // Visibility and opacity follow the preferences; a layer's data loads when first shown.
  useEffect(() => {
    if (!map) return;
    for (const [key, view] of views) {
      const visible = isVisible(prefs, key);
      view.setVisible(map, visible);
      view.setOpacity(map, opacityOf(prefs, key));
      if (visible && !view.source.loaded) {
        view.source
          .load((loaded, total) => setLoadStates((s) => ({ ...s, [key]: { loaded, total } })))
          .then(
            () => setLoadStates((s) => ({ ...s, [key]: 'done' })),
            (e: unknown) => setLoadStates((s) => ({ ...s, [key]: { error: message(e) } })),
          );
      }
    }
  }, [map, views, prefs]);

  // The disaster year range filters the disaster layer on the map.
  useEffect(() => {
    const view = disasterLayerDef && views.get(disasterLayerDef.key);
    const fields = view && disasterFields(view.layer);
    if (!map || !view || !fields) return;
    view.setFilter(map, disasterYears ? (yearRangeFilter(fields.date.key, disasterYears[0], disasterYears[1]) as FilterSpecification) : null);
  }, [map, views, disasterYears, disasterLayerDef]);

  useEffect(() => {
    if (map) setHighlight(map, selected?.geometry ?? null);
  }, [map, selected]);

  // Start at the city boundary unless the URL already says where to look.
  // (Read before the map exists: MapLibre writes the hash itself once it has moved.)
  const [urlHadView] = useState(() => window.location.hash.length > 1);
  const fittedRef = useRef(false);
  useEffect(() => {
    if (!map || !layers || fittedRef.current) return;
    fittedRef.current = true;
    if (urlHadView) return;
    const extents = layers.map((l) => l.extent).filter((e): e is number[] => !!e && e.length === 4);
    if (!extents.length) return;
    const bounds = [
      Math.min(...extents.map((e) => e[0])),
      Math.min(...extents.map((e) => e[1])),
      Math.max(...extents.map((e) => e[2])),
      Math.max(...extents.map((e) => e[3])),
    ];
    map.fitBounds([bounds[0], bounds[1], bounds[2], bounds[3]], { padding: 20, animate: false });
  }, [map, layers, urlHadView]);

  const runIdentify = useCallback(
    async (lon: number, lat: number) => {
      if (!map) return;
      const visibleKeys = (layers ?? []).filter((l) => isVisible(prefs, l.key)).map((l) => l.key);
      setIdentify({ lngLat: [lon, lat], loading: true, error: null, hits: [] });
      if (!visibleKeys.length) {
        setIdentify({ lngLat: [lon, lat], loading: false, error: null, hits: [] });
        return;
      }
      try {
        const tolerance = pixelsToMetres(IDENTIFY_PIXELS, map.getZoom(), lat);
        const found = await fetchFeaturesAt(lon, lat, tolerance, visibleKeys);
        // Disaster records outside the chosen years are hidden on the map, so they are not "there".
        const dateKey = disasterYears && disasterLayerDef ? disasterFields(disasterLayerDef)?.date.key : undefined;
        const hits = dateKey
          ? found.filter(({ feature }) => {
              if (feature.layerKey !== disasterLayerDef?.key) return true;
              const year = yearOf(feature.attributes?.[dateKey]);
              return year !== null && year >= disasterYears![0] && year <= disasterYears![1];
            })
          : found;
        setIdentify({ lngLat: [lon, lat], loading: false, error: null, hits });
        setSelected(hits[0]?.feature ?? null);
      } catch (e) {
        setIdentify({ lngLat: [lon, lat], loading: false, error: message(e), hits: [] });
      }
    },
    [map, layers, prefs, disasterYears, disasterLayerDef],
  );

  // A click on the map identifies, unless a measuring tool has the clicks.
  const identifyRef = useRef(runIdentify);
  identifyRef.current = runIdentify;
  const measuringRef = useRef(false);
  // While editing, drawing redline or placing a sheet, clicks belong to that tool.
  const [drawingRedline, setDrawingRedline] = useState(false);
  measuringRef.current = measureMode !== null || editing || drawingRedline || placing !== null;
  const sheetsAtRef = useRef(rasters.sheetsAt);
  sheetsAtRef.current = rasters.sheetsAt;
  useEffect(() => {
    if (!map) return;
    const onClick = (e: MapMouseEvent) => {
      if (measuringRef.current) return;
      keepInViewOnResize(map, e.lngLat, e.point.x);
      // A click inside placed sheets' outlines also shows those sheets (図郭割).
      const sheets = sheetsAtRef.current(e.lngLat.lng, e.lngLat.lat);
      setSheetInfo(sheets.length ? sheets : null);
      identifyRef.current(e.lngLat.lng, e.lngLat.lat);
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map]);

  const showFeature = useCallback(
    (feature: Feature) => {
      setSelected(feature);
      setIdentify({ lngLat: null, loading: false, error: null, hits: [{ distanceM: 0, feature }] });
      if (map) zoomToGeometry(map, feature.geometry);
    },
    [map],
  );

  const onSearchPick = useCallback(
    async (result: SearchResult) => {
      if (!map) return;
      if (result.bbox?.length === 4) zoomToBounds(map, result.bbox);
      else if (result.geometry) zoomToGeometry(map, result.geometry);
      if (result.kind === 'route') {
        setLedger({ kind: 'route', routeNo: result.label });
        return;
      }
      // A lot (地番), facility or ledger feature opens like a clicked feature (and so its enquiry).
      if (result.kind !== 'town' && result.kind !== 'address' && result.featureId) {
        try {
          const feature = await fetchFeature(result.featureId);
          if (feature) {
            setSelected(feature);
            setIdentify({ lngLat: null, loading: false, error: null, hits: [{ distanceM: 0, feature }] });
          }
        } catch (e) {
          setIdentify({ lngLat: null, loading: false, error: message(e), hits: [] });
        }
      } else {
        // A town: outline its area (the result itself carries the label point), no feature panel.
        setIdentify(null);
        const town = result.kind === 'address' ? result.note?.found ?? result.label : result.label;
        const id = `town:${town}`;
        setSelected(result.geometry ? { id, layerKey: '', geometry: result.geometry, attributes: {} } : null);
        const area = await townArea(town);
        if (area) setSelected((current) => (current?.id === id ? { ...current, geometry: area } : current));
      }
    },
    [map],
  );

  const tableLayer = tableLayerKey ? layersByKey.get(tableLayerKey) : undefined;

  // Administrators change layers: read them again (the map redraws them).
  const reloadLayers = useCallback(() => {
    fetchLayers().then(setLayers, (e: unknown) => setLayersError(message(e)));
  }, []);
  // Other users' saves appear without a reload; missed events (reset) reload the layers.
  const liveEdits = useLiveEdits(views, reloadLayers);
  const showFeatureById = useCallback(
    (id: string) => {
      fetchFeature(id).then((feature) => feature && showFeature(feature), () => {});
    },
    [showFeature],
  );

  const showSheet = useCallback(
    (sheet: RasterSheet) => {
      if (map && sheet.outline) zoomToGeometry(map, sheet.outline);
    },
    [map],
  );
  const afterUpload = useCallback(
    (sheet: RasterSheet, meta: Pick<RasterSheet, 'scaleDenominator' | 'surveyDate'>) => {
      setUploadTo(null);
      void rasters.refresh(sheet.layerKey);
      // A GeoTIFF or a scan with its world file is placed already; any other sheet is placed next.
      if (sheet.status === 'PLACED') {
        setVisible(sheet.layerKey, true);
        showSheet(sheet);
      } else setPlacing({ ...sheet, scaleDenominator: sheet.scaleDenominator ?? meta.scaleDenominator, surveyDate: sheet.surveyDate ?? meta.surveyDate });
    },
    [rasters, setVisible, showSheet],
  );
  const afterPlace = useCallback(
    (sheet: RasterSheet) => {
      setPlacing(null);
      setVisible(sheet.layerKey, true);
      void rasters.refresh(sheet.layerKey);
      showSheet(sheet);
      // Its particulars (and any warning about the fit) stay in view.
      setSheetInfo([sheet]);
    },
    [rasters, setVisible, showSheet],
  );

  const ledgerOpen = ledger !== null && !editing;
  const enquiryPlace = useMemo(() => placeOf(identify, selected), [identify, selected]);
  const visibleLayerKeys = useMemo(() => (layers ?? []).filter((l) => isVisible(prefs, l.key)).map((l) => l.key), [layers, prefs]);
  const onRecordCreated = useCallback(
    (feature: Feature) => {
      const source = views.get(feature.layerKey)?.source;
      if (source instanceof GeoJsonFeatureSource) source.applyEdits([feature], []);
      showFeature(feature);
      setLedger({ kind: 'record', feature });
    },
    [views, showFeature],
  );

  return (
    <PrintRastersContext.Provider value={rasters.printRasters}>
    <div className={`app${identify || editing ? ' with-identify' : ''}${tableLayer ? ' with-table' : ''}${ledgerOpen ? ' with-ledger' : ''}`}>
      <SkipLink />
      <header className="app-header">
        <h1 className="app-title">
          {t('appName')} <span className="app-subtitle">{t('appSubtitle')}</span>
        </h1>
        <SearchBox layersByKey={layersByKey} onPick={onSearchPick} />
        <div className="header-right">
          <span className="user-name">{t('loggedInAs', { name: user.displayName || user.username })}</span>
          <AccessTokensButton layers={layers} />
          <ChangePasswordButton />
          <DateStyleSelect />
          <LanguageToggle />
          <button type="button" onClick={() => (!editSession.pending.length || window.confirm(editSession.leaveQuestion)) && onLogout()}>
            {t('logout')}
          </button>
        </div>
      </header>

      <nav className="sidebar" aria-label={t('layers')}>
        <details open>
          <summary>{t('layers')}</summary>
          {layersError && (
            <p className="error" role="alert">
              {t('error', { message: layersError })}
            </p>
          )}
          {!layers && !layersError && <p role="status">{t('loading')}</p>}
          {layers && (
            <LayerPanel
              layers={layers}
              prefs={prefs}
              loadStates={loadStates}
              onVisible={setVisible}
              onOpacity={setOpacity}
              onOpenTable={setTableLayerKey}
              onExport={setExportLayerKey}
              onZoom={(layer) => map && layer.extent && zoomToBounds(map, layer.extent)}
            />
          )}
        </details>
        {rasters.rasterLayers.length > 0 && (
          <details open>
            <summary>{t('rasterLayers')}</summary>
            <RasterPanel
              user={user}
              layers={rasters.order.map((key) => layersByKey.get(key)!).filter(Boolean)}
              prefs={prefs}
              sheets={rasters.sheets}
              onVisible={setVisible}
              onOpacity={setOpacity}
              onMove={rasters.move}
              onUpload={setUploadTo}
              onPlace={setPlacing}
              onShowSheet={showSheet}
              onChanged={(key) => void rasters.refresh(key)}
            />
          </details>
        )}
        <EditSection session={editSession} layersByKey={layersByKey} />
        <AdminSections user={user} layers={layers} map={map} onShowFeature={showFeatureById} onLayersChanged={reloadLayers} />
        {config && <BasemapSwitcher config={config} choice={basemapChoice} onChoose={setBasemapChoice} basemapLayers={basemapRasters} />}
        {layers && (layers.some((l) => l.canEdit) || user.role === 'ADMIN') ? (
          <details className="import-section">
            <summary>{t('importTitle')}</summary>
            <ImportWizard user={user} layers={layers} onImported={reloadLayers} />
          </details>
        ) : null}
        <details open>
          <summary>{t('measure')}</summary>
          <MeasureTool map={map} mode={measureMode} onModeChange={setMeasureMode} />
        </details>
        <PrintMapPanel map={map} visibleLayers={visibleLayerKeys} onDrawingChange={setDrawingRedline} />
        <details open>
          <summary>{t('enquirySection')}</summary>
          <EnquiryPanel place={enquiryPlace} visibleLayers={visibleLayerKeys} layersByKey={layersByKey} />
        </details>
        {boundaryLayerDef && canEditLayer(layersByKey, boundaryLayerDef.key) && (
          <details open>
            <summary>{t('boundaryRecords')}</summary>
            <button type="button" onClick={() => setLedger({ kind: 'newRecord' })}>
              {t('newBoundaryRecordButton')}
            </button>
          </details>
        )}
        {disasterLayerDef && (
          <details>
            <summary>{t('disaster')}</summary>
            <DisasterPanel layer={disasterLayerDef} years={disasterYears} onYearsChange={setDisasterYears} />
            {!isVisible(prefs, disasterLayerDef.key) && <p className="muted">{t('disasterHidden')}</p>}
          </details>
        )}
      </nav>

      <main className="map-area">
        {mapConfig && <MapView config={mapConfig} onReady={setMap} />}
        <ZoomControls map={map} onIdentifyCentre={() => map && runIdentify(map.getCenter().lng, map.getCenter().lat)} />
        <CoordinateReadout map={map} />
        {placing && <PlacementView key={placing.id} sheet={placing} map={map} onPlaced={afterPlace} onClose={() => setPlacing(null)} />}
        {sheetInfo && !placing && <SheetInfo sheets={sheetInfo} layersByKey={layersByKey} onClose={() => setSheetInfo(null)} />}
      </main>

      {editing && <EditPanel session={editSession} layersByKey={layersByKey} map={map} liveEdits={liveEdits} onClose={() => editSession.select(null)} />}

      {identify && !editing && (
        <IdentifyPanel
          state={identify}
          layersByKey={layersByKey}
          selectedId={selected?.id ?? null}
          onSelect={setSelected}
          onClose={() => {
            setIdentify(null);
            setSelected(null);
          }}
          renderExtra={(feature) => <FeatureActions feature={feature} layer={layersByKey.get(feature.layerKey)} onOpen={setLedger} />}
        />
      )}

      {ledgerOpen && (
        <LedgerPanel
          view={ledger}
          map={map}
          layersByKey={layersByKey}
          selectedId={selected?.id ?? null}
          onSelectFeature={showFeature}
          onCreated={onRecordCreated}
          onClose={() => setLedger(null)}
        />
      )}

      {tableLayer && (
        <AttributeTable layer={tableLayer} selectedId={selected?.id ?? null} onRowSelect={showFeature} onClose={() => setTableLayerKey(null)} />
      )}
      {exportLayerKey && layersByKey.get(exportLayerKey) && (
        <ExportDialog layer={layersByKey.get(exportLayerKey)!} bbox={map?.getBounds().toArray().flat()} onClose={() => setExportLayerKey(null)} />
      )}
      {uploadTo && <UploadDialog layer={uploadTo} onUploaded={afterUpload} onClose={() => setUploadTo(null)} />}
    </div>
    </PrintRastersContext.Provider>
  );
}
