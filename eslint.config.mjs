// ESLint for the whole tree (server, web, tests, scripts): typescript-eslint's recommended rules,
// and React's hook rules for the web client. `npm run lint`; `.ci/run` calls it before the tests.
// Type-aware rules (a forgotten promise: no-floating-promises, no-misused-promises) only for the
// server's and the web's own code, not tests, scripts or the bench: type information for the whole
// tree (five programs) took 3.5 min; for these two programs it costs far less (README, "Lint").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'web/dist/', 'server/src/generated/', 'web/src/api/generated/', 'test-output/', 'data/', 'coverage/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Server and tests: pg/PGlite rows, parsed files and GraphQL replies are untyped at their edges
      // and narrowed where they are read; typing each would be a rewrite. The web client has none (below).
      '@typescript-eslint/no-explicit-any': 'off',
      // `_name` marks a parameter or binding kept for its position (callbacks, destructuring to omit a key).
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true,
      }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // The React Compiler's rules (we do not use the compiler) are on with the rest, `refs` and
      // `set-state-in-effect` included: handlers registered once read the latest values through
      // useEffectEvent, and loaded data comes from useLoad (api/useLoad.ts) with a derived loading state.
    },
  },
  {
    files: ['server/src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // CommonJS files (jest's configuration and global setup load before any transform).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // Scripts whose functions run inside the browser page (page.evaluate).
    files: ['web/scripts/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
