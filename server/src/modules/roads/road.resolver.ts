import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Float, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { columnsFor } from '../../graphql-info';
import { Feature } from '../features/feature.type';
import { Route } from './road.type';
import { LayerRole } from '../layers/layer.roles';

/** Routes are read from the road ledger: a caller who may not read it finds no routes. */
const readsRoadLedger = async (ctx: Context) => !!(await ctx.layers.byRole(LayerRole.ROAD_LEDGER));

@Resolver(() => Route)
export class RoadResolver {
  @Query(() => Route, { nullable: true, description: 'A road route by its number (路線番号)' })
  async route(@Arg('routeNo') routeNo: string, @Ctx() ctx: Context): Promise<Route | null> {
    return (await readsRoadLedger(ctx)) ? ctx.services.roads.route(routeNo) : null;
  }

  @Query(() => [Route], { description: 'Routes whose number or name contains the text' })
  async routes(@Arg('search') search: string, @Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: Context): Promise<Route[]> {
    return (await readsRoadLedger(ctx)) ? ctx.services.roads.search(search, first) : [];
  }

  @Query(() => Route, { nullable: true, description: 'The route of the road line nearest to a clicked point' })
  async routeAt(@Arg('lon', () => Float) lon: number, @Arg('lat', () => Float) lat: number,
    @Arg('tolerance', () => Float, { defaultValue: 20 }) tolerance: number, @Ctx() ctx: Context): Promise<Route | null> {
    return (await readsRoadLedger(ctx)) ? ctx.services.roads.routeAt(lon, lat, tolerance) : null;
  }

  @FieldResolver(() => [Feature], { description: 'The segments in order (区間番号)' })
  segments(@Root() route: Route, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Feature[]> {
    return ctx.services.features.byIds(route.segmentIds, columnsFor(info));
  }
}
