// The basemap, built from the city's own data served by our server (works on a closed network):
// city boundary, town (町丁目) areas and names, the road ledger's lines as roads and, from vector
// tiles, the reference layers (parcels, buildings, water, railway, facilities) drawn like a city plan.
import type { FeatureCollection, Geometry } from 'geojson';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { getJson } from '../api/client';
import type { AppConfig } from './config';
import { tileJsonUrl, type ReferenceLayers, type ReferenceRole } from './tileLayers';

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

/**
 * Layer slots: operational layers are inserted before these, so kinds stack in a fixed order.
 * Raster layers (scanned sheets) go before slot-raster: over the basemap, under every vector layer.
 */
export const SLOTS = ['slot-raster', 'slot-fill', 'slot-line', 'slot-circle', 'slot-label', 'slot-top'] as const;
export type Slot = (typeof SLOTS)[number];

function slotLayers(): LayerSpecification[] {
  // A hidden background layer is the cheapest layer with no source.
  return SLOTS.map((id) => ({ id, type: 'background', layout: { visibility: 'none' } }));
}

const ROAD_COLOR = '#ffffff';
const ROAD_CASING = '#b9b2a6';

function ownSources(reference: ReferenceLayers): Record<string, SourceSpecification> {
  return {
    'basemap-boundary': { type: 'geojson', data: absoluteUrl('/api/basemap/boundary.geojson') },
    'basemap-towns': { type: 'geojson', data: absoluteUrl('/api/basemap/towns.geojson') },
    'basemap-town-points': { type: 'geojson', data: absoluteUrl('/api/basemap/town-points.geojson') },
    'basemap-roads': { type: 'geojson', data: absoluteUrl('/api/basemap/roads.geojson') },
    ...Object.fromEntries(Object.values(reference).map((key) => [`layer-${key}`, { type: 'vector', url: tileJsonUrl(key) } as SourceSpecification])),
  };
}

const WATER = '#9cc9ec';
const WATER_LINE = '#4a90c8';
const PARCEL_LINE = '#8f8a80';
const BUILDING = '#d8d4cc';
const BUILDING_LINE = '#7d766b';
/** Land categories (地目) tinted as on a 都市計画基本図: fields, paddies, woods and parks; 宅地 stays paper white. */
const LAND_TINT: unknown[] = [
  'match', ['get', 'land_category'],
  '田', '#e3efd9', '畑', '#eef1d6', '山林', '#d3e6c6', '原野', '#eaefdf', '公園', '#cfe8c4', '学校用地', '#f1ebdc', '雑種地', '#efece6',
  'rgba(0,0,0,0)',
];
/**
 * Style layers of the reference layer playing a role, with ids `layer-{key}-{suffix}` (the layer view
 * adopts them by that prefix); none when no readable layer plays the role.
 */
function referenceLayers(
  reference: ReferenceLayers,
  role: ReferenceRole,
  specs: Array<{ suffix: string } & Record<string, unknown>>,
): LayerSpecification[] {
  const key = reference[role];
  if (!key) return [];
  return specs.map(({ suffix, ...spec }) => ({ ...spec, id: `layer-${key}-${suffix}`, source: `layer-${key}`, 'source-layer': key }) as LayerSpecification);
}

/** Reference layers under the roads: water, land, parcels and buildings; over a photo only their lines. */
function referenceAreaLayers(reference: ReferenceLayers, withFills: boolean): LayerSpecification[] {
  const layers: LayerSpecification[] = [
    ...referenceLayers(reference, 'RIVERS', [
      { suffix: 'fill', type: 'fill', filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]], paint: { 'fill-color': WATER, 'fill-opacity': 1 } },
      { suffix: 'line', type: 'line', paint: { 'line-color': WATER_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 17, 1.6], 'line-opacity': 1 } },
    ]),
    ...referenceLayers(reference, 'PARCELS', [
      { suffix: 'fill', type: 'fill', minzoom: 13, paint: { 'fill-color': LAND_TINT, 'fill-opacity': 1 } },
      {
        suffix: 'line', type: 'line', minzoom: 15,
        paint: { 'line-color': PARCEL_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 15, 0.3, 17, 0.7, 19, 1.1], 'line-opacity': 1 },
      },
    ]),
    ...referenceLayers(reference, 'BUILDINGS', [
      { suffix: 'fill', type: 'fill', minzoom: 14, paint: { 'fill-color': BUILDING, 'fill-opacity': 1 } },
      {
        suffix: 'line', type: 'line', minzoom: 15,
        paint: { 'line-color': BUILDING_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 15, 0.3, 18, 0.9], 'line-opacity': 1 },
      },
    ]),
  ];
  return withFills ? layers : layers.filter((l) => l.type !== 'fill');
}

/** Railway (JR: black with white dashes) and labels of lots and water, above the roads. */
function referenceTopLayers(reference: ReferenceLayers): LayerSpecification[] {
  const railWidth = ['interpolate', ['linear'], ['zoom'], 11, 2.5, 15, 4, 18, 7];
  return [
    ...referenceLayers(reference, 'RAILWAYS', [
      { suffix: 'line', type: 'line', paint: { 'line-color': '#1f1f1f', 'line-width': railWidth, 'line-opacity': 1 } },
      {
        suffix: 'dash-line', type: 'line',
        paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.4, 15, 2.6, 18, 5], 'line-dasharray': [3, 3], 'line-opacity': 1 },
      },
    ]),
    ...referenceLayers(reference, 'PARCELS', [{
      suffix: 'label', type: 'symbol', minzoom: 17,
      layout: { 'text-field': ['get', 'chiban'], 'text-font': LABEL_FONT, 'text-size': ['interpolate', ['linear'], ['zoom'], 17, 9, 19, 12], 'text-padding': 1 },
      paint: { 'text-color': '#5c564c', 'text-halo-color': '#ffffff', 'text-halo-width': 1, 'text-opacity': 1 },
    }]),
    ...referenceLayers(reference, 'RIVERS', [{
      suffix: 'label', type: 'symbol', minzoom: 14,
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'symbol-spacing': 500, 'text-letter-spacing': 0.3 },
      paint: { 'text-color': '#1c5d96', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4, 'text-opacity': 1 },
    }]),
  ];
}

/** Facility names in Japanese, above the operational layers like the town names. */
function facilityLayers(reference: ReferenceLayers): LayerSpecification[] {
  return referenceLayers(reference, 'FACILITIES', [
    {
      suffix: 'circle', type: 'circle', minzoom: 13,
      paint: {
        'circle-color': ['match', ['get', 'facility_kind'], '駅', '#1f1f1f', '公園', '#3f8f3f', '#6a4c93'],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 2.5, 17, 5],
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2, 'circle-opacity': 1, 'circle-stroke-opacity': 1,
      },
    },
    {
      suffix: 'label', type: 'symbol', minzoom: 14,
      layout: {
        'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 18, 14],
        'text-anchor': 'top', 'text-offset': [0, 0.6], 'text-optional': true,
      },
      paint: { 'text-color': '#3b2a5c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'text-opacity': 1 },
    },
  ]);
}

/** Width of a road by zoom, wider for the larger classes (zoom must be the outermost input). */
function roadWidth(extra: number) {
  const majorRoad = ['match', ['to-string', ['get', 'roadClass']], '1級', 1.4, '2級', 1.15, 1];
  const stops = [11, 0.4, 14, 1.6, 17, 7, 19, 18].flatMap<unknown>((v, i) => (i % 2 === 0 ? [v] : [['+', extra, ['*', majorRoad, v]]]));
  return ['interpolate', ['exponential', 1.6], ['zoom'], ...stops] as never;
}

function ownLayers(reference: ReferenceLayers, withAreas: boolean): LayerSpecification[] {
  const areas: LayerSpecification[] = withAreas
    ? [
        { id: 'basemap-background', type: 'background', paint: { 'background-color': '#e9e6df' } },
        // The city's paper tone gives way to white at street zoom, where lots and buildings carry the map.
        {
          id: 'basemap-boundary-fill', type: 'fill', source: 'basemap-boundary',
          paint: { 'fill-color': ['interpolate', ['linear'], ['zoom'], 14, '#f8f6f1', 16, '#ffffff'] },
        },
      ]
    : [];
  return [
    ...areas,
    ...referenceAreaLayers(reference, withAreas),
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
    ...referenceTopLayers(reference),
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
      paint: {
        'text-color': '#3d3529', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6,
        // Town names step back at street zoom, where lot numbers and facility names are read.
        'text-opacity': ['interpolate', ['linear'], ['zoom'], 16, 1, 18, 0.45],
      },
    },
    ...facilityLayers(reference),
  ];
}

/** Ids of the basemap layers that carry labels; they are moved above the operational layers. */
function labelLayerIds(reference: ReferenceLayers): string[] {
  return ['basemap-town-labels', ...facilityLayers(reference).map((l) => l.id)];
}

export function buildStyle(config: AppConfig): StyleSpecification | string {
  const { basemap } = config;
  if (basemap.styleUrl) return basemap.styleUrl;
  // Not through URL(): it would percent-encode the {fontstack} and {range} tokens.
  const glyphs = `${window.location.origin}/glyphs/{fontstack}/{range}.pbf`;
  if (basemap.blank) {
    return { version: 8, glyphs, sources: {}, layers: [{ id: 'basemap-background', type: 'background', paint: { 'background-color': '#ffffff' } }, ...slotLayers()] };
  }
  const reference = config.referenceLayers ?? {};
  const sources = ownSources(reference);
  const layers: LayerSpecification[] = [];
  const rasterBasemap = !!basemap.rasterTiles?.length || !!basemap.rasterTileJson;
  if (rasterBasemap) {
    sources['basemap-raster'] = {
      type: 'raster',
      ...(basemap.rasterTileJson ? { url: basemap.rasterTileJson } : { tiles: basemap.rasterTiles! }),
      tileSize: basemap.rasterTileSize ?? 256,
      attribution: basemap.attribution ?? undefined,
    };
    // Paper white where the photo has no data (outside its sheets).
    if (basemap.rasterTileJson) layers.push({ id: 'basemap-background', type: 'background', paint: { 'background-color': '#ffffff' } });
    layers.push({ id: 'basemap-raster', type: 'raster', source: 'basemap-raster' });
  }
  layers.push(...ownLayers(reference, !rasterBasemap));
  // Operational layers go between the basemap and its town labels.
  const labelIds = labelLayerIds(reference);
  const labels = layers.filter((l) => labelIds.includes(l.id));
  const rest = layers.filter((l) => !labelIds.includes(l.id));
  return {
    version: 8,
    glyphs,
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
