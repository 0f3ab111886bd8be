import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { actorOf } from '../audit/audit.service';
import { AccessToken, AccessTokenInput, NewAccessToken } from './token.type';

@Resolver()
export class TokenResolver {
  @Query(() => [AccessToken], { description: 'The caller\'s personal access tokens (from a login session)' })
  async accessTokens(@Ctx() ctx: Context): Promise<AccessToken[]> {
    return ctx.services.tokens.list(ctx.user, await ctx.layers.all());
  }

  @Mutation(() => NewAccessToken, { description: 'Creates a personal access token for desktop GIS; the secret is returned only this once' })
  async createAccessToken(@Arg('input', () => AccessTokenInput) input: AccessTokenInput, @Ctx() ctx: Context): Promise<NewAccessToken> {
    return ctx.services.tokens.create(actorOf(ctx), input, await ctx.layers.all());
  }

  @Mutation(() => Boolean, { description: 'Revokes a personal access token at once (own tokens; administrators any)' })
  async revokeAccessToken(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.tokens.revoke(actorOf(ctx), id);
    return true;
  }
}
