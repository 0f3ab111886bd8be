/** Who may do what: pure rules over the session user and the layer. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: 'admin' | 'editor' | 'viewer';
  departmentKey: string | null;
  /** Layers an admin granted beyond the user's own department. */
  grantedLayerIds: number[];
}

export function canEditLayer(user: SessionUser | null, layer: { id: number; departmentKey: string }): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'editor') return false;
  return layer.departmentKey === user.departmentKey || user.grantedLayerIds.includes(layer.id);
}

/** Deleted features, their history and attachments: for those who may restore them (the layer's editors, admins). */
export const canSeeDeleted = canEditLayer;

/** Login names identify accounts (and half of a login): administrators see them, others only when the city allows it. */
export const canSeeLoginNames = (user: SessionUser | null, showLoginNames: boolean) => showLoginNames || isAdmin(user);

export const isAdmin = (user: SessionUser | null) => user?.role === 'admin';
