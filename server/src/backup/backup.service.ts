import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createPGlite } from '../db/embedded';
import { hasChizuTablesSql } from './backup.sql';
import { compareInventories, Inventory, takeInventory } from './inventory';

const run = promisify(execFile);

export const MANIFEST = 'manifest.json';
const PG_DUMP = 'database.dump';
const PGLITE_DUMP = 'pgdata.tar.gz';

/** manifest.json: how the backup was taken, each file's sha256, and what the database held. */
export interface Manifest {
  format: 'chizu-backup/1';
  backend: 'postgis' | 'pglite';
  method: string;
  createdAt: string;
  files: { name: string; bytes: number; sha256: string }[];
  inventory: Inventory;
}

const sha256File = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A new, empty backup directory: a backup never overwrites another. */
function newBackupDir(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; back up into a new directory`);
  fs.mkdirSync(dir, { recursive: true });
}

function writeManifest(dir: string, backend: Manifest['backend'], method: string, file: string, inventory: Inventory): Manifest {
  const full = path.join(dir, file);
  const manifest: Manifest = {
    format: 'chizu-backup/1', backend, method, createdAt: new Date().toISOString(),
    files: [{ name: file, bytes: fs.statSync(full).size, sha256: sha256File(full) }], inventory,
  };
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function withClient<T>(databaseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** External tools' failures with their own message (pg_dump names the problem well). */
async function tool(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new Error(`${command} is not installed (Debian: apt-get install postgresql-client)`, { cause: err });
    throw new Error(`${command} failed: ${(e.stderr || e.message).trim()}`, { cause: err });
  }
}

/**
 * PostgreSQL: pg_dump -Fc of an exported snapshot, and the inventory read in that same snapshot, so
 * the manifest describes exactly what the dump holds (attachments are rows of the dump).
 */
export async function backupPostgres(databaseUrl: string, dir: string): Promise<Manifest> {
  newBackupDir(dir);
  return withClient(databaseUrl, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query('SELECT pg_export_snapshot() AS id')).rows[0].id as string;
    const inventory = await takeInventory((sql) => client.query(sql));
    await tool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--file', path.join(dir, PG_DUMP), '--dbname', databaseUrl]);
    await client.query('COMMIT');
    return writeManifest(dir, 'postgis', `pg_dump --format=custom --snapshot (${PG_DUMP})`, PG_DUMP, inventory);
  });
}

/** Opens a PGlite dump in memory for its inventory: also proves the copy opens. */
async function inventoryOfDump(dump: Blob, dataDir?: string): Promise<Inventory> {
  const db = await createPGlite({ dataDir, loadDataDir: dump });
  try {
    return await takeInventory((sql) => db.query(sql));
  } finally {
    await db.close();
  }
}

/** Embedded: the running server's PGlite dumpDataDir() (see GET /api/admin/backup), written with its manifest. */
export async function backupEmbedded(dump: Blob, dir: string): Promise<Manifest> {
  newBackupDir(dir);
  fs.writeFileSync(path.join(dir, PGLITE_DUMP), Buffer.from(await dump.arrayBuffer()));
  const inventory = await inventoryOfDump(dump);
  return writeManifest(dir, 'pglite', `PGlite dumpDataDir() of the running database after CHECKPOINT (${PGLITE_DUMP})`, PGLITE_DUMP, inventory);
}

/** The manifest, after checking every file's size and sha256: a damaged backup is refused before anything is written. */
export function readVerifiedManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} has no ${MANIFEST}: not a Chizu backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== 'chizu-backup/1') throw new Error(`unknown backup format ${manifest.format}`);
  for (const f of manifest.files) {
    const full = path.join(dir, path.basename(f.name));
    if (!fs.existsSync(full)) throw new Error(`${f.name} is missing from the backup`);
    if (fs.statSync(full).size !== f.bytes || sha256File(full) !== f.sha256) throw new Error(`${f.name} does not match its sha256 in ${MANIFEST}: the backup is damaged`);
  }
  return manifest;
}

function requireBackend(manifest: Manifest, backend: Manifest['backend']): void {
  if (manifest.backend !== backend) {
    throw new Error(`this is a ${manifest.backend} backup; restore it with ${manifest.backend === 'postgis' ? 'DATABASE_URL set' : 'DATABASE_URL unset (embedded)'}`);
  }
}

function checkRestored(manifest: Manifest, restored: Inventory): Inventory {
  const problems = compareInventories(manifest.inventory, restored);
  if (problems.length) throw new Error(`the restored database differs from the backup: ${problems.slice(0, 10).join('; ')}`);
  return restored;
}

/** PostgreSQL: pg_restore into an empty database in one transaction, then the inventory must match the manifest. */
export async function restorePostgres(dir: string, databaseUrl: string): Promise<Inventory> {
  const manifest = readVerifiedManifest(dir);
  requireBackend(manifest, 'postgis');
  return withClient(databaseUrl, async (client) => {
    if ((await client.query(hasChizuTablesSql)).rows[0].present) {
      throw new Error('the target database already holds Chizu tables; restore into a new, empty database (createdb) and point DATABASE_URL at it');
    }
    await tool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--dbname', databaseUrl, path.join(dir, manifest.files[0].name)]);
    return checkRestored(manifest, await takeInventory((sql) => client.query(sql)));
  });
}

/** Embedded: unpacks the dump into an empty DATA_DIR (the server stopped), then the inventory must match. */
export async function restoreEmbedded(dir: string, dataDir: string): Promise<Inventory> {
  const manifest = readVerifiedManifest(dir);
  requireBackend(manifest, 'pglite');
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty; stop the server and move the old DATA_DIR aside, then restore into an empty directory`);
  }
  const dump = new Blob([fs.readFileSync(path.join(dir, manifest.files[0].name))], { type: 'application/x-gzip' });
  try {
    return checkRestored(manifest, await inventoryOfDump(dump, dataDir));
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true }); // never leave a half-restored directory to start from
    throw err;
  }
}
