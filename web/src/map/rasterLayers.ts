// Raster layers on the map (issue 19): each raster layer is one raster source of our tile endpoint
// (/tiles/raster/{layer}/{z}/{x}/{y}.png, transparent outside its sheets), drawn over the basemap and
// under every vector layer (slot-raster), with its sheet outlines (図郭割) above it.
import type { Feature as GeoJsonFeature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, RasterTileSource } from 'maplibre-gl';
import { rasterTileJsonUrl, type RasterSheet } from '../api/rasters';
import { LABEL_FONT } from './basemap';

/** Raster tiles are 256 px PNGs. */
export const RASTER_TILE_SIZE = 256;

/** GeoJSON features of the placed sheets' outlines, for the sheet index. */
export function outlineFeatures(sheets: RasterSheet[]): GeoJsonFeature[] {
  return sheets
    .filter((s) => s.status === 'PLACED' && s.outline)
    .map((s) => ({ type: 'Feature', geometry: s.outline!, properties: { id: s.id, name: s.name } }));
}

export class RasterLayerView {
  readonly sourceId: string;
  readonly layerId: string;
  private readonly outlineSourceId: string;
  private readonly outlineLayerIds: string[];
  private visible = false;
  private opacity = 1;
  private outlines: GeoJsonFeature[] = [];

  /** tileSize: 128 on a printed sheet drawn at 2 device pixels per CSS pixel, so tiles come one zoom deeper (print resolution). */
  constructor(
    readonly layerKey: string,
    private readonly tileSize = RASTER_TILE_SIZE,
  ) {
    this.sourceId = `raster-${layerKey}`;
    this.layerId = `raster-${layerKey}`;
    this.outlineSourceId = `raster-${layerKey}-outlines`;
    this.outlineLayerIds = [`${this.outlineSourceId}-line`, `${this.outlineSourceId}-label`];
  }

  addTo(map: MapLibreMap): void {
    if (!map.getSource(this.sourceId)) map.addSource(this.sourceId, { type: 'raster', url: rasterTileJsonUrl(this.layerKey), tileSize: this.tileSize });
    // No fade: a sheet fades only with its opacity slider.
    map.addLayer({ id: this.layerId, type: 'raster', source: this.sourceId, layout: { visibility: 'none' }, paint: { 'raster-fade-duration': 0 } }, 'slot-raster');
    map.addSource(this.outlineSourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: this.outlines } });
    map.addLayer(
      {
        id: this.outlineLayerIds[0],
        type: 'line',
        source: this.outlineSourceId,
        layout: { visibility: 'none' },
        paint: { 'line-color': '#7a4fb0', 'line-width': 1.5, 'line-dasharray': [4, 2] },
      },
      'slot-fill',
    );
    map.addLayer(
      {
        id: this.outlineLayerIds[1],
        type: 'symbol',
        source: this.outlineSourceId,
        minzoom: 14,
        layout: { visibility: 'none', 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11, 'symbol-placement': 'line', 'text-optional': true },
        paint: { 'text-color': '#5b3a86', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
      },
      'slot-label',
    );
    this.apply(map);
  }

  removeFrom(map: MapLibreMap): void {
    if (!map.style) return;
    for (const id of [this.layerId, ...this.outlineLayerIds]) if (map.getLayer(id)) map.removeLayer(id);
    for (const id of [this.sourceId, this.outlineSourceId]) if (map.getSource(id)) map.removeSource(id);
  }

  setVisible(map: MapLibreMap, visible: boolean): void {
    this.visible = visible;
    for (const id of [this.layerId, ...this.outlineLayerIds]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  setOpacity(map: MapLibreMap, opacity: number): void {
    this.opacity = opacity;
    if (map.getLayer(this.layerId)) map.setPaintProperty(this.layerId, 'raster-opacity', opacity);
  }

  setSheets(map: MapLibreMap, sheets: RasterSheet[]): void {
    this.outlines = outlineFeatures(sheets);
    (map.getSource(this.outlineSourceId) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: this.outlines });
  }

  /** After a sheet was placed or removed: the TileJSON (bounds, version) and tiles are read again. */
  refresh(map: MapLibreMap): void {
    const source = map.getSource(this.sourceId) as RasterTileSource | undefined;
    // A query that changes each time: tiles cached under the old URLs are not reused.
    source?.setUrl(`${rasterTileJsonUrl(this.layerKey)}?t=${Date.now()}`);
  }

  private apply(map: MapLibreMap): void {
    this.setVisible(map, this.visible);
    this.setOpacity(map, this.opacity);
  }
}

/** Stacks the raster layers: `keysTopFirst[0]` is drawn on top, all of them under the vector layers. */
export function stackRasterLayers(map: MapLibreMap, views: RasterLayerView[]): void {
  // moveLayer puts a layer just below slot-raster: moving bottom first leaves the top one last.
  for (const view of [...views].reverse()) if (map.getLayer(view.layerId)) map.moveLayer(view.layerId, 'slot-raster');
}
