import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { actorOf } from './audit.service';
import { AuditFilter, AuditPage } from './audit.type';

@Resolver()
export class AuditResolver {
  @Query(() => AuditPage, { description: 'The audit log, newest first (administrators)' })
  auditLog(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 100, at most 1000)' }) first?: number,
    @Arg('before', () => ID, { nullable: true, description: 'The nextBefore of the previous page' }) before?: string,
  ): Promise<AuditPage> {
    return ctx.services.audit.page(ctx.user, filter, first, before);
  }

  @Mutation(() => Int, { description: 'Removes audit entries older than the retention period (AUDIT_RETENTION_YEARS); logged itself (administrators)' })
  purgeAuditLog(@Ctx() ctx: Context): Promise<number> {
    return ctx.services.audit.purge(actorOf(ctx));
  }
}
