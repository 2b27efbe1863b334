import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const UI_DIST = fileURLToPath(new URL('../admin-ui/dist/', import.meta.url));

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export function readManifest(dist = UI_DIST): Manifest {
  const file = path.join(dist, '.vite/manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build:ui`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The JS files a chunk needs before it runs: itself and its static imports, transitively. */
export function staticClosure(manifest: Manifest, keys: string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  keys.forEach(visit);
  return [...files];
}

/** Bytes on the wire for a browser that accepts brotli (the .br the build wrote; the file if none). */
export function brotliBytes(files: string[], dist = UI_DIST): number {
  return files.reduce((sum, file) => {
    const br = path.join(dist, `${file}.br`);
    return sum + statSync(existsSync(br) ? br : path.join(dist, file)).size;
  }, 0);
}

export function entryKey(manifest: Manifest): string {
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the manifest');
  return entry[0];
}

/** JS of the entry and of a lazy page (by its source path) for a cold load of that page. */
export function pageLoad(pageSrc: string, dist = UI_DIST) {
  const manifest = readManifest(dist);
  const entry = staticClosure(manifest, [entryKey(manifest)]);
  const page = staticClosure(manifest, [entryKey(manifest), pageSrc]);
  return {
    entryFiles: entry.length,
    entryBytes: brotliBytes(entry, dist),
    pageFiles: page.length,
    pageBytes: brotliBytes(page, dist),
  };
}
