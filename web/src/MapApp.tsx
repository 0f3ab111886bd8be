// The map viewer: header with search, layer/tool sidebar, map, identify panel, attribute table.
// Loaded only after login (it pulls in MapLibre).
import type { FilterSpecification, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { errorMessage } from './api/client';
import { fetchFeature } from './api/queries';
import { useLayers } from './api/useLayers';
import { layerWithRole, type Feature, type SearchResult, type User } from './api/model';
import { useI18n } from './i18n';
import { loadConfig, type AppConfig } from './map/config';
import { clusterAt, GeoJsonFeatureSource } from './map/featureLayers';
import { useFeatureLayerViews } from './map/useFeatureLayerViews';
import { useFitToLayers } from './map/useFitToLayers';
import { townArea } from './map/basemap';
import { MapView } from './map/MapView';
import { fetchBasemaps, type CityBasemap } from './api/basemaps';
import { BasemapSwitcher } from './map/BasemapSwitcher';
import { useBasemapChoice } from './map/basemapChoice';
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
import { disasterFields, yearRangeFilter } from './panels/disasterStats';
import { IdentifyPanel } from './panels/IdentifyPanel';
import { useIdentify } from './panels/useIdentify';
import { LanguageToggle } from './panels/LanguageToggle';
import { DateStyleSelect } from './panels/DateStyleSelect';
import { SkipLinks } from './panels/SkipLink';
import { keepInViewOnResize } from './map/keepInView';
import { LayerPanel } from './panels/LayerPanel';
import { ImportWizard } from './imports/ImportWizard';
import { isVisible, useLayerPrefs } from './panels/layerPrefs';
import { PrintMapPanel } from './panels/PrintMapPanel';
import { BookmarksPanel, useLayersInUrl } from './panels/BookmarksPanel';
import { MeasureTool, type MeasureMode } from './panels/MeasureTool';
import { SearchBox } from './panels/SearchBox';
import { ZoomControls } from './panels/ZoomControls';
import { EnquiryPanel, placeOf } from './panels/EnquiryPanel';
import { canEditLayer, FeatureActions, LedgerPanel, type LedgerView } from './panels/LedgerPanel';
import { isRasterLayer } from './api/rasters';
import { PlacementView } from './rasters/PlacementView';
import { PrintRastersContext } from './rasters/printRasters';
import { RasterPanel } from './rasters/RasterPanel';
import { SheetInfo } from './rasters/SheetInfo';
import { UploadDialog } from './rasters/UploadDialog';
import { useRasterLayers } from './rasters/useRasterLayers';
import { useRasterWorkflow } from './rasters/useRasterWorkflow';

export default function MapApp({ user, onLogout }: { user: User; onLogout: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [config, setConfig] = useState<AppConfig | null>(null);
  // The map MapView made for a configuration. A new configuration (base map, reference layers) makes a new map:
  // from the render that brings it, the old map, which MapView is about to remove, is no longer handed out.
  const [readyMap, setReadyMap] = useState<{ map: MapLibreMap; config: AppConfig } | null>(null);
  // Every layer the user may read; `layers` below are the vector ones (features), raster layers have their own panel.
  const { layers: allLayers, error: layersError, reload: reloadLayers } = useLayers();
  const layers = useMemo(() => allLayers?.filter((l) => !isRasterLayer(l)) ?? null, [allLayers]);
  const { prefs, setVisible, setOpacity, setRasterOrder } = useLayerPrefs();
  const [tableLayerKey, setTableLayerKey] = useState<string | null>(null);
  const [exportLayerKey, setExportLayerKey] = useState<string | null>(null);
  const [measureMode, setMeasureMode] = useState<MeasureMode | null>(null);
  const [disasterYears, setDisasterYears] = useState<[number, number] | null>(null);
  // Road ledger / boundary record / attachments column (issue 7).
  const [ledger, setLedger] = useState<LedgerView | null>(null);

  // The base maps the city listed (the switcher's entries after 標準 and 白地図); none is fine.
  const [cityBasemaps, setCityBasemaps] = useState<CityBasemap[]>([]);
  const reloadBasemaps = useCallback(() => { fetchBasemaps().then(setCityBasemaps, () => setCityBasemaps([])); }, []);

  useEffect(() => {
    void loadConfig().then(setConfig); // never rejects: the defaults stand in
    reloadBasemaps();
  }, [reloadBasemaps]);

  const basemapRasters = useMemo(() => (allLayers ?? []).filter((l) => isRasterLayer(l) && l.basemap), [allLayers]);
  const [mapConfig, basemapChoice, setBasemapChoice] = useBasemapChoice(config, layersError ? [] : allLayers, cityBasemaps);
  const map = readyMap && readyMap.config === mapConfig ? readyMap.map : null;
  const layersByKey = useMemo(() => new Map((allLayers ?? []).map((l) => [l.key, l])), [allLayers]);
  const rasters = useRasterLayers({ map, layers: allLayers, prefs, setRasterOrder });
  const { uploadTo, setUploadTo, placing, setPlacing, sheetInfo, setSheetInfo, showSheet, afterUpload, afterPlace } = useRasterWorkflow({
    map, refresh: rasters.refresh, setVisible,
  });
  const { views, loadStates } = useFeatureLayerViews(map, layers, prefs);
  useFitToLayers(map, layers);
  useLayersInUrl({ layers: allLayers, prefs, setVisible });
  const editSession = useEditSession({ map, layers, views });
  const editing = editSession.layerKey !== null;
  // Layers the app gives panels to, found by their role (a city may rename or replace them).
  const disasterLayerDef = layerWithRole(layers, 'DISASTER_HISTORY');
  const boundaryLayerDef = layerWithRole(layers, 'BOUNDARY_RECORDS');

  // The disaster year range filters the disaster layer on the map.
  useEffect(() => {
    const view = disasterLayerDef && views.get(disasterLayerDef.key);
    const fields = view && disasterFields(view.layer);
    if (!map || !view || !fields) return;
    view.setFilter(map, disasterYears ? (yearRangeFilter(fields.date.key, disasterYears[0], disasterYears[1]) as FilterSpecification) : null);
  }, [map, views, disasterYears, disasterLayerDef]);

  const visibleLayerKeys = useMemo(() => (layers ?? []).filter((l) => isVisible(prefs, l.key)).map((l) => l.key), [layers, prefs]);
  const { identify, selected, setSelected, runIdentify, showFeature, showFound, showError, close: closeIdentify } = useIdentify({
    map, visibleLayerKeys, disasterLayer: disasterLayerDef, disasterYears,
  });

  // A click on the map identifies, unless a tool has the clicks: measuring, editing, drawing redline or a selection
  // polygon, or placing a sheet.
  const [drawingRedline, setDrawingRedline] = useState(false);
  const [drawingArea, setDrawingArea] = useState(false);
  const onMapClick = useEffectEvent((e: MapMouseEvent) => {
    if (!map || measureMode !== null || editing || drawingRedline || drawingArea || placing !== null) return;
    // A cluster of a tiled layer: zoom in towards it, two levels at a time, until its points come apart.
    const cluster = clusterAt(map, e.point, views.values());
    if (cluster) {
      map.easeTo({ center: cluster, zoom: Math.min(map.getZoom() + 2, map.getMaxZoom()) });
      return;
    }
    keepInViewOnResize(map, e.lngLat, e.point.x);
    // A click inside placed sheets' outlines also shows those sheets (図郭割).
    const sheets = rasters.sheetsAt(e.point);
    setSheetInfo(sheets.length ? sheets : null);
    void runIdentify(e.lngLat.lng, e.lngLat.lat);
  });
  useEffect(() => {
    if (!map) return;
    const onClick = (e: MapMouseEvent) => onMapClick(e);
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map]);

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
          if (feature) showFound(feature);
        } catch (e) {
          showError(errorMessage(e));
        }
      } else {
        // A town: outline its area (the result itself carries the label point), no feature panel.
        closeIdentify();
        const town = result.kind === 'address' ? result.note?.found ?? result.label : result.label;
        const id = `town:${town}`;
        setSelected(result.geometry ? { id, layerKey: '', geometry: result.geometry, attributes: {} } : null);
        const area = await townArea(town);
        if (area) setSelected((current) => (current?.id === id ? { ...current, geometry: area } : current));
      }
    },
    [map, setSelected, showFound, showError, closeIdentify],
  );

  const tableLayer = tableLayerKey ? layersByKey.get(tableLayerKey) : undefined;

  // Other users' saves appear without a reload; missed events (reset) reload the layers.
  const liveEdits = useLiveEdits(views, reloadLayers);
  const showFeatureById = useCallback(
    (id: string) => {
      fetchFeature(id).then((feature) => feature && showFeature(feature), () => {});
    },
    [showFeature],
  );

  const ledgerOpen = ledger !== null && !editing;
  const enquiryPlace = useMemo(() => placeOf(identify, selected), [identify, selected]);
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
      <SkipLinks />
      <header className="app-header">
        <h1 className="app-title">
          {t('appName')} <span className="app-subtitle">{t('appSubtitle')}</span>
        </h1>
        <SearchBox layersByKey={layersByKey} onPick={(hit) => void onSearchPick(hit)} />
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

      <aside className="sidebar" aria-label={t('sidebar')}>
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
        <AdminSections user={user} layers={layers} map={map} onShowFeature={showFeatureById} onLayersChanged={reloadLayers}
          basemaps={cityBasemaps} onBasemapsChanged={reloadBasemaps} />
        {config && <BasemapSwitcher config={config} choice={basemapChoice} onChoose={setBasemapChoice} basemapLayers={basemapRasters} listed={cityBasemaps} />}
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
        <details>
          <summary>{t('bookmarks')}</summary>
          <BookmarksPanel user={user} map={map} layers={allLayers} prefs={prefs} setVisible={setVisible} />
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
      </aside>

      <main className="map-area">
        {mapConfig && <MapView config={mapConfig} onReady={(made) => setReadyMap(made && { map: made, config: mapConfig })} />}
        <ZoomControls map={map} onIdentifyCentre={() => map && void runIdentify(map.getCenter().lng, map.getCenter().lat)} />
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
          onClose={closeIdentify}
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
        <AttributeTable layer={tableLayer} selectedId={selected?.id ?? null} onRowSelect={showFeature} onClose={() => setTableLayerKey(null)} map={map} view={views.get(tableLayer.key)}
          onDrawingChange={setDrawingArea} />
      )}
      {exportLayerKey && layersByKey.get(exportLayerKey) && (
        <ExportDialog layer={layersByKey.get(exportLayerKey)!} bbox={map?.getBounds().toArray().flat()} onClose={() => setExportLayerKey(null)} />
      )}
      {uploadTo && <UploadDialog layer={uploadTo} onUploaded={afterUpload} onClose={() => setUploadTo(null)} />}
    </div>
    </PrintRastersContext.Provider>
  );
}
