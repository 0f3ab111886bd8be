import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Build: npx vite build --config web/vite.config.mts  (output: web/dist, served by the server at /)
// Dev:   npx vite --config web/vite.config.mts        (proxies the API to the server on :4000)
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.CHIZU_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // MapLibre alone is ~800 kB minified; it is split into its own chunk loaded after login.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The map app and the print pages share MapLibre: one chunk named for what it is.
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ }] } },
    },
  },
  server: {
    proxy: {
      '/graphql': api,
      '/api': api,
      '/tiles': api,
    },
  },
});
