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

export async function gql<T, V>(document: TypedDocumentString<T, V>, variables?: V, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
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
