import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { requireAdmin } from '../auth/permissions';
import { actorOf } from '../audit/audit.service';

@ObjectType({ description: 'Installation settings the client needs to give the right messages' })
export class ClientSettings {
  @Field(() => Int, { description: 'Largest attachment upload in bytes' }) attachmentMaxBytes!: number;
  @Field(() => Int, { description: 'EPSG code of the plane rectangular zone used for survey coordinates' }) planeSrid!: number;
  @Field(() => Int, { description: 'Edits must lie within the city boundary plus this margin (metres)' }) serviceAreaMarginM!: number;
  @Field(() => Int, { description: 'Shortest password accepted (PASSWORD_MIN_LENGTH)' }) passwordMinLength!: number;
}

@ObjectType({ description: 'The password policy and session lifetime (administrators edit them)' })
export class SecuritySettings {
  @Field(() => Int, { description: 'A new password may not be one of the last N (0 = only not the current one)' }) passwordHistoryCount!: number;
  @Field(() => Int, { description: 'After this many days the user must set a new password at the next login; 0 = never' }) passwordMaxAgeDays!: number;
  @Field(() => Int, { description: 'Hours a login session lasts (default SESSION_TTL_HOURS)' }) sessionLifetimeHours!: number;
  @Field(() => Int, { description: 'Shortest password accepted (PASSWORD_MIN_LENGTH, set on the server)' }) passwordMinLength!: number;
}

@InputType({ description: 'Changes to the security settings; omitted ones stay' })
export class SecuritySettingsPatch {
  @Field(() => Int, { nullable: true }) passwordHistoryCount?: number;
  @Field(() => Int, { nullable: true }) passwordMaxAgeDays?: number;
  @Field(() => Int, { nullable: true }) sessionLifetimeHours?: number;
}

@Resolver()
export class SettingsResolver {
  @Query(() => ClientSettings)
  clientSettings(@Ctx() ctx: Context): ClientSettings {
    const c = ctx.services.config;
    return { attachmentMaxBytes: c.attachmentMaxBytes, planeSrid: c.planeSrid, serviceAreaMarginM: c.serviceAreaMarginM, passwordMinLength: c.passwordMinLength };
  }

  @Query(() => SecuritySettings, { description: 'The password policy and session lifetime (administrators)' })
  async securitySettings(@Ctx() ctx: Context): Promise<SecuritySettings> {
    requireAdmin(ctx.user);
    return { ...await ctx.services.auth.settings.get(), passwordMinLength: ctx.services.config.passwordMinLength };
  }

  @Mutation(() => SecuritySettings, { description: 'Changes the password policy or session lifetime; audited (administrators)' })
  async updateSecuritySettings(@Arg('patch', () => SecuritySettingsPatch) patch: SecuritySettingsPatch, @Ctx() ctx: Context): Promise<SecuritySettings> {
    const after = await ctx.services.auth.settings.update(ctx.user, patch, actorOf(ctx));
    return { ...after, passwordMinLength: ctx.services.config.passwordMinLength };
  }
}
