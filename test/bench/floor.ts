// The HTTP floor: a bare node:http server (no framework, no GraphQL, no session) that answers the web
// client's viewport request (GET /graphql?query=…&variables=…) with the server's page SQL and the same
// JSON text our server sends, streamed as it is built: the physical limit for an HTTP JSON API on this
// stack. Started by the bench as a child process, like our server and the peer:
//   node dist/bench/test/bench/floor.js <port> <database url>
import http from 'node:http';
import pg from 'pg';
import { layerIdSql } from './bench.sql';
import { featurePageJson, floorPageRows, ViewportVariables } from './floor.page';

const [port, connectionString] = process.argv.slice(2);
// As the server's pool (db/database.ts): ten connections, no JIT.
const pool = new pg.Pool({ connectionString, max: 10, options: '-c jit=off' });
// Our server keeps its layer catalogue in memory; so does the floor.
const layerIds = new Map<string, number>();

async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://floor');
  if (req.method !== 'GET' || url.pathname !== '/graphql') {
    res.writeHead(404).end();
    return;
  }
  const variables = JSON.parse(url.searchParams.get('variables') ?? '{}') as ViewportVariables;
  let layerId = layerIds.get(variables.layer);
  if (layerId === undefined) {
    layerId = (await pool.query<{ id: number }>(layerIdSql, [variables.layer])).rows[0].id;
    layerIds.set(variables.layer, layerId);
  }
  const page = await floorPageRows(pool, layerId, variables);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  for (const chunk of featurePageJson(page)) res.write(chunk);
  res.end();
}

const server = http.createServer((req, res) => {
  answer(req, res).catch((err: Error) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: err.message }] }));
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log(`floor listening on ${port}`));
process.on('SIGTERM', () => { server.close(); void pool.end().finally(() => process.exit(0)); });
