import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The dashboard is a static app: root dashboard/, relative base so dist/ works from any subpath.
export default defineConfig({
  root: fileURLToPath(new URL('./dashboard', import.meta.url)),
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
  // the tile loader MapLibre imports into its workers (dashboard/src/tiles.worker.ts): an ES module, named .mjs so
  // that MapLibre imports it as a module
  worker: { format: 'es', rolldownOptions: { output: { entryFileNames: 'assets/[name]-[hash].mjs' } } },
  logLevel: 'warn',
});
