import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { GeoJSONScalar } from '../../scalars';
import { SearchResult, Town } from './city.type';

@Resolver()
export class CityResolver {
  @Query(() => GeoJSONScalar, { nullable: true, description: 'The city boundary (MultiPolygon)' })
  async cityBoundary(@Ctx() ctx: Context): Promise<object | null> {
    return (await ctx.services.city.boundary())?.geometry ?? null;
  }

  @Query(() => [Town], { description: '町丁目: the towns of the city' })
  towns(@Ctx() ctx: Context): Promise<Town[]> {
    return ctx.services.city.towns();
  }

  @Query(() => [SearchResult], { description: 'Search towns (町丁目), management numbers, route numbers and names' })
  async search(
    @Arg('text') text: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<SearchResult[]> {
    return ctx.services.city.search(text, first, await ctx.layers.all());
  }
}
