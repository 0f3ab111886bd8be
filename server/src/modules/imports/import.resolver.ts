import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { JSONObjectScalar } from '../../scalars';
import { ImportOptions } from './import.service';
import { ImportJob, ImportSummary } from './import.type';
import { actorOf } from '../audit/audit.service';

const OPTIONS_DOC = 'ImportOptions: { layer, newLayer: {key, nameJa, departmentKey, geometryTypes, fields}, encoding: utf8|cp932, table, '
  + 'mapping: {column: fieldKey}, keyField, geometry: {lon, lat | planeX, planeY, srid | wkt | address}, defaults, skipRefused }';

/** The job row as GraphQL shows it. */
const toJob = (row: Record<string, any>): ImportJob => ({
  id: row.id, filename: row.filename, status: row.status, layerKey: row.layer_key ?? row.options?.layer ?? null, summary: row.summary ?? null,
  progress: row.progress ?? null, createdAt: row.created_at, committedAt: row.committed_at, undoneAt: row.undone_at,
});

/** Imports: upload with POST /api/imports (the file as the body), then these. */
@Resolver()
export class ImportResolver {
  @Query(() => ImportJob, { description: 'An import with its last summary and, while it runs, its progress' })
  async importJob(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ImportJob> {
    return toJob(await ctx.services.imports.job(ctx.user, id));
  }

  @Query(() => [ImportJob], { description: 'Recent imports (the caller\'s; all for admins)' })
  async importJobs(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: Context): Promise<ImportJob[]> {
    return (await ctx.services.imports.jobs(ctx.user, first)).map(toJob);
  }

  @Query(() => JSONObjectScalar, { description: 'Reads the uploaded file: format, encoding, tables, columns, sample rows, guessed mapping and geometry columns, inferred fields' })
  importPreview(@Arg('id', () => ID) id: string, @Arg('options', () => JSONObjectScalar, { nullable: true, description: OPTIONS_DOC }) options: ImportOptions | undefined,
    @Ctx() ctx: Context) {
    return ctx.services.imports.preview(ctx.user, id, options ?? {});
  }

  @Mutation(() => ImportSummary, { description: 'Checks every row as the commit would and writes nothing: counts and refused rows' })
  importDryRun(@Arg('id', () => ID) id: string, @Arg('options', () => JSONObjectScalar, { nullable: true, description: OPTIONS_DOC }) options: ImportOptions | undefined,
    @Ctx() ctx: Context): Promise<ImportSummary> {
    return ctx.services.imports.dryRun(ctx.user, id, options ?? {});
  }

  @Mutation(() => ImportSummary, { description: 'Writes the import as one batch (all rows or none); refused rows stop it unless skipRefused' })
  commitImport(@Arg('id', () => ID) id: string, @Arg('options', () => JSONObjectScalar, { nullable: true, description: OPTIONS_DOC }) options: ImportOptions | undefined,
    @Ctx() ctx: Context): Promise<ImportSummary> {
    return ctx.services.imports.commit(ctx.user, id, options ?? {}, actorOf(ctx));
  }

  @Mutation(() => Boolean, { description: 'Asks a running commit to stop; nothing of it is written' })
  cancelImport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): boolean {
    return ctx.services.imports.cancel(ctx.user, id);
  }

  @Mutation(() => Int, { description: 'Undoes a committed import as a whole (new versions through the edit path); returns the features changed' })
  undoImport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<number> {
    return ctx.services.imports.undo(ctx.user, id);
  }
}
