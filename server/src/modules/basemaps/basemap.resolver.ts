import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { actorOf } from '../audit/audit.service';
import { Basemap, BasemapInput, BasemapPatch } from './basemap.type';

@Resolver()
export class BasemapResolver {
  @Query(() => [Basemap], { description: 'The city\'s own base maps in switcher order: the enabled ones; administrators also see disabled ones' })
  basemaps(@Ctx() ctx: Context): Promise<Basemap[]> {
    return ctx.services.basemaps.list(ctx.user);
  }

  @Mutation(() => Basemap, { description: 'Adds a base map to the switcher and its origin to the Content-Security-Policy (administrators)' })
  createBasemap(@Arg('input', () => BasemapInput) input: BasemapInput, @Ctx() ctx: Context): Promise<Basemap> {
    return ctx.services.basemaps.create(actorOf(ctx), input);
  }

  @Mutation(() => Basemap, { description: 'Changes a base map (administrators)' })
  updateBasemap(@Arg('id', () => ID) id: string, @Arg('patch', () => BasemapPatch) patch: BasemapPatch, @Ctx() ctx: Context): Promise<Basemap> {
    return ctx.services.basemaps.update(actorOf(ctx), id, patch);
  }

  @Mutation(() => Boolean, { description: 'Removes a base map; its origin leaves the Content-Security-Policy (administrators)' })
  async deleteBasemap(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.basemaps.remove(actorOf(ctx), id);
    return true;
  }
}
