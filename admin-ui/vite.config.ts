import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';
const proxy = { '/api': apiTarget, '/health': apiTarget };

/**
 * The libraries every page needs go to long-cacheable chunks; everything else (charts, drag and drop,
 * graphs, the query builder and their dependencies) is left to Rollup, so it follows the lazy route
 * chunks that use it instead of weighing on the first page.
 */
const CORE =
  /\/node_modules\/(react|react-dom|scheduler|react-router|i18next|react-i18next|@babel\/runtime)\//;

function vendorChunk(id: string): string | undefined {
  const path = id.replace(/\\/g, '/');
  if (!path.includes('/node_modules/')) return undefined;
  return CORE.test(path) ? 'vendor' : undefined;
}

export default defineConfig({
  root,
  base: '/',
  // A .br and a .gz beside each text file, at the highest levels (once, at build time), which the API
  // serves to whoever accepts them (@fastify/static preCompressed) instead of compressing per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { output: { manualChunks: vendorChunk } },
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { proxy },
});
