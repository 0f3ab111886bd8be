import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';

@ObjectType({ description: 'Installation settings the client needs to give the right messages' })
export class ClientSettings {
  @Field(() => Int, { description: 'Largest attachment upload in bytes' }) attachmentMaxBytes!: number;
  @Field(() => Int, { description: 'EPSG code of the plane rectangular zone used for survey coordinates' }) planeSrid!: number;
  @Field(() => Int, { description: 'Edits must lie within the city boundary plus this margin (metres)' }) serviceAreaMarginM!: number;
  @Field(() => Int, { description: 'Shortest password accepted (PASSWORD_MIN_LENGTH)' }) passwordMinLength!: number;
}

@Resolver()
export class SettingsResolver {
  @Query(() => ClientSettings)
  clientSettings(@Ctx() ctx: Context): ClientSettings {
    const c = ctx.services.config;
    return { attachmentMaxBytes: c.attachmentMaxBytes, planeSrid: c.planeSrid, serviceAreaMarginM: c.serviceAreaMarginM, passwordMinLength: c.passwordMinLength };
  }
}
