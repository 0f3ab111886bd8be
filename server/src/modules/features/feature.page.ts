import { Context } from '../../context';
import { columnsOf } from '../../graphql-info';
import { AreaSelectionInput, AttributeFilter, FeatureOrder } from './feature.input';
import { Feature, FeatureConnection } from './feature.type';

/** The arguments of the `features` query, as graphql-js coerced them. */
export interface FeaturesArgs {
  layer: string;
  bbox?: number[] | null;
  area?: AreaSelectionInput | null;
  where?: AttributeFilter[] | null;
  search?: string | null;
  orderBy?: FeatureOrder | null;
  first?: number | null;
  after?: string | null;
}

/**
 * One page of `features` as the caller may see it: restricted fields the caller may not read are left
 * out, and the read is noted for the audit. `selected` is every field name asked for below `features`.
 * Both the resolver and the fast path (feature.fastpath.ts) read pages here, so they read the same.
 */
export async function readFeaturePage(ctx: Context, args: FeaturesArgs, selected: Set<string>): Promise<FeatureConnection> {
  // A page may hold 5,000 features: their JSON goes from PostgreSQL to the response unparsed.
  const columns = { ...columnsOf(selected), raw: true };
  const { layer, bbox, area, where, search, orderBy, first, after } = args;
  const page = await ctx.services.features.list(ctx.layers, {
    layer, bbox: bbox ?? undefined, area, where: where ?? undefined, search: search ?? undefined, orderBy: orderBy ?? undefined,
    first: first ?? undefined, after: after ?? undefined,
  }, columns, selected.has('totalCount'), selected.has('extent'));
  if ((await ctx.layers.require(layer)).hiddenFields.length) {
    for (const edge of page.edges) (edge as { node: Feature }).node = await ctx.layers.redact(edge.node);
  } else {
    ctx.layers.noteRead(layer, page.edges.length);
  }
  return page;
}

/** A page the fast path read but did not serialise (or an error it met): the resolver answers with it instead of reading again. */
type Prefetched = { page: FeatureConnection } | { error: unknown };
const prefetched = new WeakMap<object, Prefetched>();

export function handOver(ctx: Context, result: Prefetched): void {
  prefetched.set(ctx, result);
}

/** The page the fast path handed over for this request, once (undefined when none). */
export function takeHandedOver(ctx: Context): Prefetched | undefined {
  const result = prefetched.get(ctx);
  prefetched.delete(ctx);
  return result;
}
