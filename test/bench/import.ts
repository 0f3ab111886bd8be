// npm run bench:import [-- --rows N]
//
// The import row of the benchmark: a Shift_JIS-free UTF-8 CSV of N curve mirrors (default 100,000)
// with lon/lat columns, imported on PostGIS through the import job (read → check → one batch through
// the edit path), as `npm run import` does. Prints rows/s and the process's peak RSS.
import 'reflect-metadata';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { benchDatabaseUrl, databaseUrl } from '../helpers/test-env';

// The built server (npm run build:server), so that it finds prisma/migrations from its own place.
const server = path.resolve(__dirname, '..', '..', '..', 'server');
/* eslint-disable @typescript-eslint/no-require-imports */
const { loadConfig } = require(path.join(server, 'config')) as typeof import('../../server/src/config');
const { prepareDatabase } = require(path.join(server, 'bootstrap')) as typeof import('../../server/src/bootstrap');
const { createServices } = require(path.join(server, 'context')) as typeof import('../../server/src/context');
const { seedDemo } = require(path.join(server, 'seed', 'demo')) as typeof import('../../server/src/seed/demo');

async function main() {
  const at = process.argv.indexOf('--rows');
  const rows = at >= 0 ? Number(process.argv[at + 1]) : 100_000;
  const adminUrl = benchDatabaseUrl;
  const name = 'chizu_bench_import';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const config = { ...loadConfig({ DATABASE_URL: databaseUrl(adminUrl, name) }), seedDemoOnFirstStart: false };
  const db = await prepareDatabase(config, () => undefined);
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
  try {
    await seedDemo(db, { scale: 0.05, users: true });
    const services = createServices(db, config);
    const user = (await services.auth.sessionUser((await db.prisma.appUser.findUniqueOrThrow({ where: { username: 'roads' } })).id))!;
    // A deterministic spread of points over the centre of the city.
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const lines = ['管理番号,路線名,鏡面サイズ,最終点検日,経度,緯度'];
    for (let i = 0; i < rows; i++) {
      lines.push(`B-${String(i).padStart(6, '0')},市道${i % 50},600,H27.4.1,${(140.155 + random() * 0.03).toFixed(7)},${(35.66 + random() * 0.02).toFixed(7)}`);
    }
    const file = Buffer.from(lines.join('\n'));
    peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const t0 = performance.now();
    const id = await services.imports.upload(user, 'mirrors.csv', file, { layer: 'curve_mirrors', keyField: 'mirror_no' });
    const summary = await services.imports.commit(user, id);
    const seconds = (performance.now() - t0) / 1000;
    const result = {
      rows, created: summary.create, seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(rows / seconds),
      peakRssMb: Math.round(peakRss / 1024 / 1024), rssBeforeMb: Math.round(baseRss / 1024 / 1024), fileMb: Number((file.length / 1024 / 1024).toFixed(1)),
    };
    console.log(`[bench] import ${JSON.stringify(result)}`);
  } finally {
    clearInterval(sampler);
    await db.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
