// Vite build of the renderer: static files loaded from file:// by Electron and served by browser mode.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    // Not emptied: tsc compiles the renderer's pure modules (route, config drafts, chart layouts) into
    // dist/renderer/src for the unit tests; scripts/build.js removes the old bundles instead.
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    // Plotly is one large module, loaded lazily in its own chunk the first time a chart is shown.
    chunkSizeWarningLimit: 6000,
    // No inline module-preload polyfill: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // react-query marks its modules "use client" (for server-component bundlers); meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
