// The public map (公開型GIS): what a citizen without a login may read. It is the anonymous reader
// of the one permission rule (a layer open to all staff, its unrestricted fields) narrowed to the
// layers an administrator published; nothing here reads a layer or field by another rule.
import { notFound } from '../../errors';
import { Services } from '../../context';
import { LayerCatalog, LayerRecord } from '../layers/layer.service';
import type { SearchResult } from '../city/city.type';

/** A published layer as the public page sees it: no department rules, no restricted fields, no read lists. */
export interface PublicLayer {
  key: string;
  nameJa: string;
  nameEn: string;
  departmentJa: string;
  departmentEn: string;
  geometryTypes: string[];
  style: Record<string, unknown>;
  labelField: string | null;
  dataVersion: number;
  fields: { key: string; label: string; labelEn: string; type: string; unit?: string }[];
}

export interface PublicFeature {
  id: string;
  layerKey: string;
  geometry: unknown;
  attributes: Record<string, unknown>;
}

/** A layer as the public sees it: only its published fields (restricted ones are already gone for the anonymous reader). */
export function publicView(layer: LayerRecord): LayerRecord {
  const chosen = layer.publishedFields;
  if (!chosen) return layer;
  const hidden = layer.fieldDefs.filter((f) => !chosen.includes(f.key)).map((f) => f.key);
  if (!hidden.length) return layer;
  const visible = (f: { key: string }) => !hidden.includes(f.key);
  return { ...layer, hiddenFields: [...layer.hiddenFields, ...hidden], fieldDefs: layer.fieldDefs.filter(visible), fields: layer.fields.filter(visible),
    labelField: layer.labelField && hidden.includes(layer.labelField) ? null : layer.labelField };
}

const NOT_PUBLIC = () => notFound('公開されていないか、存在しないレイヤーです (no such published layer)');

export class PublicService {
  constructor(private readonly services: Services) {}

  /**
   * Published vector layers that anyone may read (anonymous reader), narrowed to the fields the
   * administrator chose to publish: every public path (describe, feature, search, tiles) reads these.
   */
  async layers(): Promise<LayerRecord[]> {
    const all = await new LayerCatalog(this.services.layers, null).all();
    return all.filter((l) => l.published && l.kind === 'vector').map(publicView);
  }

  async layer(key: string): Promise<LayerRecord> {
    const layer = (await this.layers()).find((l) => l.key === key);
    if (!layer) throw NOT_PUBLIC();
    return layer;
  }

  async describe(): Promise<PublicLayer[]> {
    return (await this.layers()).map((l) => ({
      key: l.key, nameJa: l.nameJa, nameEn: l.nameEn, departmentJa: l.department.nameJa, departmentEn: l.department.nameEn,
      geometryTypes: l.geometryTypes, style: l.style, labelField: l.labelField, dataVersion: l.dataVersion,
      fields: l.fieldDefs.map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn, type: f.type, ...(f.unit ? { unit: f.unit } : {}) })),
    }));
  }

  /** One feature of a published layer with its public attributes; anything else is NOT_FOUND. */
  async feature(layerKey: string, id: string): Promise<PublicFeature> {
    const layer = await this.layer(layerKey);
    if (!/^\d{1,18}$/.test(id)) throw NOT_PUBLIC();
    const feature = await this.services.features.byId(id, {});
    if (!feature || feature.layerKey !== layer.key) throw notFound(`地物 ${id} はありません (no such feature)`);
    const visible = new Set(layer.fieldDefs.map((f) => f.key));
    const attrs = feature.attributes as Record<string, unknown>;
    return {
      id: feature.id, layerKey: layer.key, geometry: feature.geometry,
      attributes: Object.fromEntries(Object.entries(attrs).filter(([k]) => visible.has(k))),
    };
  }

  /** Search over the published layers only (and the towns, which are public reference data). */
  async search(text: string): Promise<SearchResult[]> {
    const layers = await this.layers();
    const published = new Set(layers.map((l) => l.key));
    const hits = await this.services.city.search(text, 20, layers, { onlyListedFields: true });
    return hits.filter((h) => h.kind === 'town' || h.kind === 'address' || (h.layerKey !== null && published.has(h.layerKey)));
  }
}
