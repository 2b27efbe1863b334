import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';
const proxy = { '/api': apiTarget, '/health': apiTarget };

/** Split big vendor libraries into their own long-cacheable chunks. */
function vendorChunk(id: string): string | undefined {
  const path = id.replace(/\\/g, '/');
  if (!path.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(antd|@ant-design|rc-[^/]+|@rc-component)\//.test(path)) return 'antd';
  if (/\/node_modules\/(@refinedev|@tanstack)\//.test(path)) return 'refine';
  return 'vendor';
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { output: { manualChunks: vendorChunk } },
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { proxy },
});
