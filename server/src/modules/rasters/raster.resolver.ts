import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { actorOf } from '../audit/audit.service';
import { RasterControlPointInput, RasterPlacementMethod, RasterSheet, RasterTransform } from './raster.type';

@Resolver(() => RasterSheet)
export class RasterResolver {
  @Query(() => [RasterSheet], { description: 'Sheets of a raster layer the caller may read, oldest first' })
  rasterSheets(@Arg('layer') layer: string, @Ctx() ctx: Context): Promise<RasterSheet[]> {
    return ctx.services.rasters.list(ctx.layers, layer);
  }

  @Query(() => RasterSheet, { nullable: true, description: 'One sheet (poll it for progress while PLACING)' })
  rasterSheet(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<RasterSheet | null> {
    return ctx.services.rasters.get(ctx.layers, id);
  }

  @Mutation(() => RasterSheet, {
    description: 'Fits the control points, warps the sheet to tiles and places it (editors of the layer). An RMS over the threshold is a warning on the sheet, not an error',
  })
  placeRasterSheet(
    @Arg('id', () => ID) id: string,
    @Arg('method', () => RasterPlacementMethod) method: RasterPlacementMethod,
    @Arg('transform', () => RasterTransform) transform: RasterTransform,
    @Arg('controlPoints', () => [RasterControlPointInput]) controlPoints: RasterControlPointInput[],
    @Arg('scaleDenominator', () => Int, { nullable: true }) scaleDenominator: number | null,
    @Arg('surveyDate', () => String, { nullable: true, description: 'YYYY-MM-DD' }) surveyDate: string | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Arg('version', () => Int, { nullable: true, description: 'The version the caller saw; CONFLICT when the sheet changed since' }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<RasterSheet> {
    return ctx.services.rasters.place(ctx.layers, ctx.user, id, { method, transform, controlPoints, scaleDenominator, surveyDate, name, version }, actorOf(ctx).address);
  }

  @Mutation(() => Boolean, { description: 'Deletes a sheet, its tiles and its original file (editors of the layer)' })
  deleteRasterSheet(@Arg('id', () => ID) id: string, @Arg('version', () => Int, { nullable: true }) version: number | null, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.rasters.delete(ctx.layers, ctx.user, id, version, actorOf(ctx).address);
  }

  @Query(() => [RasterSheet], { description: 'Placed drawings (境界確定図) linked to a boundary record, in raster layers the caller may read' })
  boundaryRecordDrawings(@Arg('featureId', () => ID) featureId: string, @Ctx() ctx: Context): Promise<RasterSheet[]> {
    return ctx.services.rasters.drawingsOfRecord(ctx.layers, featureId);
  }

  @Mutation(() => RasterSheet, { description: 'Links a placed drawing to a boundary record, or unlinks it (featureId null); editors of the sheet\'s layer' })
  linkRasterSheetToBoundaryRecord(
    @Arg('id', () => ID) id: string,
    @Arg('featureId', () => ID, { nullable: true }) featureId: string | null,
    @Arg('version', () => Int, { nullable: true, description: 'The version the caller saw; CONFLICT when the sheet changed since' }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<RasterSheet> {
    return ctx.services.rasters.linkBoundaryRecord(ctx.layers, ctx.user, id, featureId, version, actorOf(ctx).address);
  }
}
