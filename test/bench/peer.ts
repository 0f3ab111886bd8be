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
  // 'peer' holds the bbox function, the computed columns and the bulk update (bench.sql.ts); 'public' the table.
  pgServices: [makePgService({ connectionString, schemas: ['peer', 'public'] })],
  // A bulk write of 10,000 updates (ids, versions) is larger than grafserv's default 100 kB body.
  grafserv: { graphiql: false, watch: false, maxRequestLength: 64 * 1024 * 1024 },
});
const server = http.createServer();
pgl.createServ(grafserv).addTo(server).then(() => {
  server.listen(Number(port), '127.0.0.1', () => console.log(`peer listening on ${port}`));
}, (err: unknown) => {
  console.error(err);
  process.exit(1);
});
process.on('SIGTERM', () => { server.close(); void Promise.resolve(pgl.release()).finally(() => process.exit(0)); });
