// Raster layers on the map (issue 19): each raster layer is one raster source of our tile endpoint
// (/tiles/raster/{layer}/{z}/{x}/{y}.png, transparent outside its sheets), drawn over the basemap and
// under every vector layer (slot-raster), with its sheet index (図郭割) above it: the placed sheets'
// outlines as vector tiles of the same endpoint (/tiles/raster/{layer}/index/…), like the other layers.
import type { Map as MapLibreMap, PointLike, RasterTileSource, VectorTileSource } from 'maplibre-gl';
import { rasterTileJsonUrl, sheetIndexTileJsonUrl } from '../api/rasters';
import { LABEL_FONT } from './basemap';

/** Raster tiles are 256 px PNGs. */
export const RASTER_TILE_SIZE = 256;
/** The layer of the sheet index tiles (server: SHEET_INDEX_LAYER). */
const SHEET_INDEX_LAYER = 'sheets';

export class RasterLayerView {
  readonly sourceId: string;
  readonly layerId: string;
  private readonly indexSourceId: string;
  private readonly indexLayerIds: string[];
  /** The invisible fill of the sheets that a click inside an outline hits. */
  private readonly indexHitLayerId: string;
  private visible = false;
  private opacity = 1;

  /**
   * tileSize: 128 on a printed sheet drawn at 2 device pixels per CSS pixel, so tiles come one zoom deeper (print resolution).
   * sheetIndex: draw the sheet outlines (the viewer; a printed sheet shows the image only).
   */
  constructor(
    readonly layerKey: string,
    private readonly tileSize = RASTER_TILE_SIZE,
    private readonly sheetIndex = false,
  ) {
    this.sourceId = `raster-${layerKey}`;
    this.layerId = `raster-${layerKey}`;
    this.indexSourceId = `raster-${layerKey}-index`;
    this.indexHitLayerId = `${this.indexSourceId}-hit`;
    this.indexLayerIds = sheetIndex ? [this.indexHitLayerId, `${this.indexSourceId}-line`, `${this.indexSourceId}-label`] : [];
  }

  addTo(map: MapLibreMap): void {
    if (!map.getSource(this.sourceId)) map.addSource(this.sourceId, { type: 'raster', url: rasterTileJsonUrl(this.layerKey), tileSize: this.tileSize });
    // No fade: a sheet fades only with its opacity slider.
    map.addLayer({ id: this.layerId, type: 'raster', source: this.sourceId, layout: { visibility: 'none' }, paint: { 'raster-fade-duration': 0 } }, 'slot-raster');
    if (this.sheetIndex) this.addIndex(map);
    this.apply(map);
  }

  private addIndex(map: MapLibreMap): void {
    if (!map.getSource(this.indexSourceId)) map.addSource(this.indexSourceId, { type: 'vector', url: sheetIndexTileJsonUrl(this.layerKey) });
    const common = { source: this.indexSourceId, 'source-layer': SHEET_INDEX_LAYER } as const;
    map.addLayer({ id: this.indexLayerIds[0], type: 'fill', ...common, layout: { visibility: 'none' }, paint: { 'fill-color': '#7a4fb0', 'fill-opacity': 0 } }, 'slot-fill');
    map.addLayer(
      {
        id: this.indexLayerIds[1],
        type: 'line',
        ...common,
        layout: { visibility: 'none' },
        paint: { 'line-color': '#7a4fb0', 'line-width': 1.5, 'line-dasharray': [4, 2] },
      },
      'slot-fill',
    );
    map.addLayer(
      {
        id: this.indexLayerIds[2],
        type: 'symbol',
        ...common,
        minzoom: 14,
        layout: { visibility: 'none', 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11, 'symbol-placement': 'line', 'text-optional': true },
        paint: { 'text-color': '#5b3a86', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
      },
      'slot-label',
    );
  }

  /** Ids of the placed sheets whose outline holds a point of the map (when the layer is shown). */
  sheetIdsAt(map: MapLibreMap, point: PointLike): string[] {
    if (!this.visible || !map.getLayer(this.indexHitLayerId)) return [];
    const ids = map.queryRenderedFeatures(point, { layers: [this.indexHitLayerId] }).map((f) => String(f.properties?.id));
    return [...new Set(ids)];
  }

  removeFrom(map: MapLibreMap): void {
    if (!map.style) return;
    for (const id of [this.layerId, ...this.indexLayerIds]) if (map.getLayer(id)) map.removeLayer(id);
    for (const id of [this.sourceId, this.indexSourceId]) if (map.getSource(id)) map.removeSource(id);
  }

  setVisible(map: MapLibreMap, visible: boolean): void {
    this.visible = visible;
    for (const id of [this.layerId, ...this.indexLayerIds]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  setOpacity(map: MapLibreMap, opacity: number): void {
    this.opacity = opacity;
    if (map.getLayer(this.layerId)) map.setPaintProperty(this.layerId, 'raster-opacity', opacity);
  }

  /** After a sheet was placed or removed: the TileJSON (bounds, version) and tiles are read again. */
  refresh(map: MapLibreMap): void {
    const source = map.getSource(this.sourceId) as RasterTileSource | undefined;
    // A query that changes each time: tiles cached under the old URLs are not reused.
    const t = Date.now();
    source?.setUrl(`${rasterTileJsonUrl(this.layerKey)}?t=${t}`);
    (map.getSource(this.indexSourceId) as VectorTileSource | undefined)?.setUrl(`${sheetIndexTileJsonUrl(this.layerKey)}?t=${t}`);
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
