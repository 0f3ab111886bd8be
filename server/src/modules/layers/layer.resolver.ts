import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Layer } from './layer.type';

@Resolver(() => Layer)
export class LayerResolver {
  @Query(() => [Layer], { description: 'All layers, in display order' })
  layers(@Ctx() ctx: Context): Promise<Layer[]> {
    return ctx.layers.all();
  }

  @Query(() => Layer, { nullable: true, description: 'One layer by key, or null' })
  layer(@Arg('key') key: string, @Ctx() ctx: Context): Promise<Layer | undefined> {
    return ctx.layers.find(key);
  }

  @FieldResolver(() => Int, { description: 'Number of (not deleted) features' })
  async featureCount(@Root() layer: Layer, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.layers.stats()).get(layer.id)?.feature_count ?? 0;
  }

  @FieldResolver(() => [Float], { nullable: true, description: 'Extent of the features: [minLon, minLat, maxLon, maxLat]' })
  async extent(@Root() layer: Layer, @Ctx() ctx: Context): Promise<number[] | null> {
    const s = (await ctx.layers.stats()).get(layer.id);
    return s && s.min_lon !== null ? [s.min_lon, s.min_lat!, s.max_lon!, s.max_lat!] : null;
  }
}
