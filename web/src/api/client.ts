// A small GraphQL client: POST JSON to /graphql with the session cookie. Documents come typed from
// ./generated (`graphql(...)`), so a query's result and variables follow schema/schema.graphql.
import type { TypedDocumentString } from './generated/graphql';

export class ApiError extends Error {
  constructor(
    message: string,
    /** The server's extensions.code: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, ... */
    readonly code: string,
    /** The error's other extensions (field, problems, index, current, …). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An error's text for a status line (the server's message for an API error). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server says the session is gone, so the app can show the login screen. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** Longer GET URLs go as POST: proxies and servers refuse URLs past about 8 KB. */
const MAX_GET_URL = 6_000;

/**
 * A read query goes as GET with `cache: 'no-cache'`: the browser keeps the answer and asks again with
 * If-None-Match, and the server's ETag (Express hashes the body) turns an unchanged answer into a 304
 * without a body, so a reload fetches only what changed. Mutations, and queries whose variables
 * make the URL too long, go as POST. The preflight header is Apollo's CSRF rule for GET.
 */
export function graphqlRequest(query: string, variables: unknown): { url: string; init: RequestInit } {
  if (/^\s*query\b/.test(query)) {
    const params = new URLSearchParams({ query });
    if (variables !== undefined) params.set('variables', JSON.stringify(variables));
    const url = `/graphql?${params}`;
    if (url.length <= MAX_GET_URL) {
      return { url, init: { method: 'GET', cache: 'no-cache', headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } } };
    }
  }
  return {
    url: '/graphql',
    init: { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) },
  };
}

export async function gql<T, V>(document: TypedDocumentString<T, V>, variables?: V, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    const { url, init } = graphqlRequest(document.toString(), variables);
    response = await fetch(url, { ...init, credentials: 'same-origin', signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError((e as Error).message, 'NETWORK_ERROR');
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`HTTP ${response.status}`, 'BAD_RESPONSE');
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    const error = new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.extensions ?? {});
    if (error.code === 'UNAUTHENTICATED') unauthenticatedListeners.forEach((l) => l(error));
    throw error;
  }
  if (!body.data) throw new ApiError(`HTTP ${response.status}`, 'BAD_RESPONSE');
  return body.data;
}

/** GET a JSON document from our own server (basemap GeoJSON, config). */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal });
  if (response.status === 401) {
    const error = new ApiError('Not logged in', 'UNAUTHENTICATED');
    unauthenticatedListeners.forEach((l) => l(error));
    throw error;
  }
  if (!response.ok) throw new ApiError(`${path}: HTTP ${response.status}`, 'HTTP_ERROR');
  return (await response.json()) as T;
}
