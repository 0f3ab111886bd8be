// Large layers come to the map as vector tiles (/tiles/{layer}/{z}/{x}/{y}.mvt): the browser holds
// only the tiles in view instead of every feature. Identify and editing still use GraphQL.
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import type { Layer, LayerRole } from '../api/model';
import type { FeatureSource } from './featureLayers';

/** Layers with more features than this are drawn from tiles (street lights: 8,000). */
export const TILE_THRESHOLD = 3000;

/**
 * Roles of the reference layers the built-in basemap draws from their tiles (sources `layer-{key}`,
 * the ids the operational layer views use, so the layer panel's visibility and opacity drive those
 * style layers). By role, not key: a city may rename or replace them.
 */
export const REFERENCE_ROLES = ['RIVERS', 'PARCELS', 'BUILDINGS', 'RAILWAYS', 'FACILITIES'] as const satisfies readonly LayerRole[];
export type ReferenceRole = (typeof REFERENCE_ROLES)[number];
/** The key of the layer playing each reference role, among the layers the user may read. */
export type ReferenceLayers = Partial<Record<ReferenceRole, string>>;

export function isReferenceLayer(layer: Pick<Layer, 'role'>): boolean {
  return (REFERENCE_ROLES as readonly (string | null | undefined)[]).includes(layer.role);
}

export function referenceLayersOf(layers: Pick<Layer, 'key' | 'role'>[]): ReferenceLayers {
  return Object.fromEntries(layers.filter(isReferenceLayer).map((l) => [l.role, l.key]));
}

export function usesTiles(layer: Pick<Layer, 'featureCount' | 'role'>): boolean {
  // Reference layers always: the whole city's parcels never travel as GeoJSON.
  return layer.featureCount > TILE_THRESHOLD || isReferenceLayer(layer);
}

/** TileJSON of a layer; its tile URLs carry ?v=<data version>, so a new version means new URLs. */
export function tileJsonUrl(layerKey: string): string {
  return new URL(`/tiles/${encodeURIComponent(layerKey)}.json`, window.location.href).href;
}

export class VectorTileFeatureSource implements FeatureSource {
  readonly sourceId: string;
  /** The layer inside each tile is named after the layer key. */
  readonly sourceLayer: string;
  // Tiles load as the map needs them: nothing to fetch up front.
  readonly loaded = true;
  private map: MapLibreMap | null = null;

  constructor(private readonly layerKey: string) {
    this.sourceId = `layer-${layerKey}`;
    this.sourceLayer = layerKey;
  }

  addTo(map: MapLibreMap): void {
    this.map = map;
    if (!map.getSource(this.sourceId)) map.addSource(this.sourceId, { type: 'vector', url: tileJsonUrl(this.layerKey) });
  }

  load(): Promise<void> {
    return Promise.resolve();
  }

  /** After an edit: re-reads the TileJSON, whose new data version changes every tile URL. */
  refresh(): void {
    (this.map?.getSource(this.sourceId) as VectorTileSource | undefined)?.setUrl(tileJsonUrl(this.layerKey));
  }
}
