import crypto from 'node:crypto';
import { Database } from '../../db/database';
import { appError } from '../../errors';
import { CLUSTER_CELL, cityBoundsSql, PIXEL_UNITS, TILE_EXTENT, TileDetail, tileLayerSql, TileLayerRow } from './tile.sql';
import { TileSource, tileSourceFor } from './tile.source';
import type { LayerRecord } from '../layers/layer.service';

/**
 * Tile policy, in one place:
 * - zooms 0–22 are served; TileJSON advertises 0–16 and clients overzoom beyond (points and
 *   short lines lose nothing at z16 with a 4096 grid: one unit is about 2 cm there).
 * - a tile holds at most `maxFeatures` features. When more fall inside, it keeps the lowest ids:
 *   stable between requests and the same on both backends. At the demo city's real size
 *   (8,000 street lights) no tile reaches the cap; at benchmark scale only tiles below z16 do.
 * - properties: `version`, the label field, every field the layer style reads with ["get", …], and
 *   the short categorical fields (enum, integer, date, boolean) a client may filter or style by.
 *   Free text stays out: identify fetches the whole feature through GraphQL.
 * - below a layer's full-detail zoom (`fullDetailZoom`, or the layer style's `fullDetailZoom`), tiles are
 *   generalised (tile.sql.ts): points clustered with a `point_count`, lines and polygons simplified to a
 *   pixel and the ones under a pixel dropped. From that zoom on, every feature is in its tiles.
 */
export interface TileOptions {
  maxFeatures: number;
  /** First zoom whose tiles hold every feature as stored. */
  fullDetailZoom: number;
  minZoom: number;
  maxZoom: number;
  /** Highest zoom a client should ask for (TileJSON maxzoom). */
  advertisedMaxZoom: number;
}

export const DEFAULT_TILE_OPTIONS: TileOptions = { maxFeatures: 10_000, fullDetailZoom: 16, minZoom: 0, maxZoom: 22, advertisedMaxZoom: 16 };

const FILTERABLE_TYPES = new Set(['enum', 'integer', 'date', 'boolean']);

export interface TileCoords {
  z: number;
  x: number;
  y: number;
}

/** Parses z/x/y from the URL; refuses anything that is not a tile of the grid. */
export function parseTileCoords(z: string, x: string, y: string, options: Pick<TileOptions, 'minZoom' | 'maxZoom'> = DEFAULT_TILE_OPTIONS): TileCoords {
  const digits = /^\d{1,8}$/;
  if (![z, x, y].every((s) => digits.test(s))) throw appError('tileNumbers', {}, { field: 'z/x/y' });
  const [zn, xn, yn] = [Number(z), Number(x), Number(y)];
  if (zn < options.minZoom || zn > options.maxZoom) throw appError('zoomRange', { min: options.minZoom, max: options.maxZoom }, { field: 'z' });
  const size = 2 ** zn;
  if (xn >= size || yn >= size) throw appError('tileRange', { size, zoom: zn }, { field: 'x/y' });
  return { z: zn, x: xn, y: yn };
}

/** Attribute keys referenced by ["get", "key"] anywhere in a style object. */
export function styleFieldKeys(style: unknown): string[] {
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      if (v[0] === 'get' && typeof v[1] === 'string' && v.length === 2) keys.add(v[1]);
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(style);
  return [...keys];
}

/** The attribute keys a layer's tiles carry (besides id and version), in field order. */
export function tilePropertyKeys(layer: Pick<TileLayerRow, 'fields' | 'label_field' | 'style'>): string[] {
  const fromStyle = new Set(styleFieldKeys(layer.style));
  // Tiles are cached and shared by every reader: they carry public fields only.
  return layer.fields
    .filter((f) => !f.restricted)
    .filter((f) => f.key === layer.label_field || fromStyle.has(f.key) || FILTERABLE_TYPES.has(f.type))
    .map((f) => f.key);
}

/**
 * The layer's full-detail zoom: its style may set `fullDetailZoom` (a sparse layer can show every
 * feature sooner, a dense one later); otherwise the service's.
 */
export function fullDetailZoom(style: unknown, fallback: number): number {
  const value = style && typeof style === 'object' ? (style as Record<string, unknown>).fullDetailZoom : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 22 ? value : fallback;
}

/** A layer as tiles see it: its definition plus the derived tile schema. */
export interface TileLayer {
  id: number;
  key: string;
  dataVersion: number;
  propertyKeys: string[];
  /** Below this zoom tiles are generalised. */
  fullDetailZoom: number;
  /** Changes whenever what a tile contains could change for the same data version. */
  fingerprint: string;
  fieldTypes: Record<string, string>;
  nameJa: string;
  nameEn: string;
  departmentJa: string;
}

/** Tiles and TileJSON for every layer; the catalog is the layer table itself. */
export class TileService {
  readonly source: TileSource;

  constructor(private readonly db: Database, readonly options: TileOptions = DEFAULT_TILE_OPTIONS, source?: TileSource) {
    this.source = source ?? tileSourceFor(db);
  }

  /**
   * The layer or NOT_FOUND (404), read from the database (the staff routes take it from the catalogue:
   * fromRecord). `onlyKeys` narrows the properties further (the public map's published fields).
   */
  async layer(key: string, onlyKeys?: string[]): Promise<TileLayer> {
    const row = (await this.db.pool.query<TileLayerRow>(tileLayerSql, [key])).rows[0];
    if (!row) throw appError('layerNotFound', { layer: key });
    return this.derive(row, onlyKeys);
  }

  /**
   * The tile layer of a catalogue record (LayerService.list(): the whole definition, not a reader's
   * view). Derived once per record: the cached catalogue hands out the same record until it changes.
   */
  fromRecord(record: LayerRecord): TileLayer {
    let layer = this.derived.get(record);
    if (!layer) {
      layer = this.derive({
        id: record.id, key: record.key, data_version: record.dataVersion, label_field: record.labelField ?? null,
        style: record.style as Record<string, unknown>, fields: record.fieldDefs, name_ja: record.nameJa, name_en: record.nameEn,
        department_ja: record.department.nameJa,
      });
      this.derived.set(record, layer);
    }
    return layer;
  }

  private readonly derived = new WeakMap<LayerRecord, TileLayer>();

  private derive(row: TileLayerRow, onlyKeys?: string[]): TileLayer {
    const propertyKeys = tilePropertyKeys(row).filter((k) => !onlyKeys || onlyKeys.includes(k));
    const detailZoom = fullDetailZoom(row.style, this.options.fullDetailZoom);
    const fingerprint = crypto.createHash('sha1')
      .update(JSON.stringify([this.source.name, this.options.maxFeatures, propertyKeys, detailZoom, CLUSTER_CELL, PIXEL_UNITS]))
      .digest('base64url').slice(0, 10);
    const types = new Map(row.fields.map((f) => [f.key, f.type]));
    // point_count: clusters below the full-detail zoom.
    const fieldTypes: Record<string, string> = { version: 'Number', point_count: 'Number' };
    for (const k of propertyKeys) fieldTypes[k] = ['integer', 'number'].includes(types.get(k) ?? '') ? 'Number' : types.get(k) === 'boolean' ? 'Boolean' : 'String';
    return {
      id: row.id, key: row.key, dataVersion: row.data_version, propertyKeys, fullDetailZoom: detailZoom, fingerprint, fieldTypes,
      nameJa: row.name_ja, nameEn: row.name_en, departmentJa: row.department_ja,
    };
  }

  /** ETag of a tile: the layer's data version (bumped by every edit) and the tile's address. */
  etag(layer: TileLayer, { z, x, y }: TileCoords): string {
    return `W/"${layer.key}-${layer.dataVersion}-${layer.fingerprint}-${z}-${x}-${y}"`;
  }

  detail(layer: Pick<TileLayer, 'fullDetailZoom'>, z: number): TileDetail {
    return z >= layer.fullDetailZoom ? 'full' : 'generalised';
  }

  async tile(layer: TileLayer, coords: TileCoords): Promise<Buffer> {
    return this.source.getTile({
      ...coords, layerId: layer.id, layerName: layer.key, maxFeatures: this.options.maxFeatures, propertyKeys: layer.propertyKeys,
      detail: this.detail(layer, coords.z),
    });
  }

  /** TileJSON 3.0.0; the tile URL carries ?v=<data version>, so an edit changes every tile URL. */
  async tileJson(layer: TileLayer, baseUrl: string): Promise<Record<string, unknown>> {
    const bounds = (await this.db.pool.query<{ min_lon: number; min_lat: number; max_lon: number; max_lat: number }>(cityBoundsSql)).rows[0];
    // Features may lie a little outside the boundary (the service area margin): pad by about 1 km.
    const pad = 0.01;
    // Desktop GIS open a layer at `center` (lon, lat, zoom): the middle of the city at street level.
    const center = bounds ? [(bounds.min_lon + bounds.max_lon) / 2, (bounds.min_lat + bounds.max_lat) / 2, 14] : undefined;
    return {
      tilejson: '3.0.0',
      name: layer.key,
      description: `${layer.nameJa} (${layer.nameEn})`,
      attribution: layer.departmentJa,
      ...(center ? { center } : {}),
      scheme: 'xyz',
      tiles: [`${baseUrl}/tiles/${encodeURIComponent(layer.key)}/{z}/{x}/{y}.mvt?v=${layer.dataVersion}`],
      minzoom: this.options.minZoom,
      maxzoom: Math.max(this.options.advertisedMaxZoom, layer.fullDetailZoom),
      ...(bounds ? { bounds: [bounds.min_lon - pad, bounds.min_lat - pad, bounds.max_lon + pad, bounds.max_lat + pad] } : {}),
      vector_layers: [{ id: layer.key, fields: layer.fieldTypes, minzoom: this.options.minZoom, maxzoom: Math.max(this.options.advertisedMaxZoom, layer.fullDetailZoom) }],
      extent: TILE_EXTENT,
      data_version: layer.dataVersion,
      max_features_per_tile: this.options.maxFeatures,
      // Below this zoom: clusters (point_count) and generalised lines and polygons.
      full_detail_zoom: layer.fullDetailZoom,
    };
  }
}
