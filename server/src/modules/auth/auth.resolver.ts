import { serialize } from 'cookie';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Context, SESSION_COOKIE } from '../../context';
import { LayerRecord } from '../layers/layer.service';
import { canEditLayer, SessionUser } from './permissions';
import { LoginResult, Role, User } from './auth.type';

export async function toUser(user: SessionUser, layers: LayerRecord[]): Promise<User> {
  const dept = layers.find((l) => l.departmentKey === user.departmentKey)?.department;
  return {
    id: user.id, username: user.username, displayName: user.displayName, role: user.role as Role,
    department: dept ?? (user.departmentKey ? { key: user.departmentKey, nameJa: user.departmentKey, nameEn: user.departmentKey } : null),
    editableLayers: layers.filter((l) => canEditLayer(user, l)).map((l) => l.key),
  };
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult, { description: 'Opens a session; sets the HttpOnly session cookie' })
  async login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: Context): Promise<LoginResult> {
    const session = await ctx.services.auth.login(username, password);
    ctx.res?.append('Set-Cookie', serialize(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'lax', path: '/', expires: session.expiresAt, secure: ctx.req?.secure ?? false,
    }));
    return { token: session.token, expiresAt: session.expiresAt, user: await toUser(session.user, await ctx.layers.all()) };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    if (ctx.token) await ctx.services.auth.logout(ctx.token);
    ctx.res?.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }));
    return true;
  }

  @Query(() => User, { nullable: true, description: 'The logged-in user, or null' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.user ? toUser(ctx.user, await ctx.layers.all()) : null;
  }
}
