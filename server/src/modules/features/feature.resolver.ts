import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Float, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { columnsFor, selectedFieldNames } from '../../graphql-info';
import { GeoJSONScalar } from '../../scalars';
import { Layer } from '../layers/layer.type';
import { AreaSelectionInput, AttributeFilter, FeatureOrder } from './feature.input';
import { Feature, FeatureConnection, FeatureHit } from './feature.type';
import { readFeaturePage, takeHandedOver } from './feature.page';

@Resolver(() => Feature)
export class FeatureResolver {
  @Query(() => FeatureConnection, { description: 'Features of one layer, filtered, cursor-paginated (ordered by id unless orderBy)' })
  async features(
    @Arg('layer') layer: string,
    @Arg('bbox', () => [Float], { nullable: true, description: '[minLon, minLat, maxLon, maxLat]' }) bbox: number[] | undefined,
    @Arg('area', () => AreaSelectionInput, { nullable: true, description: 'Inside a drawn polygon or near a feature (with bbox, both hold)' }) area: AreaSelectionInput | undefined,
    @Arg('where', () => [AttributeFilter], { nullable: true }) where: AttributeFilter[] | undefined,
    @Arg('search', () => String, { nullable: true, description: 'Matches any text field' }) search: string | undefined,
    @Arg('orderBy', () => FeatureOrder, { nullable: true }) orderBy: FeatureOrder | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 100, at most 5000)' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FeatureConnection> {
    // The fast path may have read this page already (and found it could not serialise it, or met an error).
    const handed = takeHandedOver(ctx);
    if (handed) {
      if ('error' in handed) throw handed.error;
      return handed.page;
    }
    return readFeaturePage(ctx, { layer, bbox, area, where, search, orderBy, first, after }, selectedFieldNames(info));
  }

  @Query(() => Feature, { nullable: true, description: 'A feature by id; null when unknown or of a layer the caller may not read' })
  async feature(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Feature | null> {
    const feature = await ctx.services.features.byId(id, columnsFor(info));
    return feature && (await ctx.layers.find(feature.layerKey)) ? ctx.layers.redact(feature) : null;
  }

  @Query(() => [FeatureHit], { description: 'Identify: features of the given layers (default all) at a point, nearest first' })
  async featuresAt(
    @Arg('lon', () => Float) lon: number,
    @Arg('lat', () => Float) lat: number,
    @Arg('tolerance', () => Float, { defaultValue: 10, description: 'metres' }) tolerance: number,
    @Arg('layers', () => [String], { nullable: true, description: 'Layer keys, e.g. the visible ones' }) layerKeys: string[] | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FeatureHit[]> {
    const layers = layerKeys ? await Promise.all(layerKeys.map((k) => ctx.layers.require(k))) : await ctx.layers.all();
    return ctx.layers.redactHits(await ctx.services.features.near(layers, lon, lat, tolerance, 100, columnsFor(info)));
  }

  @Query(() => [FeatureHit], { description: 'Features of one layer within radius metres of a point, nearest first' })
  async featuresNear(
    @Arg('layer') layerKey: string,
    @Arg('lon', () => Float) lon: number,
    @Arg('lat', () => Float) lat: number,
    @Arg('radius', () => Float, { description: 'metres' }) radius: number,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FeatureHit[]> {
    const layer = await ctx.layers.require(layerKey);
    return ctx.layers.redactHits(await ctx.services.features.near([layer], lon, lat, radius, first, columnsFor(info)));
  }

  @Query(() => GeoJSONScalar, { description: 'The outline of an area selection for the map: a drawn polygon, or the buffer of distance metres around a feature' })
  async areaOutline(@Arg('area', () => AreaSelectionInput) area: AreaSelectionInput, @Ctx() ctx: Context): Promise<object> {
    return ctx.services.features.areaOutline(ctx.layers, area);
  }

  @FieldResolver(() => Layer)
  async layer(@Root() feature: Feature, @Ctx() ctx: Context): Promise<Layer> {
    return (await ctx.layers.find(feature.layerKey))!;
  }
}
