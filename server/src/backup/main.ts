import 'reflect-metadata';
import { loadConfig } from '../config';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from './backup.service';
import { fetchEmbeddedDump } from './client';

const USAGE = `usage:
  npm run backup -- --out DIR       back up DATABASE_URL (pg_dump), or the running embedded server
                                    (CHIZU_ADMIN_PASSWORD, --user admin, --server http://127.0.0.1:PORT)
  npm run restore -- DIR            restore into DATABASE_URL (an empty database) or into DATA_DIR (empty; server stopped)`;

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const arg = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const config = loadConfig();
  const t0 = Date.now();
  if (command === 'backup') {
    const out = arg('--out');
    if (!out) throw new Error(USAGE);
    let manifest;
    if (config.databaseUrl) {
      manifest = await backupPostgres(config.databaseUrl, out);
    } else {
      // Like create-admin: the password from the environment keeps it out of the shell history.
      const password = process.env.CHIZU_ADMIN_PASSWORD || arg('--password');
      if (!password) throw new Error(`the embedded database is backed up through the running server: set CHIZU_ADMIN_PASSWORD\n${USAGE}`);
      const server = arg('--server') ?? `http://127.0.0.1:${config.port}`;
      manifest = await backupEmbedded(await fetchEmbeddedDump(server, arg('--user') ?? 'admin', password), out);
    }
    const { counts, attachments } = manifest.inventory;
    console.log(`Backed up ${counts.feature} features, ${counts.feature_history} history rows, ${attachments.length} attachments ` +
      `to ${out} (${manifest.method}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } else if (command === 'restore') {
    const dir = args[0];
    if (!dir) throw new Error(USAGE);
    const inventory = config.databaseUrl ? await restorePostgres(dir, config.databaseUrl) : await restoreEmbedded(dir, config.dataDir);
    console.log(`Restored and verified against the manifest: ${inventory.counts.feature} features, ${inventory.counts.feature_history} history rows, ` +
      `${inventory.attachments.length} attachments (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } else {
    throw new Error(USAGE);
  }
}

main().catch((err) => { console.error(err.message ?? err); process.exit(1); });
