// Who may do what: the rules over the session user and the layer, and the checks that refuse
// with a catalogued error. Every resolver, route and service asks here; no other module decides
// who may do something.
import { appError } from '../../errors';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: 'admin' | 'editor' | 'viewer';
  departmentKey: string | null;
  /** Layers an admin granted beyond the user's own department. */
  grantedLayerIds: number[];
  /** Set when the caller came with a personal access token: it narrows, never widens, the user's rights. */
  scope?: TokenScope;
}

/** What a personal access token allows: reading only, and/or only some layers (null = all the user's layers). */
export interface TokenScope {
  readOnly: boolean;
  layerIds: number[] | null;
}

const inScope = (user: SessionUser, layerId: number) => !user.scope?.layerIds || user.scope.layerIds.includes(layerId);

export function canEditLayer(user: SessionUser | null, layer: { id: number; departmentKey: string }): boolean {
  if (!user || user.scope?.readOnly || !inScope(user, layer.id)) return false;
  return isLayerEditor(user, layer);
}

/** The user's own editing right, whatever its token allows (editors of a layer also read its restricted fields). */
function isLayerEditor(user: SessionUser, layer: { id: number; departmentKey: string }): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'editor') return false;
  return layer.departmentKey === user.departmentKey || user.grantedLayerIds.includes(layer.id);
}

/**
 * Deleted features, their history and attachments: for those who may restore them (the layer's editors, admins).
 * @alias a rule of its own that today coincides with canEditLayer
 */
export const canSeeDeleted = canEditLayer;

/** Login names identify accounts (and half of a login): administrators see them, others only when the city allows it. */
export const canSeeLoginNames = (user: SessionUser | null, showLoginNames: boolean) => showLoginNames || isAdmin(user);

export const isAdmin = (user: SessionUser | null) => user?.role === 'admin';

/** A logged-in caller, or UNAUTHENTICATED. */
export function requireUser(user: SessionUser | null): asserts user is SessionUser {
  if (!user) throw appError('loginRequired');
}

/** The server itself acting from a command-line tool run on its host (e.g. create-admin): no session, full rights. */
export const SYSTEM_ACTOR = 'system' as const;

/**
 * Every administrators-only entry point (users, departments, layers, all changes, backups, layers
 * from files) refuses others here, with one message. Anonymous callers get the same FORBIDDEN.
 */
export function requireAdmin(user: SessionUser | null | typeof SYSTEM_ACTOR): asserts user is SessionUser | typeof SYSTEM_ACTOR {
  if (user !== SYSTEM_ACTOR && !isAdmin(user)) throw appError('adminOnly');
}

/** The layer facts the write rule and its message need. */
export interface EditableLayer {
  id: number;
  key: string;
  nameJa: string;
  departmentKey: string;
  department: { nameJa: string; nameEn: string };
}

/** Writes to a layer's features and attachments: its editors and administrators. */
export function requireEditor(user: SessionUser | null, layer: EditableLayer): asserts user is SessionUser {
  requireUser(user);
  if (canEditLayer(user, layer)) return;
  if (user.role === 'viewer') throw appError('viewerCannotEdit');
  throw appError('notLayerEditor',
    { layer: layer.key, layerName: layer.nameJa, departmentName: layer.department.nameJa, departmentNameEn: layer.department.nameEn });
}

/** Imports: any logged-in editor or administrator (the target layer is checked with requireEditor). */
export function requireImporter(user: SessionUser | null): asserts user is SessionUser {
  requireUser(user);
  if (user.role === 'viewer') throw appError('viewerCannotImport');
}

/** An import job is its creator's; administrators see every job. */
export function requireJobOwner(user: SessionUser, createdBy: number): void {
  if (createdBy !== user.id && !isAdmin(user)) throw appError('notYourImport');
}

/** Whose import jobs a caller lists: null = everyone's (administrators), else the caller's own. */
export const importJobsOwner = (user: SessionUser): number | null => (isAdmin(user) ? null : user.id);

/** Reading needs a session unless the city allows anonymous reading (GraphQL, tiles, exports, OGC API …). */
export function requireReader(user: SessionUser | null, allowAnonymousRead: boolean): void {
  if (!user && !allowAnonymousRead) throw appError('loginRequired');
}

/** Who may read a layer besides its editors and admins; null = all staff. */
export interface ReadAccess {
  departments: string[];
  users: number[];
}

/** Parses the stored read_access column; a malformed value keeps the layer closed (only listed readers), never open. */
export function toReadAccess(value: unknown): ReadAccess | null {
  if (value === null || value === undefined) return null;
  const v = value as Partial<ReadAccess>;
  return {
    departments: Array.isArray(v.departments) ? v.departments.filter((d) => typeof d === 'string') : [],
    users: Array.isArray(v.users) ? v.users.filter((u) => Number.isInteger(u)) : [],
  };
}

/**
 * The one read rule for a layer, used by every read path through the layer catalogue: an
 * unreadable layer is left out, so it looks like it does not exist. Anonymous readers (when the
 * city allows them) see only layers open to all staff.
 */
export function canReadLayer(user: SessionUser | null,
  layer: { id: number; departmentKey: string; readAccess: ReadAccess | null }): boolean {
  if (user && !inScope(user, layer.id)) return false; // a token limited to other layers
  if (!layer.readAccess) return true;
  if (!user) return false;
  if (isLayerEditor(user, layer)) return true;
  return (user.departmentKey !== null && layer.readAccess.departments.includes(user.departmentKey))
    || layer.readAccess.users.includes(user.id);
}

/**
 * A field holding personal data (立会者, 申請者 …) is read only by the layer's editors, admins and
 * the departments and users listed; for everyone else it is left out of every read path.
 */
export function canReadField(user: SessionUser | null,
  layer: { id: number; departmentKey: string }, field: { restricted?: ReadAccess }): boolean {
  if (!field.restricted) return true;
  if (!user) return false;
  if (isLayerEditor(user, layer)) return true;
  return (user.departmentKey !== null && field.restricted.departments.includes(user.departmentKey))
    || field.restricted.users.includes(user.id);
}

/** The attributes without the given keys (a copy; the input is left alone). */
export function omitFields(attributes: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  if (!keys.length) return attributes;
  const out = { ...attributes };
  for (const k of keys) delete out[k];
  return out;
}
