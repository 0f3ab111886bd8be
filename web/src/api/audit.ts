// The audit log (administrators) and the caller's personal access tokens.
import { gql } from './client';
import { graphql } from './generated';

export interface AuditEntry {
  id: string;
  at: string;
  kind: string;
  username: string | null;
  clientAddress: string | null;
  target: string | null;
  layerKey: string | null;
  rowCount: number | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  username?: string | null;
  kind?: string | null;
  from?: string | null;
  until?: string | null;
}

export interface AuditPage { entries: AuditEntry[]; totalCount: number; nextBefore: string | null }

const AuditLogQuery = graphql(`
  query AuditLog($filter: AuditFilter, $first: Int, $before: ID) {
    auditLog(filter: $filter, first: $first, before: $before) {
      totalCount nextBefore entries { id at kind username clientAddress target layerKey rowCount details }
    }
  }
`);

export async function fetchAuditLog(filter: AuditFilter, before: string | null, first = 100): Promise<AuditPage> {
  const data = await gql(AuditLogQuery, { filter, first, before });
  return data.auditLog as AuditPage;
}

/** The CSV export's URL for the same filter (a plain GET with the session cookie). */
export function auditCsvUrl(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  const query = params.toString();
  return `/api/audit.csv${query ? `?${query}` : ''}`;
}

export interface AccessToken {
  id: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  layers: string[] | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedAddress: string | null;
  revokedAt: string | null;
}

/** @public Spread by name in the token documents; the generator reads it here. */
export const AccessTokenFields = graphql(`
  fragment AccessTokenFields on AccessToken { id name prefix readOnly layers createdAt expiresAt lastUsedAt lastUsedAddress revokedAt }
`);
const AccessTokensQuery = graphql(`query AccessTokens { accessTokens { ...AccessTokenFields } }`);
const CreateAccessTokenMutation = graphql(`
  mutation CreateAccessToken($input: AccessTokenInput!) { createAccessToken(input: $input) { token accessToken { ...AccessTokenFields } } }
`);
const RevokeAccessTokenMutation = graphql(`mutation RevokeAccessToken($id: ID!) { revokeAccessToken(id: $id) }`);

export async function fetchAccessTokens(): Promise<AccessToken[]> {
  return (await gql(AccessTokensQuery)).accessTokens as AccessToken[];
}

export async function createAccessToken(input: { name: string; expiresInDays: number; readOnly: boolean; layers: string[] | null }) {
  const data = await gql(CreateAccessTokenMutation, { input });
  return data.createAccessToken as { token: string; accessToken: AccessToken };
}

export async function revokeAccessToken(id: string): Promise<void> {
  await gql(RevokeAccessTokenMutation, { id });
}
