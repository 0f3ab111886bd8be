// The basemap, built from the city's own data served by our server (works on a closed network):
// city boundary, town (町丁目) areas and names, and the road ledger's lines as roads.
import type { FeatureCollection, Geometry } from 'geojson';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { getJson } from '../api/client';
import type { AppConfig } from './config';

/** Font stack of our glyph PBFs (web/public/glyphs); CJK is drawn locally by the browser. */
export const LABEL_FONT = ['Noto Sans CJK JP'];

/**
 * Fonts for the locally drawn CJK glyphs: the usual Japanese UI fonts on Windows, macOS and Linux.
 * MapLibre uses this only for the default font stack; for ours it falls back to the stack name
 * (Noto Sans CJK JP) and then sans-serif, which `lang: ja` steers to a Japanese face.
 */
export const LOCAL_IDEOGRAPH_FONTS = "'Noto Sans CJK JP', 'Noto Sans JP', 'Yu Gothic UI', 'Meiryo', 'Hiragino Sans', sans-serif";

/** Our own URLs must be absolute: the map loads some resources from a web worker. */
export function absoluteUrl(path: string): string {
  return new URL(path, window.location.href).href;
}

/** Layer slots: operational layers are inserted before these, so kinds stack in a fixed order. */
export const SLOTS = ['slot-fill', 'slot-line', 'slot-circle', 'slot-label', 'slot-top'] as const;
export type Slot = (typeof SLOTS)[number];

function slotLayers(): LayerSpecification[] {
  // A hidden background layer is the cheapest layer with no source.
  return SLOTS.map((id) => ({ id, type: 'background', layout: { visibility: 'none' } }));
}

const ROAD_COLOR = '#ffffff';
const ROAD_CASING = '#b9b2a6';

function ownSources(): Record<string, SourceSpecification> {
  return {
    'basemap-boundary': { type: 'geojson', data: absoluteUrl('/api/basemap/boundary.geojson') },
    'basemap-towns': { type: 'geojson', data: absoluteUrl('/api/basemap/towns.geojson') },
    'basemap-town-points': { type: 'geojson', data: absoluteUrl('/api/basemap/town-points.geojson') },
    'basemap-roads': { type: 'geojson', data: absoluteUrl('/api/basemap/roads.geojson') },
  };
}

/** Width of a road by zoom, wider for the larger classes (zoom must be the outermost input). */
function roadWidth(extra: number) {
  const majorRoad = ['match', ['to-string', ['get', 'roadClass']], '1級', 1.4, '2級', 1.15, 1];
  const stops = [11, 0.4, 14, 1.6, 17, 7, 19, 18].flatMap<unknown>((v, i) => (i % 2 === 0 ? [v] : [['+', extra, ['*', majorRoad, v]]]));
  return ['interpolate', ['exponential', 1.6], ['zoom'], ...stops] as never;
}

function ownLayers(withAreas: boolean): LayerSpecification[] {
  const areas: LayerSpecification[] = withAreas
    ? [
        { id: 'basemap-background', type: 'background', paint: { 'background-color': '#e9e6df' } },
        { id: 'basemap-boundary-fill', type: 'fill', source: 'basemap-boundary', paint: { 'fill-color': '#f8f6f1' } },
      ]
    : [];
  return [
    ...areas,
    {
      id: 'basemap-towns-line',
      type: 'line',
      source: 'basemap-towns',
      minzoom: 12,
      paint: { 'line-color': '#b8aa98', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.4, 16, 1.2], 'line-dasharray': [3, 2] },
    },
    {
      id: 'basemap-roads-casing',
      type: 'line',
      source: 'basemap-roads',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ROAD_CASING,
        'line-width': roadWidth(1.5),
      },
    },
    {
      id: 'basemap-roads',
      type: 'line',
      source: 'basemap-roads',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ROAD_COLOR, 'line-width': roadWidth(0) },
    },
    {
      id: 'basemap-boundary-line',
      type: 'line',
      source: 'basemap-boundary',
      paint: { 'line-color': '#6c5a87', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 16, 3.5], 'line-dasharray': [4, 1.5, 1, 1.5] },
    },
    {
      id: 'basemap-road-labels',
      type: 'symbol',
      source: 'basemap-roads',
      minzoom: 15,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['coalesce', ['get', 'routeName'], ['get', 'routeNo'], ''],
        'text-font': LABEL_FONT,
        'text-size': 11,
        'symbol-spacing': 400,
      },
      paint: { 'text-color': '#6b6254', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'basemap-town-labels',
      type: 'symbol',
      source: 'basemap-town-points',
      minzoom: 12,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 16, 15],
        'text-padding': 4,
      },
      paint: { 'text-color': '#3d3529', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ];
}

/** Ids of the basemap layers that carry labels; they are moved above the operational layers. */
export const BASEMAP_LABEL_LAYERS = ['basemap-town-labels'];

export function buildStyle(config: AppConfig): StyleSpecification | string {
  const { basemap } = config;
  if (basemap.styleUrl) return basemap.styleUrl;
  const sources = ownSources();
  const layers: LayerSpecification[] = [];
  if (basemap.rasterTiles?.length) {
    sources['basemap-raster'] = {
      type: 'raster',
      tiles: basemap.rasterTiles,
      tileSize: basemap.rasterTileSize ?? 256,
      attribution: basemap.attribution ?? undefined,
    };
    layers.push({ id: 'basemap-raster', type: 'raster', source: 'basemap-raster' });
  }
  layers.push(...ownLayers(!basemap.rasterTiles?.length));
  // Operational layers go between the basemap and its town labels.
  const labels = layers.filter((l) => BASEMAP_LABEL_LAYERS.includes(l.id));
  const rest = layers.filter((l) => !BASEMAP_LABEL_LAYERS.includes(l.id));
  return {
    version: 8,
    // Not through URL(): it would percent-encode the {fontstack} and {range} tokens.
    glyphs: `${window.location.origin}/glyphs/{fontstack}/{range}.pbf`,
    sources,
    layers: [...rest, ...slotLayers(), ...labels],
  };
}

/** For a style loaded from a URL: adds our layer slots on top, so operational layers have a place. */
export function ensureSlots(map: { getLayer(id: string): unknown; addLayer(layer: LayerSpecification): unknown }): void {
  for (const layer of slotLayers()) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

let townAreas: Promise<Map<string, Geometry>> | null = null;

/** The area polygon of a town (町丁目) by name, from the basemap's town areas (fetched once). */
export function townArea(name: string): Promise<Geometry | null> {
  townAreas ??= getJson<FeatureCollection>('/api/basemap/towns.geojson').then(
    (collection) => new Map(collection.features.map((f) => [String(f.properties?.name), f.geometry])),
  );
  return townAreas.then(
    (areas) => areas.get(name) ?? null,
    () => {
      townAreas = null; // try again next time
      return null;
    },
  );
}
