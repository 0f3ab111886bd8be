import fs from 'node:fs';
import path from 'node:path';
import { backends, openBackend, TestBackend } from '../helpers/backends';

// Plain tables are written with Prisma (README "Data access"), the schema with SQL migrations: every
// table and column prisma/schema.prisma names must be what the migrations made, on both backends.

/** The tables and columns schema.prisma maps its models' scalar fields to. */
function prismaColumns(): Map<string, string[]> {
  const text = fs.readFileSync(path.join(__dirname, '../../prisma/schema.prisma'), 'utf8');
  const blocks = [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const models = new Set(blocks.map((b) => b[1]));
  const tables = new Map<string, string[]>();
  for (const [, model, body] of blocks) {
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model;
    const columns = body.split('\n').map((l) => l.trim())
      .filter((l) => /^\w+\s+\w/.test(l) && !l.startsWith('@@'))
      .map((l) => ({ name: l.split(/\s+/)[0], type: l.split(/\s+/)[1].replace(/[?[\]]/g, ''), line: l }))
      .filter((f) => !models.has(f.type) && !f.type.startsWith('Unsupported'))
      .map((f) => /@map\("([^"]+)"\)/.exec(f.line)?.[1] ?? f.name);
    tables.set(table, columns.sort());
  }
  return tables;
}

for (const kind of backends()) {
  describe(`schema.prisma matches the migrations [${kind}]`, () => {
    let backend: TestBackend;
    beforeAll(async () => { backend = await openBackend(kind, { scale: 0.01 }); });
    afterAll(async () => { await backend?.close(); });

    test('every model\'s table and column exists as the migrations made it', async () => {
      const expected = prismaColumns();
      expect(expected.get('layer')).toContain('role');
      const { rows } = await backend.db.pool.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1::text[])`,
        [[...expected.keys()]]);
      const actual = new Map<string, string[]>();
      for (const r of rows) actual.set(r.table_name, [...(actual.get(r.table_name) ?? []), r.column_name]);
      const missing = [...expected].flatMap(([table, columns]) =>
        columns.filter((c) => !actual.get(table)?.includes(c)).map((c) => `${table}.${c}`));
      expect(missing).toEqual([]);
    });
  });
}
