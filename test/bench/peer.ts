// The peer: PostGraphile 5 serving the same feature table, started by the bench as a child process.
//   node dist/bench/test/bench/peer.js <port> <database url>
import './polyfill';
import http from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const [port, connectionString] = process.argv.slice(2);
const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  // 'peer' holds the bbox function and the GeoJSON computed column (bench.sql.ts); 'public' the table.
  pgServices: [makePgService({ connectionString, schemas: ['peer', 'public'] })],
  grafserv: { graphiql: false, watch: false },
});
const server = http.createServer();
pgl.createServ(grafserv).addTo(server).then(() => {
  server.listen(Number(port), '127.0.0.1', () => console.log(`peer listening on ${port}`));
}, (err: unknown) => {
  console.error(err);
  process.exit(1);
});
process.on('SIGTERM', () => { server.close(); void Promise.resolve(pgl.release()).finally(() => process.exit(0)); });
