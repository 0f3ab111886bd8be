// Operational (data) layers on the map. Each layer has one source; today it is GeoJSON loaded
// through the GraphQL API page by page. The style layers only know the source id (and, for
// vector tiles, a source-layer), so a layer can switch to /tiles/{layer}/{z}/{x}/{y}.mvt later by
// adding another FeatureSource implementation.
import type { Feature as GeoJsonFeature, FeatureCollection } from 'geojson';
import type { FilterSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { fetchAllFeatures } from '../api/queries';
import type { Feature, Layer } from '../api/model';
import { LABEL_FONT, type Slot } from './basemap';
import { CLUSTER_COUNT_TEXT, CLUSTER_RADIUS, IS_CLUSTER } from './clusters';
import { isReferenceLayer, usesTiles, VectorTileFeatureSource } from './tileLayers';

/** Where a layer's features come from. */
export interface FeatureSource {
  readonly sourceId: string;
  /** For vector tile sources: the layer inside the tile. */
  readonly sourceLayer?: string;
  addTo(map: MapLibreMap): void;
  /** Fetches the data if needed; resolves when it is on the map. */
  load(onProgress?: (loaded: number, total: number) => void): Promise<void>;
  readonly loaded: boolean;
}

/** Property that carries the feature id in GeoJSON features on the map. */
export const FEATURE_ID_PROPERTY = '__id';

export function toGeoJsonFeature(feature: Feature): GeoJsonFeature {
  return {
    type: 'Feature',
    geometry: feature.geometry,
    properties: { ...feature.attributes, [FEATURE_ID_PROPERTY]: feature.id },
  };
}

export class GeoJsonFeatureSource implements FeatureSource {
  readonly sourceId: string;
  private map: MapLibreMap | null = null;
  private pending: Promise<void> | null = null;
  loaded = false;
  /** The loaded features, for panels that summarise a layer without another request. */
  features: Feature[] = [];

  /** bbox: only the features in [minLon, minLat, maxLon, maxLat] (a printed sheet's extent). */
  constructor(
    private readonly layerKey: string,
    private readonly bbox?: number[],
  ) {
    this.sourceId = `layer-${layerKey}`;
  }

  addTo(map: MapLibreMap): void {
    this.map = map;
    if (!map.getSource(this.sourceId)) {
      // Put back on a map (React's development double mount), it brings what it had loaded.
      map.addSource(this.sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: this.features.map(toGeoJsonFeature) } });
    }
  }

  load(onProgress?: (loaded: number, total: number) => void): Promise<void> {
    this.pending ??= fetchAllFeatures({ layer: this.layerKey, bbox: this.bbox }, undefined, onProgress).then(
      (features) => {
        this.features = features;
        const data: FeatureCollection = { type: 'FeatureCollection', features: features.map(toGeoJsonFeature) };
        this.drawnSource()?.setData(data);
        this.loaded = true;
      },
      (error: unknown) => {
        this.pending = null; // a later attempt may succeed
        throw error;
      },
    );
    return this.pending;
  }

  /** The source on the map that shows this layer; none before it is added or once that map is removed. */
  private drawnSource(): GeoJSONSource | undefined {
    return this.map?.style ? (this.map.getSource(this.sourceId) as GeoJSONSource | undefined) : undefined;
  }

  /** Reads the whole layer again (after another user's large batch). */
  reload(): Promise<void> {
    this.pending = null;
    return this.load();
  }

  /** After a save: puts the written features in place (or adds them) and drops removed ones. */
  applyEdits(saved: Feature[], removedIds: string[]): void {
    if (!this.loaded) return; // not drawn yet; the first load will fetch them
    const removed = new Set(removedIds);
    const byId = new Map(saved.map((f) => [f.id, f]));
    const kept = this.features.filter((f) => !removed.has(f.id)).map((f) => byId.get(f.id) ?? f);
    const known = new Set(kept.map((f) => f.id));
    this.features = [...kept, ...saved.filter((f) => !known.has(f.id) && !removed.has(f.id))];
    this.drawnSource()?.setData({ type: 'FeatureCollection', features: this.features.map(toGeoJsonFeature) });
  }
}

type Kind = 'fill' | 'line' | 'circle';
const POLYGONS: FilterSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const LINES: FilterSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
const POINTS: FilterSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
// Below a layer's full-detail zoom its tiles hold clusters too (clusters.ts), drawn by their own style layers.
const NOT_CLUSTERS: FilterSpecification = ['!', IS_CLUSTER];

/** Which kinds of style layer a data layer needs, from its geometry types. */
export function kindsFor(geometryTypes: string[]): Kind[] {
  const types = geometryTypes.map((t) => t.toLowerCase());
  const kinds: Kind[] = [];
  if (types.some((t) => t.includes('polygon'))) kinds.push('fill', 'line');
  else if (types.some((t) => t.includes('line'))) kinds.push('line');
  if (types.some((t) => t.includes('point'))) kinds.push('circle');
  // Unknown geometry types: draw everything rather than nothing.
  return kinds.length ? kinds : ['fill', 'line', 'circle'];
}

const OPACITY_PROPERTIES: Record<Kind, string[]> = {
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  line: ['line-opacity'],
  fill: ['fill-opacity'],
};

/** Default paint per kind, coloured with the layer's legend colour. */
function defaultPaint(kind: Kind, color: string): Record<string, unknown> {
  switch (kind) {
    case 'circle':
      return {
        'circle-color': color,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2, 15, 4, 18, 7],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 16, 1.2],
      };
    case 'line':
      return { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.2, 17, 4] };
    case 'fill':
      return { 'fill-color': color, 'fill-opacity': 0.3 };
  }
}

/** One data layer on the map: its source, its style layers, visibility, opacity and filter. */
export class FeatureLayerView {
  readonly source: FeatureSource;
  private readonly kinds: Kind[];
  private readonly styleLayerIds: string[] = [];
  /** The circles and counts of point clusters (tiled point layers only). */
  readonly clusterLayerIds: string[] = [];
  private readonly baseOpacity = new Map<string, number>();
  private extraFilter: FilterSpecification | null = null;
  /** The attribute table's filter (tableFilter.ts), besides any extra filter. */
  private tableFilter: FilterSpecification | null = null;
  /** Features drawn by the editor instead (being edited), by id. */
  private hiddenIds: string[] = [];
  private visible = false;
  private opacity = 1;
  /** The style layers belong to the basemap (reference layers): they are controlled, never removed. */
  private adopted = false;

  constructor(readonly layer: Layer, source?: FeatureSource) {
    this.source = source ?? (usesTiles(layer) ? new VectorTileFeatureSource(layer.key) : new GeoJsonFeatureSource(layer.key));
    this.kinds = kindsFor(layer.geometryTypes);
  }

  get color(): string {
    return this.layer.style?.color ?? '#d4572a';
  }

  /** Ids of the style layers that draw features (not labels); for hit testing. */
  get featureLayerIds(): string[] {
    return this.styleLayerIds.filter((id) => !id.endsWith('-label'));
  }

  addTo(map: MapLibreMap): void {
    this.source.addTo(map);
    if (isReferenceLayer(this.layer)) {
      this.adoptBasemapLayers(map);
      return;
    }
    const style = this.layer.style ?? {};
    for (const kind of this.kinds) {
      const id = `${this.source.sourceId}-${kind}`;
      const paint: Record<string, unknown> = scaleWithZoom({ ...defaultPaint(kind, this.color), ...(style[kind] ?? {}) });
      if (kind === 'line' && this.kinds.includes('fill') && !style.line) paint['line-width'] = 1.5;
      for (const property of OPACITY_PROPERTIES[kind]) {
        const value = paint[property];
        this.baseOpacity.set(`${id}|${property}`, typeof value === 'number' ? value : 1);
      }
      const spec = {
        id,
        type: kind,
        source: this.source.sourceId,
        ...(this.source.sourceLayer ? { 'source-layer': this.source.sourceLayer } : {}),
        layout: { visibility: 'none' },
        paint,
        filter: this.geometryFilter(kind),
      } as LayerSpecification;
      map.addLayer(spec, slotFor(kind));
      this.styleLayerIds.push(id);
    }
    if (this.source.sourceLayer && this.kinds.includes('circle')) this.addClusterLayers(map);
    if (this.layer.labelField) {
      const id = `${this.source.sourceId}-label`;
      map.addLayer(
        {
          id,
          type: 'symbol',
          source: this.source.sourceId,
          ...(this.source.sourceLayer ? { 'source-layer': this.source.sourceLayer } : {}),
          minzoom: 17,
          layout: {
            visibility: 'none',
            'text-field': ['to-string', ['coalesce', ['get', this.layer.labelField], '']],
            'text-font': LABEL_FONT,
            'text-size': 11,
            'text-offset': [0, 1.1],
            'text-anchor': 'top',
            'text-optional': true,
          },
          paint: { 'text-color': '#333333', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
        },
        'slot-label',
      );
      this.styleLayerIds.push(id);
    }
    this.apply(map);
  }

  /**
   * Clusters of a tiled point layer: a circle in the layer's colour growing with the count, and the
   * count on it. Feature filters do not apply to them (a cluster carries no attributes).
   */
  private addClusterLayers(map: MapLibreMap): void {
    const source = { source: this.source.sourceId, 'source-layer': this.source.sourceLayer! };
    const circle = `${this.source.sourceId}-cluster-circle`;
    map.addLayer({
      id: circle, type: 'circle', ...source, filter: IS_CLUSTER, layout: { visibility: 'none' },
      paint: {
        'circle-color': this.color,
        'circle-opacity': 0.85,
        'circle-radius': CLUSTER_RADIUS,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    }, slotFor('circle'));
    const count = `${this.source.sourceId}-cluster-count`;
    map.addLayer({
      id: count, type: 'symbol', ...source, filter: IS_CLUSTER,
      layout: {
        visibility: 'none',
        'text-field': CLUSTER_COUNT_TEXT,
        'text-font': LABEL_FONT,
        'text-size': 11,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0, 0, 0, 0.35)', 'text-halo-width': 1 },
    }, 'slot-label');
    this.baseOpacity.set(`${circle}|circle-opacity`, 0.85);
    this.baseOpacity.set(`${circle}|circle-stroke-opacity`, 1);
    this.clusterLayerIds.push(circle, count);
  }

  /**
   * A reference layer is drawn by the built-in basemap's style layers on the same source; with another
   * basemap (blank, external) there are none and the layer stays off the map.
   */
  private adoptBasemapLayers(map: MapLibreMap): void {
    const prefix = `${this.source.sourceId}-`;
    for (const { id } of map.getStyle().layers) {
      if (!id.startsWith(prefix)) continue;
      this.styleLayerIds.push(id);
      const kind = id.slice(id.lastIndexOf('-') + 1) as Kind;
      for (const property of OPACITY_PROPERTIES[kind] ?? []) {
        const value = map.getPaintProperty(id, property);
        this.baseOpacity.set(`${id}|${property}`, typeof value === 'number' ? value : 1);
      }
    }
    this.adopted = true;
    this.apply(map);
  }

  /** Takes the layer off the map (the map may already be gone). */
  removeFrom(map: MapLibreMap): void {
    const ids = [...this.styleLayerIds, ...this.clusterLayerIds];
    // Forgotten even when the map is gone: the view goes on to the next map (another basemap).
    this.styleLayerIds.length = 0;
    this.clusterLayerIds.length = 0;
    if (!map.style || this.adopted) return;
    for (const id of ids) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(this.source.sourceId)) map.removeSource(this.source.sourceId);
  }

  setVisible(map: MapLibreMap, visible: boolean): void {
    this.visible = visible;
    for (const id of [...this.styleLayerIds, ...this.clusterLayerIds]) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  setOpacity(map: MapLibreMap, opacity: number): void {
    this.opacity = opacity;
    for (const id of this.styleLayerIds) {
      if (id.endsWith('-label')) {
        map.setPaintProperty(id, 'text-opacity', opacity);
        continue;
      }
      const kind = id.slice(id.lastIndexOf('-') + 1) as Kind;
      for (const property of OPACITY_PROPERTIES[kind]) {
        map.setPaintProperty(id, property, (this.baseOpacity.get(`${id}|${property}`) ?? 1) * opacity);
      }
    }
    const [circle, count] = this.clusterLayerIds;
    if (circle) {
      for (const property of OPACITY_PROPERTIES.circle) map.setPaintProperty(circle, property, (this.baseOpacity.get(`${circle}|${property}`) ?? 1) * opacity);
      map.setPaintProperty(count, 'text-opacity', opacity);
    }
  }

  /** An extra filter on the features (e.g. the disaster year range); null for none. */
  setFilter(map: MapLibreMap, filter: FilterSpecification | null): void {
    this.extraFilter = filter;
    for (const id of this.styleLayerIds) {
      const kind = id.slice(id.lastIndexOf('-') + 1);
      map.setFilter(id, kind === 'label' ? this.labelFilter() : this.geometryFilter(kind as Kind));
    }
  }

  /** Draws only the features the attribute table lists; null shows them all again. */
  setTableFilter(map: MapLibreMap, filter: FilterSpecification | null): void {
    // The basemap's own style layers (reference layers) keep their filters; nothing to do when nothing changes.
    if (this.adopted || (filter === null && this.tableFilter === null)) return;
    this.tableFilter = filter;
    this.setFilter(map, this.extraFilter);
  }

  /** Hides features the editor draws itself while they are being edited. */
  setHiddenIds(map: MapLibreMap, ids: string[]): void {
    if (ids.length === 0 && this.hiddenIds.length === 0) return;
    this.hiddenIds = ids;
    this.setFilter(map, this.extraFilter);
  }

  private labelFilter(): FilterSpecification | null {
    const filters = this.featureFilters();
    if (!filters.length) return null;
    return (filters.length === 1 ? filters[0] : ['all', ...filters]) as FilterSpecification;
  }

  private featureFilters(): unknown[] {
    return [this.extraFilter, this.tableFilter, this.hiddenFilter()].filter((f) => f !== null);
  }

  private hiddenFilter(): unknown {
    // GeoJSON features carry the id as a property, vector tile features as the feature id.
    return this.hiddenIds.length ? ['!', ['in', ['to-string', ['coalesce', ['get', FEATURE_ID_PROPERTY], ['id']]], ['literal', this.hiddenIds]]] : null;
  }

  private geometryFilter(kind: Kind): FilterSpecification {
    const points = this.source.sourceLayer ? ['all', POINTS, NOT_CLUSTERS] : POINTS;
    const byGeometry = kind === 'fill' ? POLYGONS : kind === 'circle' ? points : this.kinds.includes('fill') ? ['any', POLYGONS, LINES] : LINES;
    const filters: unknown[] = [byGeometry, ...this.featureFilters()];
    return (filters.length > 1 ? ['all', ...filters] : byGeometry) as FilterSpecification;
  }

  private apply(map: MapLibreMap): void {
    this.setVisible(map, this.visible);
    this.setOpacity(map, this.opacity);
  }
}

/**
 * Fixed point sizes from a layer's style are meant for street level; at city level 8,000 street
 * lights of that size would cover the map, so constant radii and stroke widths shrink as the
 * map zooms out.
 */
function scaleWithZoom(paint: Record<string, unknown>): Record<string, unknown> {
  const scaled = { ...paint };
  const radius = paint['circle-radius'];
  if (typeof radius === 'number') {
    scaled['circle-radius'] = ['interpolate', ['linear'], ['zoom'], 10, Math.max(1, radius * 0.3), 14, radius * 0.6, 17, radius, 20, radius * 1.6];
  }
  const stroke = paint['circle-stroke-width'];
  if (typeof stroke === 'number') {
    scaled['circle-stroke-width'] = ['interpolate', ['linear'], ['zoom'], 12, 0, 15, stroke * 0.6, 17, stroke];
  }
  return scaled;
}

/**
 * The cluster drawn at a point of the screen, if any, among the given layer views: where to zoom in to
 * see what it holds (a click on a cluster zooms in rather than identifying).
 */
export function clusterAt(map: MapLibreMap, point: { x: number; y: number }, views: Iterable<FeatureLayerView>): [number, number] | null {
  const layers = [...views].flatMap((v) => v.clusterLayerIds.slice(0, 1)).filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
  if (!layers.length) return null;
  const hit = map.queryRenderedFeatures([point.x, point.y], { layers })[0];
  return hit?.geometry.type === 'Point' ? [hit.geometry.coordinates[0], hit.geometry.coordinates[1]] : null;
}

function slotFor(kind: Kind): Slot {
  return kind === 'fill' ? 'slot-fill' : kind === 'line' ? 'slot-line' : 'slot-circle';
}
