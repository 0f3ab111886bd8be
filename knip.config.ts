// knip: files, exports and dependencies nothing uses. `npm run knip`; `.ci/run` calls it before the tests.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // The server and its command-line tools (package.json runs them from dist/).
    'server/src/main.ts',
    'server/src/schema.ts',
    'server/src/seed/main.ts',
    'server/src/backup/main.ts',
    'server/src/modules/auth/create-admin.ts',
    'server/src/modules/imports/import-cli.ts',
    'server/src/modules/exports/export-cli.ts',
    'server/src/modules/public/public-export.ts',
    // The bench and the processes it starts.
    'test/bench/{bench,import,peer,serve,abuse,raster,fastpath,floor}.ts',
    'scripts/*.mjs',
    'web/scripts/*.mjs',
  ],
  project: ['server/src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'test/**/*.{ts,js}', 'scripts/*.mjs', 'web/scripts/*.mjs'],
  // A constant or helper exported for tests or a sibling and also used in its own file is fine.
  ignoreExportsUsedInFile: true,
  // Written by graphql-codegen (npm run codegen), checked for drift by a test, never edited.
  ignore: ['web/src/api/generated/**'],
  // The generated Prisma client (git-ignored, so knip does not read it) is what imports @prisma/client.
  ignoreDependencies: ['@prisma/client'],
  // Debian tools installed by apt (.ci/run), not npm: GDAL and poppler in tests.
  ignoreBinaries: ['ogrinfo', 'ogr2ogr', 'pdftotext', 'pdfinfo'],
};

export default config;
