import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { GeoJSONScalar, JSONObjectScalar } from '../../scalars';
import { columnsFor, selectedFieldNames } from '../../graphql-info';
import { Feature, FeatureConnection } from '../features/feature.type';
import { FeatureChange } from './edit.service';
import { requireEditor } from '../auth/permissions';
import { ChangeEntry, FeatureChangeInput, FeatureVersion } from './edit.type';

async function write(ctx: Context, info: GraphQLResolveInfo, changes: FeatureChange[]): Promise<Feature[]> {
  const ids = await ctx.services.edits.apply(ctx.user, await ctx.layers.all(), changes);
  return ctx.services.features.byIds(ids, columnsFor(info), true);
}

@Resolver()
export class EditResolver {
  @Mutation(() => Feature, { description: 'Adds a feature to a layer the caller may edit' })
  async createFeature(
    @Arg('layer') layer: string,
    @Arg('geometry', () => GeoJSONScalar) geometry: object,
    @Arg('attributes', () => JSONObjectScalar, { nullable: true }) attributes: Record<string, unknown> | undefined,
    @Arg('srid', () => Int, { nullable: true, description: '4326 (default) or JGD2011 plane zone 6669–6687, coordinates [easting, northing]' }) srid: number | undefined,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ): Promise<Feature> {
    return (await write(ctx, info, [{ op: 'create', layer, geometry, attributes: attributes ?? {}, srid: srid ?? undefined }]))[0];
  }

  @Mutation(() => Feature, { description: 'Changes geometry and/or attributes; fails with CONFLICT when expectedVersion is not the stored version' })
  async updateFeature(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('geometry', () => GeoJSONScalar, { nullable: true }) geometry: object | undefined,
    @Arg('attributes', () => JSONObjectScalar, { nullable: true, description: 'Fields to change; null or "" clears a field' }) attributes: Record<string, unknown> | undefined,
    @Arg('srid', () => Int, { nullable: true }) srid: number | undefined,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ): Promise<Feature> {
    return (await write(ctx, info, [{ op: 'update', id, expectedVersion, geometry, attributes, srid: srid ?? undefined }]))[0];
  }

  @Mutation(() => Feature, { description: 'Soft delete: hidden from normal queries, restorable' })
  async deleteFeature(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Feature> {
    return (await write(ctx, info, [{ op: 'delete', id, expectedVersion }]))[0];
  }

  @Mutation(() => Feature, { description: 'Brings back an older version as a new version (also undeletes)' })
  async restoreFeature(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | undefined,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ): Promise<Feature> {
    return (await write(ctx, info, [{ op: 'restore', id, version, expectedVersion: expectedVersion ?? undefined }]))[0];
  }

  @Mutation(() => [Feature], { description: 'Applies many changes atomically: all or nothing' })
  async applyChanges(@Arg('changes', () => [FeatureChangeInput]) changes: FeatureChangeInput[],
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Feature[]> {
    return write(ctx, info, changes.map((c) => ({ ...c, srid: c.srid ?? undefined })));
  }

  @Query(() => [FeatureVersion], { description: 'All versions of a feature, newest first, with what changed' })
  async featureHistory(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<FeatureVersion[]> {
    const versions = await ctx.services.edits.history(ctx.user, id, await ctx.layers.all());
    if (versions.length) ctx.layers.noteRead(versions[0].layerKey, versions.length);
    return versions;
  }

  @Query(() => [ChangeEntry], { description: 'Recent changes across layers (administrators)' })
  async changes(
    @Arg('layer', () => String, { nullable: true }) layer: string | undefined,
    @Arg('user', () => String, { nullable: true, description: 'user name' }) user: string | undefined,
    @Arg('since', () => Date, { nullable: true }) since: Date | undefined,
    @Arg('until', () => Date, { nullable: true }) until: Date | undefined,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<ChangeEntry[]> {
    return ctx.services.edits.changes(ctx.user, await ctx.layers.all(), { layer, user, since, until, first });
  }

  @Query(() => FeatureConnection, { description: 'Deleted features of a layer (for its editors, to restore)' })
  async deletedFeatures(
    @Arg('layer') layer: string,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ): Promise<FeatureConnection> {
    requireEditor(ctx.user, await ctx.layers.require(layer));
    return ctx.services.features.list(ctx.layers, { layer, first, after, deleted: true }, columnsFor(info), selectedFieldNames(info).has('totalCount'));
  }
}
