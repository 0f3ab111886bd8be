// Tests run TypeScript through SWC (with decorator metadata, which type-graphql needs).
const transform = {
  '^.+\\.tsx?$': ['@swc/jest', {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  }],
};

// The vector tile libraries ship only ES modules; jest's CommonJS runtime needs them compiled like our code.
const ESM_PACKAGES = ['@maplibre/vt-pbf', '@maplibre/geojson-vt', '@mapbox/vector-tile', '@mapbox/point-geometry', 'pbf', 'kdbush'];
transform['^.+/node_modules/.+\\.m?js$'] = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  // type-graphql's decorators need the metadata polyfill before any GraphQL type is loaded, whatever a test imports first.
  setupFiles: ['reflect-metadata'],
  transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 180_000,
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/server/src/**/*.test.ts', '<rootDir>/web/src/**/*.test.ts?(x)'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // Its global setup (the web build, once per run) runs only when e2e tests are selected.
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'], globalSetup: '<rootDir>/test/e2e/support/global-setup.ts' },
  ],
};
