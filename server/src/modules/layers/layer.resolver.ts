import { Arg, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { DepartmentInput, LayerInput, LayerPatch } from './layer.input';
import { LayerCatalog } from './layer.service';
import { Department, Layer } from './layer.type';
import { actorOf } from '../audit/audit.service';

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

@Resolver()
export class LayerAdminResolver {
  @Query(() => [Department])
  departments(@Ctx() ctx: Context): Promise<Department[]> {
    return ctx.services.layers.departments();
  }

  @Mutation(() => Department, { description: 'Adds a department (administrators)' })
  createDepartment(@Arg('input', () => DepartmentInput) input: DepartmentInput, @Ctx() ctx: Context): Promise<Department> {
    return ctx.services.layers.createDepartment(ctx.user, input, actorOf(ctx));
  }

  @Mutation(() => Department, { description: 'Renames a department; its key stays (administrators)' })
  renameDepartment(@Arg('key') key: string, @Arg('nameJa') nameJa: string, @Arg('nameEn') nameEn: string, @Ctx() ctx: Context): Promise<Department> {
    return ctx.services.layers.renameDepartment(ctx.user, key, nameJa, nameEn, actorOf(ctx));
  }

  @Mutation(() => Department, {
    description: 'Merges a department into another: its users and layers move there, read rules naming it name the other, and it is removed (administrators)',
  })
  async mergeDepartments(@Arg('from') from: string, @Arg('into') into: string, @Ctx() ctx: Context): Promise<Department> {
    await ctx.services.layers.mergeDepartments(ctx.user, from, into, actorOf(ctx));
    return (await ctx.services.layers.departments()).find((d) => d.key === into)!;
  }

  @Mutation(() => Layer, { description: 'Creates a layer (administrators)' })
  async createLayer(@Arg('input', () => LayerInput) input: LayerInput, @Ctx() ctx: Context): Promise<Layer> {
    await ctx.services.layers.create(ctx.user, input, actorOf(ctx));
    return (await new LayerCatalog(ctx.services.layers, ctx.user).find(input.key))!;
  }

  @Mutation(() => Layer, { description: 'Changes a layer without losing data (administrators)' })
  async updateLayer(@Arg('key') key: string, @Arg('patch', () => LayerPatch) patch: LayerPatch, @Ctx() ctx: Context): Promise<Layer> {
    await ctx.services.layers.update(ctx.user, key, patch, actorOf(ctx));
    return (await new LayerCatalog(ctx.services.layers, ctx.user).find(key))!;
  }
}
