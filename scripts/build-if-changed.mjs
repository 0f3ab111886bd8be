// `npm start` builds only what changed since the last build: a fingerprint (path, size, mtime) of
// each part's sources is compared with the one stored after its last successful build.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', '.git']);
const common = ['package.json', 'package-lock.json', 'tsconfig.json'];
const parts = [
  { name: 'server', inputs: ['server', 'prisma', 'tsconfig.build.json', ...common], output: 'dist/server/main.js', script: 'build:server' },
  // The web client also bundles the shared rules (#domain/…).
  { name: 'web', inputs: ['web', 'server/src/domain', ...common], output: 'web/dist/index.html', script: 'build:web' },
];

function fingerprint(inputs) {
  const hash = createHash('sha1');
  const visit = (rel) => {
    const abs = path.join(root, rel);
    let stat;
    try { stat = fs.statSync(abs); } catch { return; }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) if (!SKIP.has(name)) visit(path.join(rel, name));
    } else {
      hash.update(`${rel}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  inputs.forEach(visit);
  return hash.digest('hex');
}

const stampDir = path.join(root, 'dist');
for (const part of parts) {
  const stampFile = path.join(stampDir, `.build-${part.name}.stamp`);
  const now = fingerprint(part.inputs);
  const last = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (last === now && fs.existsSync(path.join(root, part.output))) {
    console.log(`${part.name}: unchanged since the last build`);
    continue;
  }
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', part.script], { cwd: root, stdio: 'inherit' });
  fs.mkdirSync(stampDir, { recursive: true });
  fs.writeFileSync(stampFile, now);
}
