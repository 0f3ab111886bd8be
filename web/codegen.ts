// GraphQL code generation: types for every document the web client sends, from the committed schema.
// `npm run codegen` writes web/src/api/generated/; `npm run codegen -- --check` (and a unit test) fails when it is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/api/generated/**', '!web/src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/api/generated/': {
      preset: 'client',
      // The client sends documents as strings through api/client.ts; no GraphQL runtime in the bundle.
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        // Custom scalars as they arrive in JSON.
        scalars: {
          DateTimeISO: 'string',
          GeoJSON: "import('geojson').Geometry",
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
