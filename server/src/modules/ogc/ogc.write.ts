import { Request } from 'express';
import { Context } from '../../context';
import { AppError, badInput, notFound } from '../../errors';
import { FeatureChange } from '../edits/edit.service';
import { requireLayer } from './ogc.service';
import { isId } from '../../domain/ids';

/** A precondition the client must meet (RFC 9110): 428 without If-Match, 412 when it is stale. */
export class PreconditionError extends AppError {
  constructor(readonly status: 412 | 428, message: string, extra: Record<string, unknown> = {}) {
    super('CONFLICT', message, extra);
  }
}

/** The version an If-Match names: `"3"` (our ETag), `W/"3"` or a bare number. */
export function ifMatchVersion(req: Request): number {
  const header = req.get('if-match');
  if (!header) throw new PreconditionError(428, 'If-Match に地物の ETag (版) を付けてください (send If-Match with the item\'s ETag)');
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw new PreconditionError(412, 'If-Match が現在の版と一致しません (If-Match does not match the current version)');
  return Number(m[1]);
}

type GeoJsonFeature = { type?: unknown; geometry?: unknown; properties?: unknown };

function featureBody(body: unknown, needGeometry: boolean): { geometry?: unknown; properties: Record<string, unknown> } {
  const f = body as GeoJsonFeature;
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw badInput('the body must be a GeoJSON Feature', { field: 'body' });
  if (needGeometry && f.type !== 'Feature') throw badInput('the body must be a GeoJSON Feature', { field: 'body' });
  const properties = f.properties ?? {};
  if (typeof properties !== 'object' || Array.isArray(properties)) throw badInput('properties must be an object', { field: 'properties' });
  return { geometry: f.geometry ?? undefined, properties: properties as Record<string, unknown> };
}

/**
 * OGC API Features Part 4 over the one edit path (EditService.apply): each request is one change
 * with its validation, version check, history row and events. Returns the written feature's id.
 */
export async function writeItem(ctx: Context, req: Request, kind: 'create' | 'replace' | 'patch' | 'delete'): Promise<string> {
  const layer = await requireLayer(ctx.layers, String(req.params.layer));
  const layers = await ctx.layers.all();
  if (kind === 'create') {
    const { geometry, properties } = featureBody(req.body, true);
    const [id] = await ctx.services.edits.apply(ctx.user, layers, [{ op: 'create', layer: layer.key, geometry, attributes: properties }]);
    return id;
  }
  const id = String(req.params.id);
  const stored = isId(id) ? await ctx.services.features.byId(id, {}) : null;
  if (!stored || stored.layerKey !== layer.key) throw notFound(`地物 ${id} はレイヤー ${layer.key} にありません (no feature ${id} in collection ${layer.key})`);
  const expectedVersion = ifMatchVersion(req);
  if (expectedVersion !== stored.version) {
    throw new PreconditionError(412, `版 ${expectedVersion} は古くなっています。現在は版 ${stored.version} です (version ${expectedVersion} is stale; the current version is ${stored.version})`,
      { currentVersion: stored.version });
  }
  let change: FeatureChange;
  if (kind === 'delete') change = { op: 'delete', id, expectedVersion };
  else {
    const { geometry, properties } = featureBody(req.body, kind === 'replace');
    let attributes = properties;
    if (kind === 'replace') {
      // A replacement clears every writable field it does not name.
      attributes = Object.fromEntries(layer.fieldDefs.filter((f) => !f.computed).map((f) => [f.key, properties[f.key] ?? null]));
      for (const key of Object.keys(properties)) if (!(key in attributes)) attributes[key] = properties[key];
    }
    change = { op: 'update', id, expectedVersion, geometry, attributes };
  }
  await ctx.services.edits.apply(ctx.user, layers, [change]);
  return id;
}
