// The map of a printed sheet: MapLibre at the zoom that gives the sheet's scale, drawn once
// with no animation, then frozen into an image so that printing cannot disturb it. A north
// arrow, a scale bar and the place marker are drawn over it as SVG (sharp in the PDF).
import type { Feature as GeoJsonFeature, Geometry } from 'geojson';
import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { buildStyle, ensureSlots, LABEL_FONT, LOCAL_IDEOGRAPH_FONTS } from '../map/basemap';
import type { AppConfig } from '../map/config';
import { FeatureLayerView, GeoJsonFeatureSource } from '../map/featureLayers';
import { geodesicLength, type LonLat } from '../map/geodesy';
import { addLedgerOverlays, setRouteHighlight } from '../map/ledgerOverlays';
import { drawWhenComplete } from '../map/drawWhenComplete';
import { addOverlays, setHighlight } from '../map/overlays';
import { setRedline, type RedlineItem } from '../map/redline';
import { RASTER_TILE_SIZE, RasterLayerView, stackRasterLayers } from '../map/rasterLayers';
import { usesTiles } from '../map/tileLayers';
import type { PrintRaster } from './sheetParams';
import { markSheet } from './timings';
import { CSS_PX_PER_MM, formatScale, scaleBar } from './scale';

export interface SheetMapProps {
  config: AppConfig;
  center: LonLat;
  zoom: number;
  /** The stated scale denominator (the zoom was computed from it). */
  scale: number;
  frameMm: { width: number; height: number };
  /** Vector layers. */
  layers: Layer[];
  /** Raster layers (scanned sheets, photos) under the vector layers, bottom first. */
  rasters?: PrintRaster[];
  /** The selected feature, outlined like on screen. */
  highlight?: Geometry | null;
  /** A whole road route. */
  route?: Geometry | null;
  /** Numbered points drawn on the map (route segment numbers). */
  labels?: { position: LonLat; text: string }[];
  /** A marker at the centre: the place the sheet is about. */
  marker?: boolean;
  /** Temporary marks the user drew (朱書き), drawn above everything. */
  redline?: RedlineItem[];
  /** Page frames of a plan (the index, or the neighbours' match lines) with their page numbers. */
  outlines?: { ring: LonLat[]; label: string }[];
  onDrawn: (drawn: { measuredScale: number }) => void;
  onError: (message: string) => void;
}

/** Device pixels per CSS pixel of the map image: 2 gives about 190 dpi on paper. */
const PRINT_PIXEL_RATIO = 2;
const LABEL_SOURCE = 'sheet-labels';

/** Resolves once the map has drawn everything it has (style, sources, tiles, labels). */
function settled(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (map.loaded() && map.areTilesLoaded()) resolve();
      else void map.once('idle', check);
    };
    void map.once('idle', check);
    map.triggerRepaint();
  });
}

/**
 * The map's real scale, measured on the drawn map: the geodesic (GRS80) length of 200 CSS px
 * across the centre, converted to paper. It agrees with the stated scale to about 0.1 %
 * (Web Mercator's sphere against the ellipsoid).
 */
function measureScale(map: MapLibreMap): number {
  const { clientWidth: w, clientHeight: h } = map.getContainer();
  const a = map.unproject([w / 2 - 100, h / 2]);
  const b = map.unproject([w / 2 + 100, h / 2]);
  const metres = geodesicLength([
    [a.lng, a.lat],
    [b.lng, b.lat],
  ]);
  return (metres / 200) * CSS_PX_PER_MM * 1000;
}

export function SheetMap(props: SheetMapProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [image, setImage] = useState<string | null>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  // The map is drawn once per mount; later prop changes are not expected on a sheet.
  const propsRef = useRef(props);

  useEffect(() => {
    const { config, center, zoom, layers, rasters, highlight, route, labels, redline, outlines, onDrawn, onError } = propsRef.current;
    let done = false;
    // The sheet's own data is in when its map starts.
    markSheet('data');
    const fail = (message: string) => {
      if (done) return;
      done = true;
      onError(message);
    };
    const map = new maplibregl.Map({
      container: container.current!,
      style: buildStyle(config),
      center,
      zoom,
      minZoom: 0,
      maxZoom: 24,
      interactive: false,
      attributionControl: false,
      // No fades: the first complete frame is the final one.
      fadeDuration: 0,
      pixelRatio: PRINT_PIXEL_RATIO,
      // The drawing buffer is kept so it can be copied out; no MSAA (the 2× pixel ratio smooths edges).
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONTS,
    });
    // No intermediate frames: the sheet needs only the last.
    drawWhenComplete(map);
    map.on('error', (e) => fail(`map: ${e.error?.message ?? 'error'}`));
    // The drawing catches its own errors (fail); once() with a listener returns the map, not a promise.
    void map.once('load', () => void (async () => {
      try {
        ensureSlots(map);
        addOverlays(map);
        addLedgerOverlays(map);
        // Only the features on the sheet (with a margin) are fetched.
        const b = map.getBounds();
        const dx = (b.getEast() - b.getWest()) * 0.1;
        const dy = (b.getNorth() - b.getSouth()) * 0.1;
        const bbox = [b.getWest() - dx, b.getSouth() - dy, b.getEast() + dx, b.getNorth() + dy];
        const views = layers.map((layer) => new FeatureLayerView(layer, usesTiles(layer) ? undefined : new GeoJsonFeatureSource(layer.key, bbox)));
        for (const view of views) {
          view.addTo(map);
          view.setVisible(map, true);
        }
        const rasterViews = (rasters ?? []).map((r) => {
          const view = new RasterLayerView(r.key, RASTER_TILE_SIZE / PRINT_PIXEL_RATIO);
          view.addTo(map);
          view.setVisible(map, true);
          view.setOpacity(map, r.opacity);
          return view;
        });
        stackRasterLayers(map, rasterViews.reverse());
        await Promise.all(views.map((view) => view.source.load()));
        setHighlight(map, highlight ?? null);
        setRouteHighlight(map, route ?? null);
        if (labels?.length) addLabels(map, labels);
        if (redline?.length) setRedline(map, redline);
        if (outlines?.length) addOutlines(map, outlines);
        await settled(map);
        if (done) return;
        const scale = measureScale(map);
        const url = map.getCanvas().toDataURL('image/png');
        const img = new Image();
        img.src = url;
        await img.decode();
        done = true;
        setMeasured(scale);
        setImage(url);
        map.remove();
        markSheet('mapDrawn');
        onDrawn({ measuredScale: scale });
      } catch (e) {
        fail((e as Error).message ?? String(e));
      }
    })());
    return () => {
      done = true;
      if (map.style) map.remove();
    };
  }, []);

  const { frameMm, scale, marker } = props;
  const bar = scaleBar(scale, Math.min(50, frameMm.width / 3));
  return (
    <div
      className="sheet-map"
      style={{ width: `${frameMm.width}mm`, height: `${frameMm.height}mm` }}
      data-zoom={props.zoom}
      data-scale={scale}
      data-measured-scale={measured ?? undefined}
    >
      <div ref={container} className="sheet-map-canvas" style={{ visibility: image ? 'hidden' : 'visible' }} />
      {image && <img className="sheet-map-image" src={image} alt={t('sheetMapAlt', { scale: formatScale(scale) })} />}
      {marker && <PlaceMarker />}
      <NorthArrow label={t('north')} />
      <ScaleBarBox metres={bar.metres} mm={bar.mm} parts={bar.parts} scale={scale} label={t('scaleLabel')} />
    </div>
  );
}

function addLabels(map: MapLibreMap, labels: { position: LonLat; text: string }[]): void {
  const features: GeoJsonFeature[] = labels.map((l) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: l.position }, properties: { text: l.text } }));
  if (!map.getSource(LABEL_SOURCE)) {
    map.addSource(LABEL_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: 'sheet-label-dots', type: 'circle', source: LABEL_SOURCE, paint: { 'circle-radius': 9, 'circle-color': '#ffffff', 'circle-stroke-color': '#c92a2a', 'circle-stroke-width': 2 } });
    map.addLayer({
      id: 'sheet-label-text',
      type: 'symbol',
      source: LABEL_SOURCE,
      layout: { 'text-field': ['get', 'text'], 'text-font': LABEL_FONT, 'text-size': 11, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#c92a2a' },
    });
  }
  (map.getSource(LABEL_SOURCE) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
}

/** Page frames drawn dashed with their numbers in the middle (a plan's index and match lines). */
function addOutlines(map: MapLibreMap, outlines: { ring: LonLat[]; label: string }[]): void {
  const features: GeoJsonFeature[] = outlines.flatMap((o) => [
    { type: 'Feature', geometry: { type: 'LineString', coordinates: o.ring }, properties: {} },
    { type: 'Feature', geometry: { type: 'Point', coordinates: o.ring.slice(0, 4).reduce((s, p) => [s[0] + p[0] / 4, s[1] + p[1] / 4], [0, 0]) }, properties: { text: o.label } },
  ]);
  map.addSource('sheet-outlines', { type: 'geojson', data: { type: 'FeatureCollection', features } });
  map.addLayer({
    id: 'sheet-outline-lines', type: 'line', source: 'sheet-outlines', filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': '#1c7ed6', 'line-width': 1.6, 'line-dasharray': [4, 2] },
  });
  map.addLayer({
    id: 'sheet-outline-labels', type: 'symbol', source: 'sheet-outlines', filter: ['==', ['geometry-type'], 'Point'],
    layout: { 'text-field': ['get', 'text'], 'text-font': LABEL_FONT, 'text-size': 16, 'text-allow-overlap': true, 'text-ignore-placement': true },
    paint: { 'text-color': '#1c7ed6', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
  });
}

/** The place of the enquiry, at the centre of the map. */
function PlaceMarker() {
  return (
    <svg className="sheet-marker" viewBox="-20 -20 40 40" aria-hidden="true">
      <circle r="11" fill="none" stroke="#ffffff" strokeWidth="6" />
      <circle r="11" fill="none" stroke="#d6336c" strokeWidth="3" />
      <path d="M-17 0H-6M6 0H17M0 -17V-6M0 6V17" stroke="#d6336c" strokeWidth="2.5" />
      <circle r="2" fill="#d6336c" />
    </svg>
  );
}

function NorthArrow({ label }: { label: string }) {
  return (
    <svg className="sheet-north" viewBox="0 0 40 56" role="img" aria-label={label}>
      <rect x="0" y="0" width="40" height="56" rx="4" fill="rgba(255,255,255,0.9)" />
      <text x="20" y="15" textAnchor="middle" fontSize="13" fontWeight="bold" fill="#222">
        N
      </text>
      <path d="M20 19 L30 50 L20 43 Z" fill="#222" />
      <path d="M20 19 L10 50 L20 43 Z" fill="#ffffff" stroke="#222" strokeWidth="1.2" />
    </svg>
  );
}

/** The scale bar, drawn in millimetres so that it measures true on paper (the SVG is exactly the bar). */
function ScaleBarBox({ metres, mm, parts, scale, label }: { metres: number; mm: number; parts: number; scale: number; label: string }) {
  const part = mm / parts;
  return (
    <div className="sheet-scalebar" data-metres={metres} data-mm={mm}>
      <span className="sheet-scale-text">
        {label} {formatScale(scale)}
      </span>
      <svg className="sheet-scalebar-bar" width={`${mm}mm`} height="6.5mm" viewBox={`0 0 ${mm} 6.5`} overflow="visible" aria-hidden="true">
        {Array.from({ length: parts }, (_, i) => (
          <rect key={i} x={i * part} y={0.6} width={part} height={2.2} fill={i % 2 === 0 ? '#222' : '#fff'} stroke="#222" strokeWidth="0.2" />
        ))}
        <text x={0} y={6} fontSize="2.6" textAnchor="middle" fill="#222">
          0
        </text>
        <text x={mm} y={6} fontSize="2.6" textAnchor="middle" fill="#222">
          {metres} m
        </text>
      </svg>
    </div>
  );
}
