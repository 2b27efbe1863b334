import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SRC = fileURLToPath(new URL('../node_modules/@refinedev/antd/src/', import.meta.url));
const ALIASES = /^@(components|contexts|definitions|hooks)(\/.*)?$/;

/**
 * Builds @refinedev/antd from the TypeScript sources it ships instead of its one-file bundle. In one
 * module, whatever any lazy page used of it (forms, tables, page headers and their antd components)
 * landed in the entry chunk beside the layout; file by file, each page's chunk carries its own part.
 * The sources import each other through their tsconfig's path aliases, resolved here.
 */
export function refineAntdFromSource(): Plugin {
  return {
    name: 'refine-antd-from-source',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source === '@refinedev/antd') return this.resolve(`${SRC}index.tsx`, importer, options);
      const alias = ALIASES.exec(source);
      if (!alias || !importer?.startsWith(SRC)) return null;
      return this.resolve(`${SRC}${alias[1]}${alias[2] ?? ''}`, importer, options);
    },
  };
}
