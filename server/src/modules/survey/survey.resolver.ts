import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { parseCoordinateTable } from '../../domain/survey';
import { JSONObjectScalar } from '../../scalars';
import { columnsFor } from '../../graphql-info';
import { Feature } from '../features/feature.type';
import { CoordinateTable, ParsedCoordinates } from './survey.type';

@Resolver()
export class SurveyResolver {
  @Query(() => CoordinateTable, { description: '座標一覧 of a boundary record: points in survey order, 辺長, perimeter and area' })
  coordinateTable(@Arg('featureId', () => ID) featureId: string, @Ctx() ctx: Context): Promise<CoordinateTable> {
    return ctx.services.survey.table(featureId);
  }

  @Query(() => ParsedCoordinates, { description: 'Reads a pasted coordinate table ("name,X,Y[,marker]" per line) without saving' })
  parseCoordinateTable(@Arg('text') text: string): ParsedCoordinates {
    return parseCoordinateTable(text.slice(0, 200_000));
  }

  @Mutation(() => Feature, { description: 'Creates a boundary record from its surveyed points (X northing, Y easting); the geometry follows the points' })
  async createBoundaryRecord(
    @Arg('attributes', () => JSONObjectScalar) attributes: Record<string, unknown>,
    @Arg('coordinates', { description: 'One point per line: name,X,Y[,marker] or X,Y' }) coordinates: string,
    @Arg('closed', { defaultValue: true, description: 'The points enclose an area (polygon) rather than a line' }) closed: boolean,
    @Arg('srid', () => Int, { nullable: true, description: 'Plane zone, default zone IX (6677)' }) srid: number | undefined,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ): Promise<Feature> {
    const id = await ctx.services.survey.createRecord(ctx.user, await ctx.layers.all(), attributes, coordinates, closed, srid ?? undefined);
    return (await ctx.services.features.byIds([id], columnsFor(info)))[0];
  }

  @Mutation(() => Feature, { description: 'Replaces the boundary points of a record; its geometry follows them as a new version' })
  async setBoundaryPoints(
    @Arg('featureId', () => ID) featureId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('coordinates') coordinates: string,
    @Arg('closed', { defaultValue: true }) closed: boolean,
    @Arg('srid', () => Int, { nullable: true }) srid: number | undefined,
    @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo,
  ): Promise<Feature> {
    await ctx.services.survey.setPoints(ctx.user, await ctx.layers.all(), featureId, expectedVersion, coordinates, closed, srid ?? undefined);
    return (await ctx.services.features.byIds([featureId], columnsFor(info)))[0];
  }
}
