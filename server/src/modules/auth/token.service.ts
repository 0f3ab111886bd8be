import crypto from 'node:crypto';
import type { Request } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Config } from '../../config';
import { Database } from '../../db/database';
import { appError } from '../../errors';
import { AuditActor, AuditBuffer, recordAudit } from '../audit/audit.service';
import type { LayerRecord } from '../layers/layer.service';
import { isAdmin, SessionUser } from './permissions';
import { insertTokenSql, markTokenUsedSql, revokeTokenSql, tokenUserSql, userTokensSql } from './token.sql';
import type { AccessToken, AccessTokenInput, NewAccessToken } from './token.type';
import { SessionCache } from './session-cache';

/** Personal access tokens start with this, so the server (and a secret scanner) can tell them from session tokens. */
export const TOKEN_PREFIX = 'chizu_pat_';
export const isAccessToken = (token: string | undefined): token is string => !!token?.startsWith(TOKEN_PREFIX);

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const MAX_NAME_LENGTH = 100;
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

interface TokenRow {
  id: number; name: string; token_prefix: string; read_only: boolean; layer_ids: number[] | null; created_at: Date; expires_at: Date;
  last_used_at: Date | null; last_used_address: string | null; revoked_at: Date | null;
}

const toAccessToken = (r: TokenRow, layers: LayerRecord[]): AccessToken => ({
  id: String(r.id), name: r.name, prefix: r.token_prefix, readOnly: r.read_only,
  layers: r.layer_ids ? layers.filter((l) => r.layer_ids!.includes(l.id)).map((l) => l.key) : null,
  createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, lastUsedAddress: r.last_used_address, revokedAt: r.revoked_at,
});

/** Tokens are managed from a login session only: a token must not mint or revoke tokens (a read-only one could widen itself). */
function requireSession(user: SessionUser | null): SessionUser {
  if (!user) throw appError('loginRequired');
  if (user.scope) throw appError('tokensFromSession');
  return user;
}

/**
 * Personal access tokens (issue 15): a user's named, expiring, optionally read-only and layer-limited
 * credential for desktop GIS. The token's user is the user with a `scope`, so every permission check
 * (permissions.ts) bounds the token by the user's own rights.
 */
export class TokenService {
  private readonly tokens: SessionCache<{ user: SessionUser; tokenId: number }>;
  /** This process's last marking of each token's last use: within the minute from the same address it is not written again (markTokenUsedSql). */
  private readonly marked = new Map<number, { at: number; address: string }>();
  /** Every use is an audit row (token.use); they are written together, about once a second. */
  readonly uses: AuditBuffer;
  /** Requests already recorded: a request whose refusal is checked again by its route is still one use. */
  private readonly recorded = new WeakSet<Request>();

  constructor(private readonly db: Database, private readonly config: Config) {
    this.tokens = new SessionCache(db.changes);
    this.uses = new AuditBuffer(db.pool, (message) => console.error(message));
  }

  async create(actor: AuditActor, input: AccessTokenInput, readable: LayerRecord[]): Promise<NewAccessToken> {
    const user = requireSession(actor.user);
    const name = input.name.trim();
    if (!name || name.length > MAX_NAME_LENGTH) throw appError('tokenName', { max: MAX_NAME_LENGTH }, { field: 'name' });
    const days = input.expiresInDays ?? this.config.accessTokenDefaultDays;
    if (!Number.isInteger(days) || days < 1 || days > this.config.accessTokenMaxDays) {
      throw appError('tokenExpiry', { max: this.config.accessTokenMaxDays }, { field: 'expiresInDays' });
    }
    let layerIds: number[] | null = null;
    if (input.layers) {
      if (!input.layers.length) throw appError('tokenLayersEmpty', {}, { field: 'layers' });
      layerIds = [...new Set(input.layers)].map((key) => {
        const layer = readable.find((l) => l.key === key);
        if (!layer) throw appError('unknownLayer', { layer: key }, { field: 'layers' });
        return layer.id;
      });
    }
    const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    const row = await this.db.transaction(async (tx) => {
      const r = (await tx.query<TokenRow>(insertTokenSql,
        [user.id, name, sha256(token), token.slice(0, TOKEN_PREFIX.length + 4), input.readOnly, layerIds, expiresAt])).rows[0];
      await recordAudit(tx, { kind: 'token.create', actor, target: String(r.id),
        details: { name, readOnly: input.readOnly, layers: input.layers ? [...new Set(input.layers)] : null, expiresAt: expiresAt.toISOString() } });
      return r;
    });
    return { token, accessToken: toAccessToken(row, readable) };
  }

  async list(caller: SessionUser | null, readable: LayerRecord[]): Promise<AccessToken[]> {
    const user = requireSession(caller);
    return (await this.db.pool.query<TokenRow>(userTokensSql, [user.id])).rows.map((r) => toAccessToken(r, readable));
  }

  /** Revokes one of the caller's tokens (administrators: anyone's, e.g. of a user who left). */
  async revoke(actor: AuditActor, id: string): Promise<void> {
    const user = requireSession(actor.user);
    if (!/^\d{1,9}$/.test(id)) throw appError('notTokenId', { value: id }, { field: 'id' });
    await this.db.transaction(async (tx) => {
      const r = (await tx.query(revokeTokenSql, [id, isAdmin(user) ? null : user.id])).rows[0];
      if (!r) throw appError('tokenNotFound', { id });
      await recordAudit(tx, { kind: 'token.revoke', actor, target: id, details: { name: r.name, ownerId: r.user_id } });
      this.db.changes.touched(tx, 'users');
    });
  }

  /**
   * The user of a live token, narrowed by its scope, or null (unknown, expired, revoked, user
   * disabled). A read-only token is refused any write outside GraphQL (where `tokenScopePlugin`
   * refuses mutations), whatever the route would otherwise allow.
   */
  async authenticate(token: string, req: Request): Promise<SessionUser | null> {
    const tokenHash = sha256(token);
    let entry = this.tokens.get(tokenHash);
    if (!entry) {
      const version = this.tokens.version();
      const row = (await this.db.pool.query(tokenUserSql, [tokenHash])).rows[0];
      if (!row) return null;
      entry = {
        tokenId: row.token_id,
        user: {
          id: row.id, username: row.username, displayName: row.display_name, role: row.role,
          departmentKey: row.department_key, grantedLayerIds: row.granted_layer_ids,
          scope: { readOnly: row.read_only, layerIds: row.layer_ids },
        },
      };
      this.tokens.set(tokenHash, entry, version, row.expires_at);
    }
    const { user, tokenId } = entry;
    const address = req.ip ?? '';
    const now = Date.now();
    const last = this.marked.get(tokenId);
    if (!last || now - last.at >= 60_000 || last.address !== address) {
      await this.db.pool.query(markTokenUsedSql, [tokenId, address]);
      this.marked.set(tokenId, { at: now, address });
    }
    if (!this.recorded.has(req)) {
      this.recorded.add(req);
      this.uses.record({ kind: 'token.use', actor: { user, address }, target: String(tokenId), details: { method: req.method, path: req.originalUrl.split('?')[0] } });
    }
    if (user.scope!.readOnly && !READ_METHODS.includes(req.method) && !req.originalUrl.startsWith('/graphql')) {
      throw appError('tokenReadOnly');
    }
    return user;
  }
}

/** GraphQL: a read-only token runs queries only. */
export function tokenScopePlugin(): ApolloServerPlugin<{ user: SessionUser | null }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (contextValue.user?.scope?.readOnly && operation?.operation !== 'query') {
            throw appError('tokenReadOnly');
          }
        },
      };
    },
  };
}
