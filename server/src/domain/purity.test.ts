// domain/ is the shared package of pure rules (the web imports it as #domain/…): it must not reach
// into the server or Node, or the browser build breaks and the rules stop being pure.
import fs from 'node:fs';
import path from 'node:path';

// Small pure packages the rules may use; csv.ts (iconv-lite, csv-stringify) is server-only.
const ALLOWED_PACKAGES = ['@holiday-jp/holiday_jp', '@geolonia/japanese-numeral', 'wanakana'];
const SERVER_ONLY = new Map([['csv.ts', ['csv-stringify/sync', 'iconv-lite']]]);

test('the shared rules import only each other and a few pure packages (no server modules, no Node built-ins)', () => {
  const offending: string[] = [];
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = fs.readFileSync(path.join(__dirname, file), 'utf8');
    for (const [, spec] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
      const ok = (spec.startsWith('./') && !spec.includes('/', 2)) || ALLOWED_PACKAGES.includes(spec) || (SERVER_ONLY.get(file) ?? []).includes(spec);
      if (!ok) offending.push(`${file}: ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});
