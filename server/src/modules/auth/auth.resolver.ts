import { serialize } from 'cookie';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { SESSION_COOKIE } from './session-token';
import { LayerRecord } from '../layers/layer.service';
import { canEditLayer, SessionUser } from './permissions';
import { LoginResult, NewUserInput, Role, User, UserPatch } from './auth.type';
import { appError } from '../../errors';
import { actorOf } from '../audit/audit.service';

export async function toUser(user: SessionUser & { disabled?: boolean }, layers: LayerRecord[]): Promise<User> {
  const dept = layers.find((l) => l.departmentKey === user.departmentKey)?.department;
  return {
    id: user.id, username: user.username, displayName: user.displayName, role: user.role as Role,
    department: dept ?? (user.departmentKey ? { key: user.departmentKey, nameJa: user.departmentKey, nameEn: user.departmentKey } : null),
    editableLayers: layers.filter((l) => canEditLayer(user, l)).map((l) => l.key),
    grantedLayers: layers.filter((l) => user.grantedLayerIds.includes(l.id)).map((l) => l.key),
    disabled: !!user.disabled,
  };
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult, {
    description: 'Opens a session; sets the HttpOnly session cookie. With newPassword the password is changed first (required when it expired: reason passwordExpired)',
  })
  async login(@Arg('username') username: string, @Arg('password') password: string,
    @Arg('newPassword', () => String, { nullable: true }) newPassword: string | null, @Ctx() ctx: Context): Promise<LoginResult> {
    const session = await ctx.services.auth.login(username, password, ctx.req?.ip ?? '', newPassword);
    ctx.res?.append('Set-Cookie', serialize(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'lax', path: '/', expires: session.expiresAt, secure: ctx.req?.secure ?? false,
    }));
    return { token: session.token, expiresAt: session.expiresAt, user: await toUser(session.user, await ctx.layers.all()) };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    if (ctx.token) await ctx.services.auth.logout(ctx.token, actorOf(ctx));
    ctx.res?.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0, secure: ctx.req?.secure ?? false }));
    return true;
  }

  @Mutation(() => Int, { description: 'Lifts the login lock of a user name after failed logins; returns the failures cleared (administrators)' })
  async unlockLogin(@Arg('username') username: string, @Ctx() ctx: Context): Promise<number> {
    return ctx.services.auth.unlockLogin(ctx.user, username, actorOf(ctx));
  }

  @Query(() => [User], { description: 'All users (administrators)' })
  async users(@Ctx() ctx: Context): Promise<User[]> {
    const layers = await ctx.layers.all();
    return Promise.all((await ctx.services.auth.listUsers(ctx.user)).map((u) => toUser(u, layers)));
  }

  @Mutation(() => User, { description: 'Creates a user (administrators)' })
  async createUser(@Arg('input', () => NewUserInput) input: NewUserInput, @Ctx() ctx: Context): Promise<User> {
    return toUser(await ctx.services.auth.createUser(ctx.user, input, actorOf(ctx)), await ctx.layers.all());
  }

  @Mutation(() => User, { description: 'Changes a user: role, department, extra layers, password, disabled (administrators)' })
  async updateUser(@Arg('username') username: string, @Arg('patch', () => UserPatch) patch: UserPatch, @Ctx() ctx: Context): Promise<User> {
    const layers = await ctx.layers.all();
    const grantedLayerIds = patch.grantedLayers?.map((key) => {
      const layer = layers.find((l) => l.key === key);
      if (!layer) throw appError('unknownLayer', { layer: key }, { field: 'grantedLayers' });
      return layer.id;
    });
    const user = await ctx.services.auth.updateUser(ctx.user, username, { ...patch, grantedLayerIds }, actorOf(ctx));
    return toUser(user, layers);
  }

  @Mutation(() => String, {
    description: 'Gives a user a new temporary password and ends its sessions; the password is returned this once and never shown again (administrators)',
  })
  resetPassword(@Arg('username') username: string, @Ctx() ctx: Context): Promise<string> {
    return ctx.services.auth.resetPassword(ctx.user, username, actorOf(ctx));
  }

  @Mutation(() => Boolean, { description: 'Changes the caller\'s own password (the current one is checked); the caller\'s other sessions end' })
  async changeOwnPassword(@Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string, @Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.auth.changeOwnPassword(ctx.user, currentPassword, newPassword, ctx.token, actorOf(ctx));
    return true;
  }

  @Mutation(() => Int, { description: 'Ends all sessions of a user (administrators); returns how many were open' })
  async revokeSessions(@Arg('username') username: string, @Ctx() ctx: Context): Promise<number> {
    return ctx.services.auth.revokeSessions(ctx.user, username, actorOf(ctx));
  }

  @Query(() => User, { nullable: true, description: 'The logged-in user, or null' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.user ? toUser(ctx.user, await ctx.layers.all()) : null;
  }
}
