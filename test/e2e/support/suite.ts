// What every browser suite shares: the real server and a guarded Chromium before its tests,
// the closed-network and clean-console check after each test, both closed at the end; and
// GraphQL from outside the browser as another user (a colleague, or test setup).
import type { Page } from 'playwright-core';
import { expectCleanStep, launchGuarded, type GuardedBrowser } from './browser';
import { startServer, type RunningServer } from './server';

/** How long a suite's server and browser may take to start (E2E_START_TIMEOUT_MS: longer on an overloaded machine). */
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS) || 240_000;

export interface Suite {
  server: RunningServer;
  guarded: GuardedBrowser;
  page: Page;
}

export interface SuiteOptions {
  /** Confirmation dialogs are accepted when asked. */
  acceptDialogs?: boolean;
  /** The demo city's scale (`DEMO_SCALE`); 0.05, a disc of parcels around the station, starts in seconds. */
  demoScale?: number;
}

/**
 * Registers the suite's lifecycle hooks. `ready` gets the server, browser and page once they
 * are up (the suite assigns them to its own variables).
 */
export function browserSuite(ready: (suite: Suite) => void, options: SuiteOptions = {}): void {
  jest.setTimeout(300_000);
  let server: RunningServer | undefined;
  let guarded: GuardedBrowser | undefined;

  beforeAll(async () => {
    server = await startServer({ demoScale: options.demoScale, timeoutMs: START_TIMEOUT_MS + 60_000 });
    guarded = await launchGuarded(server.url);
    if (options.acceptDialogs) guarded.page.on('dialog', (dialog) => void dialog.accept());
    ready({ server, guarded, page: guarded.page });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await guarded?.close();
    await server?.stop();
  });

  afterEach(() => expectCleanStep(guarded!));
}

export interface GraphQLReply<T> {
  /** The user's session token. */
  token: string;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Logs `username` in with the demo password and sends one GraphQL request with that session. */
export async function graphqlAs<T>(server: RunningServer, username: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLReply<T>> {
  const call = async (q: string, v: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: q, variables: v }),
    });
    return response.json();
  };
  const login = await call('mutation($u: String!) { login(username: $u, password: "chizu-demo") { token } }', { u: username });
  const token = login.data.login.token as string;
  return { token, ...(await call(query, variables, token)) };
}

export interface StoredFeature<C = unknown> {
  id: string;
  version: number;
  geometry: { type: string; coordinates: C };
  attributes: Record<string, unknown>;
}

/** A feature as the server stores it, read by an administrator from outside the browser. */
export async function storedFeature<C = unknown>(server: RunningServer, id: string): Promise<StoredFeature<C>> {
  const { data, errors } = await graphqlAs<{ feature: StoredFeature<C> }>(server, 'admin', 'query($id: ID!) { feature(id: $id) { id version geometry attributes } }', { id });
  if (!data?.feature) throw new Error(`feature ${id} not readable: ${JSON.stringify(errors)}`);
  return data.feature;
}
