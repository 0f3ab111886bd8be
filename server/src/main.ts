import './runtime';
import 'reflect-metadata';
import { loadConfig } from './config';
import { createServer } from './app';
import { prepareDatabase } from './bootstrap';

async function main() {
  const config = loadConfig();
  const db = await prepareDatabase(config);
  const server = await createServer(db, config);
  const port = await server.listen(config.port);
  server.services.print.preload().catch(() => undefined); // a missing driver is reported by the first print
  console.log(`Chizu is running on ${db.kind === 'pglite' ? 'the embedded PostGIS database' : 'PostgreSQL/PostGIS'}`);
  console.log(`  Map:     http://localhost:${port}/`);
  console.log(`  GraphQL: http://localhost:${port}/graphql`);
  const shutdown = async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
