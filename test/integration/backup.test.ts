import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { backupEmbedded, backupPostgres, Manifest, readVerifiedManifest, restoreEmbedded, restorePostgres } from '../../server/src/backup/backup.service';
import { fetchEmbeddedDump } from '../../server/src/backup/client';
import { Inventory, takeInventory } from '../../server/src/backup/inventory';
import { DEMO_PASSWORD } from '../../server/src/seed/demo';
import { backends, startServer, TestServer } from '../helpers/backends';
import { freshDatabase, FreshDatabase } from '../helpers/fresh-database';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082', 'hex');
const UPDATE = 'mutation($id: ID!, $v: Int!, $a: JSONObject) { updateFeature(id: $id, expectedVersion: $v, attributes: $a) { id version } }';

for (const kind of backends()) {
  describe(`Backup and restore drill [${kind}]`, () => {
    let t: TestServer;
    let token: string;
    let target: FreshDatabase;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-backup-'));
    const dir = path.join(tmp, 'backup');
    beforeAll(async () => {
      t = await startServer(kind);
      token = await t.login('admin');
      target = await freshDatabase(kind);
    });
    afterAll(async () => {
      await t?.close();
      await target?.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    const live = () => t.db.pool.connect().then(async (c) => { try { return await takeInventory((sql) => c.query(sql)); } finally { c.release(); } });
    /** An edit through the API: one more version and history row. */
    async function edit(note: string) {
      const { rows } = await t.db.pool.query(`SELECT f.id::text AS id, f.version FROM feature f JOIN layer l ON l.id = f.layer_id
        WHERE l.key = 'curve_mirrors' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
      const r = await t.gql(UPDATE, { id: rows[0].id, v: rows[0].version, a: { route_name: note } }, token);
      expect(r.errors).toBeUndefined();
      return rows[0].id as string;
    }
    const backup = async (): Promise<Manifest> => (t.config.databaseUrl
      ? backupPostgres(t.config.databaseUrl, dir)
      : backupEmbedded(await fetchEmbeddedDump(t.url, 'admin', DEMO_PASSWORD), dir));
    const restore = (): Promise<Inventory> => (target.config.databaseUrl
      ? restorePostgres(dir, target.config.databaseUrl)
      : restoreEmbedded(dir, target.config.dataDir));

    test('a backup of a seeded city with edits and an attachment restores into a new database with the same counts and checksums', async () => {
      const featureId = await edit('バックアップ前の編集');
      await t.db.pool.query(`INSERT INTO attachment (feature_id, filename, content_type, size_bytes, sha256, data, uploaded_by)
        VALUES ($1, '境界確定図.png', 'image/png', $2, $3, $4, 1)`, [featureId, PNG.length, crypto.createHash('sha256').update(PNG).digest('hex'), PNG]);
      const manifest = await backup();
      // Nothing else writes meanwhile (the embedded backup's own login included, it is in the backup).
      const before = await live();
      expect(manifest.inventory).toEqual(before);
      expect(manifest.inventory.counts.feature).toBeGreaterThan(500);
      expect(manifest.inventory.attachments).toEqual([{ id: expect.any(String), sha256: crypto.createHash('sha256').update(PNG).digest('hex') }]);
      expect(fs.readdirSync(dir).sort()).toEqual([manifest.files[0].name, 'manifest.json'].sort());

      // Edits after the backup are not in it.
      await edit('バックアップ後の編集');
      expect((await live()).checksums.feature_history).not.toBe(before.checksums.feature_history);

      const restored = await restore();
      expect(restored).toEqual(before);
    });

    test('a damaged backup is refused before anything is restored', async () => {
      const copy = path.join(tmp, 'damaged');
      fs.cpSync(dir, copy, { recursive: true });
      const manifest = readVerifiedManifest(copy);
      const file = path.join(copy, manifest.files[0].name);
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      fs.writeFileSync(file, bytes);
      expect(() => readVerifiedManifest(copy)).toThrow(/damaged/);
    });

    test('a restore into a database that already holds a city is refused', async () => {
      await expect(restore()).rejects.toThrow(/not empty|already holds/);
    });

    if (kind === 'postgis') {
      test('the restored database serves the attachment bytes', async () => {
        const c = new pg.Client({ connectionString: target.config.databaseUrl });
        await c.connect();
        const { rows } = await c.query('SELECT data FROM attachment');
        await c.end();
        expect(Buffer.compare(rows[0].data, PNG)).toBe(0);
      });
    }
  });
}
