/** Who may do what: pure rules over the session user and the layer. */
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
