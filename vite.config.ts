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
  // MapLibre's worker with the tile loader (dashboard/src/map.worker.ts): an ES module, named .mjs so that MapLibre
  // starts it as a module worker
  worker: { format: 'es', rolldownOptions: { output: { entryFileNames: 'assets/[name]-[hash].mjs' } } },
  logLevel: 'warn',
});
