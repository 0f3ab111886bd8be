import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Float, Info, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { columnsFor } from '../../graphql-info';
import { FeatureHit } from '../features/feature.type';
import { Enquiry } from './enquiry.type';

@Resolver()
export class EnquiryResolver {
  @Query(() => Enquiry, { description: '窓口案内: town, road route, nearest street light, garbage point and mirror at a place' })
  async enquiry(
    @Arg('lon', () => Float) lon: number,
    @Arg('lat', () => Float) lat: number,
    @Arg('layers', () => [String], { nullable: true, description: 'Visible layers to list features of' }) layerKeys: string[] | undefined,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ): Promise<Enquiry> {
    const all = await ctx.layers.all();
    const visible = layerKeys ? await Promise.all(layerKeys.map((k) => ctx.layers.require(k))) : [];
    const e = await ctx.services.enquiry.at(lon, lat, all, visible, columnsFor(info));
    const one = async (hit: FeatureHit | null) => (hit ? (await ctx.layers.redactHits([hit]))[0] : null);
    return { ...e, features: await ctx.layers.redactHits(e.features),
      streetLight: await one(e.streetLight), garbagePoint: await one(e.garbagePoint), curveMirror: await one(e.curveMirror) };
  }
}
