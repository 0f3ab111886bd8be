// The web client's own reading of a viewport, run in the bench: web/src/api/queries.ts fetchAllFeatures
// (the `Features` document with its FeatureFields fragment, pages of MAX_PAGE, each a GET with the query in
// the URL, and the JSON.parse of each response). Nothing is copied, so the bench cannot drift from the
// client. The client asks for paths (`/graphql?…`) with the session cookie; here a path goes to the origin
// of the variant being measured, with its headers (a bearer token, Accept-Encoding).
import { AsyncLocalStorage } from 'node:async_hooks';
import { fetchAllFeatures } from '../../web/src/api/queries';

declare global {
  // The client sends read queries with `cache: 'no-cache'` (a browser then revalidates). Node's fetch takes it
  // (and sends Cache-Control: max-age=0, as a browser does); @types/node 20 does not declare it.
  interface RequestInit {
    cache?: 'default' | 'force-cache' | 'no-cache' | 'no-store' | 'only-if-cached' | 'reload';
  }
}

interface Target {
  origin: string;
  headers: Record<string, string>;
  /** When given, the text of every response is kept here (to compare the variants' bodies). */
  bodies?: string[];
}

const target = new AsyncLocalStorage<Target>();
const nodeFetch = globalThis.fetch;
let installed = false;

function installFetch(): void {
  if (installed) return;
  installed = true;
  globalThis.fetch = async (input, init) => {
    const t = target.getStore();
    if (!t || typeof input !== 'string' || !input.startsWith('/')) return nodeFetch(input, init);
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(t.headers)) headers.set(name, value);
    const res = await nodeFetch(t.origin + input, { ...init, headers });
    if (res.status !== 200) throw new Error(`${t.origin}${input.slice(0, 80)}…: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    if (t.bodies) t.bodies.push(await res.clone().text());
    return res;
  };
}

/** A viewport as the web client reads it from `origin`: every page of the layer in the bbox; resolves with the feature count. */
export function clientViewport(origin: string, headers: Record<string, string>) {
  installFetch();
  return async (layer: string, bbox: number[]): Promise<number> =>
    (await target.run({ origin, headers }, () => fetchAllFeatures({ layer, bbox }))).length;
}

/** The response bodies of one viewport read by the client from `origin`, page by page. */
export async function clientViewportBodies(origin: string, headers: Record<string, string>, layer: string, bbox: number[]): Promise<string[]> {
  installFetch();
  const bodies: string[] = [];
  await target.run({ origin, headers, bodies }, () => fetchAllFeatures({ layer, bbox }));
  return bodies;
}
