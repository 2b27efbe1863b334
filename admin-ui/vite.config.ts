import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { refineAntdFromSource } from './refine-antd-source';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';
const proxy = { '/api': apiTarget, '/health': apiTarget };

/**
 * The libraries every page needs go to long-cacheable chunks; everything else (charts, drag and drop,
 * graphs, the query builder and their dependencies) is left to Rollup, so it follows the lazy route
 * chunks that use it instead of weighing on the first page.
 */
const CORE = /^(react|react-dom|scheduler|react-router|i18next|react-i18next|@babel\/runtime)\//;

/** Only top-level copies: one nested in another package (…/query-builder/node_modules/@babel/runtime) follows its owner. */
function vendorChunk(id: string): string | undefined {
  const parts = id.replace(/\\/g, '/').split('/node_modules/');
  return parts.length === 2 && CORE.test(parts[1]!) ? 'vendor' : undefined;
}

export default defineConfig({
  root,
  base: '/',
  // A .br and a .gz beside each text file, at the highest levels (once, at build time), which the API
  // serves to whoever accepts them (@fastify/static preCompressed) instead of compressing per request.
  plugins: [refineAntdFromSource(), react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // .vite/manifest.json: the chunk graph the bundle-size budget (test/unit/bundle-budget.test.ts) reads.
    manifest: true,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // Refine's List/Show/Edit/Create import their buttons through the barrel that re-exports them;
        // across chunks that cycle only holds components, read at render time, never while modules
        // initialise (test/e2e/ui-performance.test.ts opens such pages). Kept in one chunk, they would
        // drag most of antd into the entry.
        if (
          warning.code === 'CYCLIC_CROSS_CHUNK_REEXPORT' &&
          warning.message.includes('@refinedev/antd/src/')
        )
          return;
        warn(warning);
      },
    },
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { proxy },
});
