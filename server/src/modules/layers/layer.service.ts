import { Database } from '../../db/database';
import { FieldDefinition } from '../../domain/fields';
import { badInput } from '../../errors';
import { BUILTIN_LAYERS, DEPARTMENTS } from './builtin-layers';
import { layerStatsSql, LayerStatsRow } from './layer.sql';
import { FieldTypeEnum, Layer } from './layer.type';

/** A layer as the services use it: the GraphQL shape plus typed field definitions. */
export type LayerRecord = Layer & { fieldDefs: FieldDefinition[]; departmentKey: string };

export class LayerService {
  constructor(private readonly db: Database) {}

  async list(): Promise<LayerRecord[]> {
    const rows = await this.db.prisma.layer.findMany({
      include: { department: true }, orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }],
    });
    return rows.map((row) => {
      const fieldDefs = row.fields as unknown as FieldDefinition[];
      return {
        ...row,
        style: row.style as Record<string, unknown>,
        fieldDefs,
        fields: fieldDefs.map((f) => ({ ...f, type: f.type as FieldTypeEnum, required: !!f.required, computed: f.computed as never })),
      };
    });
  }

  /** Feature counts and extents of all layers in one query. */
  async stats(): Promise<Map<number, LayerStatsRow>> {
    const { rows } = await this.db.pool.query<LayerStatsRow>(layerStatsSql);
    return new Map(rows.map((r) => [r.layer_id, r]));
  }

  /** Creates the built-in departments and layers that are missing; never overwrites admin changes. */
  async ensureBuiltins(): Promise<void> {
    for (const d of DEPARTMENTS) {
      await this.db.prisma.department.upsert({ where: { key: d.key }, create: { ...d }, update: {} });
    }
    for (const l of BUILTIN_LAYERS) {
      await this.db.prisma.layer.upsert({
        where: { key: l.key },
        create: { ...l, fields: l.fields as object[], style: l.style as object, labelField: l.labelField ?? null },
        update: {},
      });
    }
  }
}

/** Per-request view of the layers: loaded once per request, looked up by key or id. */
export class LayerCatalog {
  private layers?: Promise<LayerRecord[]>;
  private statsPromise?: Promise<Map<number, LayerStatsRow>>;

  constructor(private readonly service: LayerService) {}

  all(): Promise<LayerRecord[]> {
    return (this.layers ??= this.service.list());
  }

  async find(key: string): Promise<LayerRecord | undefined> {
    return (await this.all()).find((l) => l.key === key);
  }

  /** The layer or a BAD_USER_INPUT error naming the unknown key. */
  async require(key: string): Promise<LayerRecord> {
    const layer = await this.find(key);
    if (!layer) {
      const known = (await this.all()).map((l) => l.key).join(', ');
      throw badInput(`Unknown layer "${key}". Known layers: ${known}`, { field: 'layer' });
    }
    return layer;
  }

  async byId(id: number): Promise<LayerRecord | undefined> {
    return (await this.all()).find((l) => l.id === id);
  }

  stats(): Promise<Map<number, LayerStatsRow>> {
    return (this.statsPromise ??= this.service.stats());
  }
}
