// The registry of layer roles: which part a layer plays for the code (the road ledger the route
// queries read, the boundary records the survey tools write …) and which fields and geometry that
// code relies on. A layer carries its role in layer.role (migration 0009); code asks by role, never
// by key, so a city can rename or replace a layer without a programmer.
import { registerEnumType } from 'type-graphql';
import { FieldDefinition } from '../../domain/fields';
import { LAYER_ROLE_NAMES } from '../../domain/layerRoles';
import { appError } from '../../errors';

export enum LayerRole {
  ROAD_LEDGER = 'road_ledger',
  BOUNDARY_RECORDS = 'boundary_records',
  CURVE_MIRRORS = 'curve_mirrors',
  GARBAGE_POINTS = 'garbage_points',
  STREET_LIGHTS = 'street_lights',
  DISASTER_HISTORY = 'disaster_history',
  PARCELS = 'parcels',
  FACILITIES = 'facilities',
  BUILDINGS = 'buildings',
  RAILWAYS = 'railways',
  RIVERS = 'rivers',
}

registerEnumType(LayerRole, {
  name: 'LayerRole',
  description: 'The part a layer plays for the application (道路台帳, 境界確定, 地番図 …); at most one layer plays each',
});

interface RoleSpec {
  nameJa: string;
  /** Fields the role's code reads by key, with the types it reads them as. */
  fields: Record<string, FieldDefinition['type'] | ReadonlyArray<FieldDefinition['type']>>;
  /** Geometry types the role's code handles; the layer may allow no others. */
  geometryTypes?: readonly string[];
  /** The role cannot be dropped, only handed to another layer (its data has no other home). */
  required?: boolean;
}

const TEXTUAL = ['text', 'enum'] as const;

// Names come from the shared module (the web offers them too); indexing it by the enum's keys keeps
// the two lists together at compile time (the web's generated LayerRole checks the other way).
const named = (role: keyof typeof LayerRole) => ({ nameJa: LAYER_ROLE_NAMES[role].ja, required: LAYER_ROLE_NAMES[role].required });

export const LAYER_ROLES: Record<LayerRole, RoleSpec> = {
  // road.sql.ts, parcel.sql.ts, city.sql.ts (basemap roads), the route sheet
  [LayerRole.ROAD_LEDGER]: {
    ...named('ROAD_LEDGER'), geometryTypes: ['LineString', 'MultiLineString'],
    fields: {
      route_no: 'text', route_name: 'text', road_class: TEXTUAL, segment_no: 'integer', certified_on: 'date',
      start_point: 'text', end_point: 'text', width_min_m: 'number', width_max_m: 'number',
    },
  },
  // survey.service.ts (座標一覧, SIMA), parcel.sql.ts
  [LayerRole.BOUNDARY_RECORDS]: {
    ...named('BOUNDARY_RECORDS'), geometryTypes: ['Polygon', 'LineString', 'MultiPolygon', 'MultiLineString'],
    fields: { record_no: 'text', determined_on: 'date', related_route_no: 'text' },
  },
  // The counter's enquiry: nearest of each
  [LayerRole.CURVE_MIRRORS]: { ...named('CURVE_MIRRORS'), fields: {} },
  [LayerRole.GARBAGE_POINTS]: { ...named('GARBAGE_POINTS'), fields: {} },
  [LayerRole.STREET_LIGHTS]: { ...named('STREET_LIGHTS'), fields: {} },
  // The web's disaster panel
  [LayerRole.DISASTER_HISTORY]: { ...named('DISASTER_HISTORY'), fields: { occurred_on: 'date' } },
  // parcel.service.ts (the parcel answer), search (lot numbers)
  [LayerRole.PARCELS]: { ...named('PARCELS'), fields: { oaza: 'text', chiban: 'text' } },
  // search (facilities)
  [LayerRole.FACILITIES]: { ...named('FACILITIES'), fields: {} },
  // The web's built-in basemap draws these (with the parcels and facilities) from their tiles
  [LayerRole.BUILDINGS]: { ...named('BUILDINGS'), fields: {} },
  [LayerRole.RAILWAYS]: { ...named('RAILWAYS'), fields: {} },
  [LayerRole.RIVERS]: { ...named('RIVERS'), fields: {} },
};

export const isLayerRole = (value: unknown): value is LayerRole =>
  typeof value === 'string' && (Object.values(LayerRole) as string[]).includes(value);

/** The layer of a role among those given (a caller's catalogue: absent when the caller may not read it). */
export function layerWithRole<L extends { role: LayerRole | null }>(layers: L[], role: LayerRole): L | undefined {
  return layers.find((l) => l.role === role);
}

/**
 * Throws when a layer's definition does not give its role's code what it reads: a field missing or of
 * another type, or a geometry type the code does not handle.
 */
export function checkRoleFits(role: LayerRole, fields: FieldDefinition[], geometryTypes: string[]): void {
  const spec = LAYER_ROLES[role];
  for (const [key, type] of Object.entries(spec.fields)) {
    const types: readonly string[] = typeof type === 'string' ? [type] : type;
    const field = fields.find((f) => f.key === key);
    if (!field || !types.includes(field.type)) {
      throw appError('roleFieldMissing', { role: spec.nameJa, field: key, type: types.join('/') }, { field: key });
    }
  }
  const foreign = geometryTypes.filter((t) => spec.geometryTypes && !spec.geometryTypes.includes(t));
  if (foreign.length) {
    throw appError('roleGeometry', { role: spec.nameJa, types: spec.geometryTypes!.join(', ') }, { field: 'geometryTypes' });
  }
}

/** A role may leave a layer only to another one, when the role is required. */
export function checkRoleDropped(role: LayerRole): void {
  if (LAYER_ROLES[role].required) throw appError('roleRequired', { role: LAYER_ROLES[role].nameJa }, { field: 'role' });
}
