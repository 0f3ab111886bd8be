import { Prisma } from '../../generated/prisma/client';
import type { PoolClient } from 'pg';
import { Database, Queryable } from '../../db/database';
import { VersionedCache } from '../../db/change-feed';
import { RawJSON } from '../../raw-json';
import { checkFieldDefinitions, describeProblems, FieldDefinition } from '../../domain/fields';
import { GEOMETRY_TYPES } from '../../domain/geometry';
import { searchFieldKeys } from '../../domain/normalize';
import { appError, badInput, conflict, notFound } from '../../errors';
import { canReadField, canReadLayer, omitFields, ReadAccess, requireAdmin, SessionUser, SYSTEM_ACTOR, toReadAccess } from '../auth/permissions';
import { refreshSearchKeys } from '../city/search-index';
import { AuditActor, changes, layerSnapshot, prismaQueryable, recordAudit, RestrictedRead } from '../audit/audit.service';
import { forgetLayerKeysSql } from '../city/search.sql';
import { BUILTIN_LAYERS, DEPARTMENTS } from './builtin-layers';
import { DepartmentInput, FieldInput, LayerInput, LayerPatch } from './layer.input';
import { checkRoleDropped, checkRoleFits, isLayerRole, LAYER_ROLES, LayerRole } from './layer.roles';
import {
  departmentExistsSql, duplicateFieldValuesSql, featuresWithKeySql, fieldViolationsSql, geometryTypeViolationsSql, layerStatsSql, LayerStatsRow,
  freeRoleSql, listLayersSql, lockLayerSql, setRoleSql, updateBasemapSql, updateLayerSql, updatePublishedSql, updateReadAccessSql,
  deleteDepartmentSql, layersForDepartmentMergeSql, lockDepartmentsSql, moveDepartmentUsersSql, rewriteLayerDepartmentsSql, updatePublishedFieldsSql,
} from './layer.sql';
import { FieldTypeEnum, Layer, LayerKind } from './layer.type';
import { isLayerKey } from '../../domain/ids';


/** Field input → stored definition (undefined entries dropped so JSON stays tidy). */
function toDefinition(f: FieldInput): FieldDefinition {
  const def: FieldDefinition = { key: f.key, label: f.label, labelEn: f.labelEn ?? f.key, type: f.type as FieldDefinition['type'] };
  if (f.required) def.required = true;
  if (f.options) def.options = f.options;
  if (f.min !== undefined && f.min !== null) def.min = f.min;
  if (f.max !== undefined && f.max !== null) def.max = f.max;
  if (f.maxLength !== undefined && f.maxLength !== null) def.maxLength = f.maxLength;
  if (f.unit) def.unit = f.unit;
  if (f.computed) def.computed = f.computed as FieldDefinition['computed'];
  if (f.unique) def.unique = true;
  if (f.restricted) def.restricted = { departments: [...new Set(f.restricted.departments)], users: [...new Set(f.restricted.users)] };
  if (f.format) def.format = f.format as FieldDefinition['format'];
  return def;
}

function checkLayerShape(fields: FieldDefinition[], geometryTypes: string[], labelField?: string | null) {
  const problems = checkFieldDefinitions(fields);
  if (problems.length) throw badInput(`fields: ${describeProblems(problems)}`, { problems });
  const unknown = geometryTypes.filter((t) => !GEOMETRY_TYPES.includes(t as never));
  if (geometryTypes.length === 0 || unknown.length) throw badInput(`geometryTypes must be some of ${GEOMETRY_TYPES.join(', ')}`, { field: 'geometryTypes' });
  if (labelField && !fields.some((f) => f.key === labelField)) throw badInput(`labelField "${labelField}" is not one of the fields`, { field: 'labelField' });
}

/**
 * The public map's fields as stored: each a field of the layer and not restricted (personal data is
 * never published); duplicates dropped; null = all unrestricted fields.
 */
function checkPublishedFields(fields: FieldDefinition[], keys: string[] | null | undefined): string[] | null {
  if (keys === null || keys === undefined) return null;
  for (const k of keys) {
    if (!fields.some((f) => f.key === k && !f.restricted)) throw appError('publishedFieldUnknown', { field: k }, { field: 'publishedFields' });
  }
  return [...new Set(keys)];
}

/** Read access as stored: unknown departments refused, duplicates dropped; null = all staff. */
async function checkReadAccess(db: Queryable, access: ReadAccess | null | undefined): Promise<ReadAccess | null> {
  if (!access) return null;
  const departments = [...new Set(access.departments)];
  for (const d of departments) {
    if (!(await db.query(departmentExistsSql, [d])).rowCount) throw badInput(`unknown department "${d}" in readAccess`, { field: 'readAccess' });
  }
  return { departments, users: [...new Set(access.users)] };
}

/** A layer as the services use it: the GraphQL shape plus typed field definitions. */
export type LayerRecord = Layer & {
  fieldDefs: FieldDefinition[]; departmentKey: string; readAccess: ReadAccess | null;
  /** Restricted fields the catalogue's reader may not read: left out of fieldDefs and of every feature's attributes. */
  hiddenFields: string[];
};


export class LayerService {
  /**
   * The catalogue and its statistics, kept in memory until a layer, field, department or data
   * version changes (db.changes 'layers'): most requests read it, so it must not queue behind
   * heavy queries. Shared by all callers: never mutate a record (LayerCatalog derives the caller's view).
   */
  private readonly catalogue: VersionedCache<LayerRecord[]>;
  private readonly statsCache: VersionedCache<Map<number, LayerStatsRow>>;

  constructor(private readonly db: Database) {
    this.catalogue = new VersionedCache(db.changes, 'layers', () => this.load());
    this.statsCache = new VersionedCache(db.changes, 'layers', () => this.loadStats());
  }

  /** All layers, unfiltered (LayerCatalog gives a caller's view). */
  list(): Promise<LayerRecord[]> {
    return this.catalogue.get();
  }

  /** The catalogue changed through this process: the next request reloads it (after tx commits, if given). */
  changed(tx: PoolClient | null = null): void {
    this.db.changes.touched(tx, 'layers');
  }

  private async load(): Promise<LayerRecord[]> {
    const { rows } = await this.db.pool.query(listLayersSql);
    return rows.map((row) => {
      const fieldDefs = row.fields as FieldDefinition[];
      return {
        id: row.id, key: row.key, nameJa: row.name_ja, nameEn: row.name_en, departmentKey: row.department_key,
        department: { key: row.department_key, nameJa: row.department_name_ja, nameEn: row.department_name_en },
        geometryTypes: row.geometry_types, style: row.style, labelField: row.label_field, sortOrder: row.sort_order,
        dataVersion: row.data_version, createdAt: row.created_at, updatedAt: row.updated_at,
        readAccess: toReadAccess(row.read_access), hiddenFields: [], role: isLayerRole(row.role) ? row.role : null,
        kind: row.kind as LayerKind, basemap: row.basemap, published: row.published, publishedFields: row.published_fields ?? null,
        fieldDefs,
        fields: fieldDefs.map((f) => ({ ...f, type: f.type as FieldTypeEnum, required: !!f.required, unique: !!f.unique, computed: f.computed as never })),
      };
    });
  }

  /** Feature counts and extents of all layers (every edit bumps a data version, so 'layers' covers them). */
  stats(): Promise<Map<number, LayerStatsRow>> {
    return this.statsCache.get();
  }

  private async loadStats(): Promise<Map<number, LayerStatsRow>> {
    const { rows } = await this.db.pool.query<LayerStatsRow>(layerStatsSql);
    return new Map(rows.map((r) => [r.layer_id, r]));
  }

  async createDepartment(user: SessionUser | null, input: DepartmentInput, actor: AuditActor = { user, address: '' }) {
    requireAdmin(user);
    if (!/^[a-z][a-z0-9_]{1,40}$/.test(input.key)) throw badInput('department key must be lower-case letters, digits and _', { field: 'key' });
    if (!input.nameJa.trim() || !input.nameEn.trim()) throw appError('departmentNameRequired', {}, { field: 'nameJa' });
    if (await this.db.prisma.department.findUnique({ where: { key: input.key } })) throw conflict(`department "${input.key}" already exists`);
    const created = await this.db.prisma.$transaction(async (tx) => {
      const department = await tx.department.create({ data: { key: input.key, nameJa: input.nameJa.trim(), nameEn: input.nameEn.trim() } });
      await recordAudit(prismaQueryable(tx), { kind: 'department.create', actor, target: input.key, details: { after: { ...input } } });
      return department;
    });
    this.changed();
    return created;
  }

  /** Renames a department (administrators); its key, and so its layers and users, stay as they are. */
  async renameDepartment(user: SessionUser | null, key: string, nameJa: string, nameEn: string, actor: AuditActor = { user, address: '' }) {
    requireAdmin(user);
    if (!nameJa.trim() || !nameEn.trim()) throw appError('departmentNameRequired', {}, { field: 'nameJa' });
    const renamed = await this.db.prisma.$transaction(async (tx) => {
      const before = await tx.department.findUnique({ where: { key } });
      if (!before) throw appError('departmentNotFound', { department: key });
      const after = await tx.department.update({ where: { key }, data: { nameJa: nameJa.trim(), nameEn: nameEn.trim() } });
      await recordAudit(prismaQueryable(tx), { kind: 'department.update', actor, target: key,
        details: changes({ nameJa: before.nameJa, nameEn: before.nameEn }, { nameJa: after.nameJa, nameEn: after.nameEn }) });
      return after;
    });
    this.changed();
    return renamed;
  }

  /**
   * Merges department `from` into `into` (administrators): its users and layers move to `into`, every
   * read rule naming it (a layer's read access, a field's restriction) names `into` instead, and `from`
   * is removed. One transaction, one audit row.
   */
  async mergeDepartments(user: SessionUser | null, from: string, into: string, actor: AuditActor = { user, address: '' }) {
    requireAdmin(user);
    if (from === into) throw appError('departmentMergeSame', {}, { field: 'into' });
    return this.db.transaction(async (tx) => {
      const found = (await tx.query<{ key: string }>(lockDepartmentsSql, [[from, into]])).rows.map((r) => r.key);
      for (const key of [from, into]) if (!found.includes(key)) throw appError('departmentNotFound', { department: key });
      const users = (await tx.query(moveDepartmentUsersSql, [from, into])).rowCount ?? 0;
      const rename = (list: string[]) => [...new Set(list.map((d) => (d === from ? into : d)))];
      const moved: string[] = [];
      const rulesRewritten: string[] = [];
      const layers = (await tx.query<{ id: number; key: string; department_key: string; read_access: unknown; fields: FieldDefinition[] }>(
        layersForDepartmentMergeSql)).rows;
      for (const l of layers) {
        const access = toReadAccess(l.read_access);
        const namesFrom = (r?: { departments: string[] } | null) => !!r?.departments.includes(from);
        if (l.department_key !== from && !namesFrom(access) && !l.fields.some((f) => namesFrom(f.restricted))) continue;
        if (l.department_key === from) moved.push(l.key);
        if (namesFrom(access) || l.fields.some((f) => namesFrom(f.restricted))) rulesRewritten.push(l.key);
        const fields = l.fields.map((f) => (namesFrom(f.restricted) ? { ...f, restricted: { ...f.restricted!, departments: rename(f.restricted!.departments) } } : f));
        await tx.query(rewriteLayerDepartmentsSql, [l.id, l.department_key === from ? into : l.department_key,
          JSON.stringify(access ? { ...access, departments: rename(access.departments) } : null), JSON.stringify(fields)]);
      }
      await tx.query(deleteDepartmentSql, [from]);
      await recordAudit(tx, { kind: 'department.merge', actor, target: from,
        details: { into, users, layers: moved, readRulesRewritten: rulesRewritten } });
      // Users' departments and layers' owners and read rules changed: neither is served from memory as it was.
      this.db.changes.touched(tx, 'layers', 'users');
      return { into, users, layers: moved };
    });
  }

  departments() {
    return this.db.prisma.department.findMany({ orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }] });
  }

  /** A new layer, ready for its department to fill: no programmer needed. */
  async create(user: SessionUser | null, input: LayerInput, actor: AuditActor = { user, address: '' }): Promise<void> {
    requireAdmin(user);
    if (!isLayerKey(input.key)) throw badInput('layer key must be 2–63 lower-case letters, digits and _, starting with a letter', { field: 'key' });
    const raster = input.kind === LayerKind.RASTER;
    const fields = raster ? [] : input.fields.map(toDefinition);
    if (raster && (input.fields.length || input.geometryTypes.length)) {
      throw badInput('ラスターレイヤーには属性も形状の種類もありません (a raster layer has no fields or geometry types)', { field: 'fields' });
    }
    if (!raster) checkLayerShape(fields, input.geometryTypes, input.labelField);
    if (input.basemap && !raster) throw badInput('背景地図にできるのはラスターレイヤーだけです (only raster layers can be base maps)', { field: 'basemap' });
    if (!(await this.db.prisma.department.findUnique({ where: { key: input.departmentKey } }))) {
      throw badInput(`unknown department "${input.departmentKey}"`, { field: 'departmentKey' });
    }
    if (await this.db.prisma.layer.findUnique({ where: { key: input.key } })) throw conflict(`layer "${input.key}" already exists`);
    const readAccess = await checkReadAccess(this.db.pool, input.readAccess);
    const publishedFields = checkPublishedFields(fields, input.publishedFields);
    const role = input.role ?? null;
    if (role) checkRoleFits(role, fields, input.geometryTypes);
    await this.db.prisma.$transaction(async (tx) => {
      // A replacement layer takes the role over from the layer that played it.
      if (role) await tx.layer.updateMany({ where: { role }, data: { role: null, updatedAt: new Date() } });
      const created = await tx.layer.create({
        data: {
          key: input.key, nameJa: input.nameJa, nameEn: input.nameEn, departmentKey: input.departmentKey,
          geometryTypes: input.geometryTypes, fields: fields as object[], style: (input.style ?? { color: '#495057' }) as object,
          labelField: input.labelField ?? null, sortOrder: input.sortOrder ?? 100,
          readAccess: readAccess ? { ...readAccess } : Prisma.DbNull, role,
          kind: raster ? 'raster' : 'vector', basemap: !!input.basemap, published: !!input.published,
        },
      });
      await recordAudit(prismaQueryable(tx), { kind: 'layer.create', actor, target: input.key, layerKey: input.key,
        details: { after: { nameJa: input.nameJa, departmentKey: input.departmentKey, geometryTypes: input.geometryTypes, fields, readAccess, role, kind: raster ? 'raster' : 'vector' } },
      });
      if (publishedFields) await tx.$executeRawUnsafe(updatePublishedFieldsSql, created.id, publishedFields);
      return created;
    });
    this.changed();
  }

  /**
   * Changes a layer without losing data: a change that stored features would no longer satisfy
   * (a field made required, an option removed, a narrower type or range, a removed field that
   * still has values) is refused with the number of features in the way.
   */
  async update(user: SessionUser | null, key: string, patch: LayerPatch, actor: AuditActor = { user, address: '' }): Promise<void> {
    requireAdmin(user);
    await this.db.transaction(async (tx) => {
      this.changed(tx);
      const { rows } = await tx.query(lockLayerSql, [key]);
      const layer = rows[0];
      if (!layer) throw notFound(`layer "${key}" does not exist`);
      const before = await layerSnapshot(tx, layer.id);
      const oldFields = layer.fields as FieldDefinition[];
      // A field sent without `restricted` keeps its restriction (an older client must not open personal data); null lifts it.
      // Likewise a text field sent without `format` keeps its validated format (e.g. 収集曜日); null removes it.
      const fields = patch.fields
        ? patch.fields.map((f) => {
          const def = toDefinition(f);
          const old = oldFields.find((o) => o.key === f.key);
          const kept = f.restricted === undefined && old?.restricted ? { ...def, restricted: old.restricted } : def;
          return f.format === undefined && old?.format && kept.type === 'text' ? { ...kept, format: old.format } : kept;
        })
        : oldFields;
      const geometryTypes = patch.geometryTypes ?? layer.geometry_types;
      const labelField = patch.labelField !== undefined ? patch.labelField : layer.label_field;
      const raster = layer.kind === 'raster';
      if (raster && (fields.length || geometryTypes.length)) {
        throw badInput('ラスターレイヤーには属性も形状の種類もありません (a raster layer has no fields or geometry types)', { field: 'fields' });
      }
      if (!raster) checkLayerShape(fields, geometryTypes, labelField);
      if (patch.basemap !== undefined && patch.basemap !== null) {
        if (patch.basemap && !raster) throw badInput('背景地図にできるのはラスターレイヤーだけです (only raster layers can be base maps)', { field: 'basemap' });
        await tx.query(updateBasemapSql, [layer.id, patch.basemap]);
      }
      // The code reads a role's layer by key fields (road.sql.ts …): the layer must keep giving it what it reads.
      const oldRole: LayerRole | null = isLayerRole(layer.role) ? layer.role : null;
      const role = patch.role !== undefined ? patch.role : oldRole;
      if (oldRole && role !== oldRole) checkRoleDropped(oldRole);
      if (role) checkRoleFits(role, fields, geometryTypes);
      if (patch.departmentKey) {
        const dep = await tx.query(departmentExistsSql, [patch.departmentKey]);
        if (!dep.rowCount) throw badInput(`unknown department "${patch.departmentKey}"`, { field: 'departmentKey' });
      }
      if (patch.fields) {
        for (const removed of oldFields.filter((o) => !fields.some((f) => f.key === o.key))) {
          const n = (await tx.query(featuresWithKeySql, [layer.id, removed.key])).rows[0].n;
          if (n > 0 && !removed.computed) {
            throw badInput(`field ${removed.key} (${removed.label}) still has values in ${n} features; clear them before removing the field`,
              { field: removed.key, count: n });
          }
        }
        for (const made of fields.filter((f) => f.unique && !oldFields.some((o) => o.key === f.key && o.unique))) {
          const d = (await tx.query(duplicateFieldValuesSql, [layer.id, made.key])).rows[0];
          if (d.n > 0) {
            throw badInput(`field ${made.key} (${made.label}) cannot be unique: ${d.n} values are shared by several features, e.g. "${d.example}"`,
              { field: made.key, count: d.n });
          }
        }
        const { sql, values, keys } = fieldViolationsSql(layer.id, fields);
        const counts = (await tx.query(sql, values)).rows[0];
        const offending = keys.map((k, i) => ({ key: k, n: counts[`c${i}`] as number })).filter((c) => c.n > 0);
        if (offending.length) {
          throw badInput(`this change does not fit stored data: ${offending.map((o) => `${o.key}: ${o.n} features`).join(', ')}`,
            { field: offending[0].key, count: offending[0].n, offending });
        }
      }
      if (patch.geometryTypes) {
        const n = (await tx.query(geometryTypeViolationsSql, [layer.id, geometryTypes.map((t: string) => `ST_${t}`)])).rows[0].n;
        if (n > 0) throw badInput(`${n} features have a geometry type not in ${geometryTypes.join(', ')}`, { field: 'geometryTypes', count: n });
      }
      // New searchable fields: the layer's features are keyed again (below, once committed).
      const searchFields = (f: FieldDefinition[], label: string | null) => searchFieldKeys({ fieldDefs: f, labelField: label }).join();
      if (searchFields(oldFields, layer.label_field) !== searchFields(fields, labelField ?? null)) await tx.query(forgetLayerKeysSql, [layer.id]);
      await tx.query(updateLayerSql,
        [layer.id, patch.nameJa ?? null, patch.nameEn ?? null, patch.departmentKey ?? null, geometryTypes, JSON.stringify(fields),
          patch.style ? JSON.stringify(patch.style) : null, labelField ?? null, patch.sortOrder ?? null]);
      if (patch.published !== undefined && patch.published !== null) await tx.query(updatePublishedSql, [layer.id, patch.published]);
      if (patch.publishedFields !== undefined) {
        await tx.query(updatePublishedFieldsSql, [layer.id, checkPublishedFields(fields, patch.publishedFields)]);
      } else if (patch.fields && layer.published_fields) {
        // A field removed or made restricted leaves the public list with it.
        const kept = (layer.published_fields as string[]).filter((k) => fields.some((f) => f.key === k && !f.restricted));
        if (kept.length !== layer.published_fields.length) await tx.query(updatePublishedFieldsSql, [layer.id, kept]);
      }
      if (patch.readAccess !== undefined) {
        await tx.query(updateReadAccessSql, [layer.id, JSON.stringify(await checkReadAccess(tx, patch.readAccess))]);
      }
      if (role !== oldRole) {
        if (role) await tx.query(freeRoleSql, [role]);
        await tx.query(setRoleSql, [layer.id, role]);
      }
      await recordAudit(tx, { kind: 'layer.update', actor, target: key, layerKey: key, details: changes(before, await layerSnapshot(tx, layer.id)) });
    });
    await refreshSearchKeys(this.db);
  }

  /**
   * Creates the built-in departments and layers that are missing; never overwrites admin changes. A
   * built-in layer whose role another layer plays is not created again: the city replaced it.
   */
  async ensureBuiltins(): Promise<void> {
    // The built-in departments on a new database only: one an admin merged away stays away.
    if ((await this.db.prisma.department.count()) === 0) await this.db.prisma.department.createMany({ data: DEPARTMENTS.map((d) => ({ ...d })) });
    for (const l of BUILTIN_LAYERS) {
      if (await this.db.prisma.layer.findUnique({ where: { key: l.key }, select: { id: true } })) continue;
      if (l.role && await this.db.prisma.layer.findUnique({ where: { role: l.role }, select: { id: true } })) continue;
      // A built-in layer new to this database brings its department if that is missing.
      const department = DEPARTMENTS.find((d) => d.key === l.departmentKey);
      if (department) await this.db.prisma.department.upsert({ where: { key: department.key }, create: { ...department }, update: {} });
      await this.db.prisma.layer.create({
        data: { ...l, fields: l.fields as object[], style: l.style as object, labelField: l.labelField ?? null, role: l.role ?? null },
      });
    }
    this.changed();
  }

  /**
   * Start-up check of the role registry: each role's layer gives the role's code the fields and
   * geometry it reads. A layer changed behind the API's back (SQL) is refused here, by name,
   * rather than failing later inside a route query. Returns the roles no layer plays.
   */
  async checkRoles(): Promise<LayerRole[]> {
    const layers = await this.list();
    for (const l of layers) {
      if (!l.role) continue;
      try {
        checkRoleFits(l.role, l.fieldDefs, l.geometryTypes);
      } catch (err) {
        throw new Error(`layer "${l.key}" plays the role ${l.role} but does not fit it: ${(err as Error).message}`, { cause: err });
      }
    }
    return (Object.keys(LAYER_ROLES) as LayerRole[]).filter((r) => !layers.some((l) => l.role === r));
  }
}

/** Callers' views of a catalogue, by catalogue (dropped with it) and caller. */
const readerViews = new WeakMap<LayerRecord[], Map<string, LayerRecord[]>>();
const MAX_READER_VIEWS = 1000;

/** The layers a caller may read, without the restricted fields it may not read. */
function viewOf(layers: LayerRecord[], reader: SessionUser | null): LayerRecord[] {
  return layers.filter((l) => canReadLayer(reader, l)).map((l) => {
    const hidden = l.fieldDefs.filter((f) => !canReadField(reader, l, f)).map((f) => f.key);
    if (!hidden.length) return l;
    const visible = (f: { key: string }) => !hidden.includes(f.key);
    return { ...l, hiddenFields: hidden, fieldDefs: l.fieldDefs.filter(visible), fields: l.fields.filter(visible),
      labelField: l.labelField && hidden.includes(l.labelField) ? null : l.labelField };
  });
}

/** The reader of a catalogue: a caller (null when anonymous), or the server itself (command-line tools: reads everything). */
export const SYSTEM_READER = SYSTEM_ACTOR;

/**
 * Per-request view of the layers the caller may read: loaded once per request, looked up by key or
 * id. Every read path takes its layers from here, so a layer the caller may not read does not exist.
 */
export class LayerCatalog {
  private layers?: Promise<LayerRecord[]>;
  private statsPromise?: Promise<Map<number, LayerStatsRow>>;
  /** Features of layers with restricted fields the reader reads, counted per layer key for the audit log. */
  private readonly restrictedReads = new Map<string, number>();

  constructor(private readonly service: LayerService, private readonly reader: SessionUser | null | typeof SYSTEM_READER) {}

  all(): Promise<LayerRecord[]> {
    return (this.layers ??= this.service.list().then((layers) => {
      const reader = this.reader;
      if (reader === SYSTEM_READER) return layers;
      // The same catalogue read by the same caller gives the same view: derived once, not per request.
      const views = readerViews.get(layers) ?? new Map<string, LayerRecord[]>();
      readerViews.set(layers, views);
      const key = JSON.stringify(reader);
      let view = views.get(key);
      if (!view) {
        if (views.size >= MAX_READER_VIEWS) views.clear();
        view = viewOf(layers, reader);
        views.set(key, view);
      }
      return view;
    }));
  }

  /**
   * Notes that `count` features of a layer went out to the reader: when the reader reads restricted
   * fields of the layer, the request's audit row will name them (see restrictedReadsOf). Every read
   * path that returns attributes calls this, directly or through redact().
   */
  noteRead(layerKey: string, count = 1): void {
    if (count > 0) this.restrictedReads.set(layerKey, (this.restrictedReads.get(layerKey) ?? 0) + count);
  }

  /** The restricted fields read in this request, per layer (layers without readable restricted fields left out). */
  async restrictedReadsOf(): Promise<RestrictedRead[]> {
    if (!this.restrictedReads.size || this.reader === SYSTEM_READER) return [];
    const out: RestrictedRead[] = [];
    for (const [layerKey, features] of this.restrictedReads) {
      const fields = (await this.find(layerKey))?.fieldDefs.filter((f) => f.restricted).map((f) => f.key) ?? [];
      if (fields.length) out.push({ layerKey, fields, features });
    }
    return out;
  }

  /** The feature as its reader may see it: restricted fields the reader may not read are left out. */
  async redact<F extends { layerKey: string; attributes: unknown } | null | undefined>(feature: F): Promise<F> {
    if (!feature) return feature;
    this.noteRead(feature.layerKey);
    const hidden = (await this.find(feature.layerKey))?.hiddenFields ?? [];
    if (!hidden.length) return feature;
    const attrs = feature.attributes instanceof RawJSON ? JSON.parse(feature.attributes.text) : feature.attributes;
    return { ...feature, attributes: omitFields(attrs as Record<string, unknown>, hidden) };
  }

  /** Hits (a feature with its distance …) as the reader may see them. */
  redactHits<H extends { feature: { layerKey: string; attributes: unknown } }>(hits: H[]): Promise<H[]> {
    return Promise.all(hits.map(async (h) => ({ ...h, feature: await this.redact(h.feature) })));
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

  /** The layer playing a role (layer.roles.ts), if the reader may read it. */
  async byRole(role: LayerRole): Promise<LayerRecord | undefined> {
    return (await this.all()).find((l) => l.role === role);
  }

  async byId(id: number): Promise<LayerRecord | undefined> {
    return (await this.all()).find((l) => l.id === id);
  }

  stats(): Promise<Map<number, LayerStatsRow>> {
    return (this.statsPromise ??= this.service.stats());
  }
}
