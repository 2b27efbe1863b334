// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noEagerPromise from './eslint-rules/no-eager-promise.js';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.data',
      '.tools',
      'admin-ui/dist',
      'coverage',
      'db/migrations/*.json',
      'test/fixtures/lint',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Issue 15: no promise (query, call) started before the decision that may discard it.
    files: [
      'api/**/*.ts',
      'services/**/*.ts',
      'db/**/*.ts',
      'activities/**/*.ts',
      'worker/**/*.ts',
      'runtime/**/*.ts',
      'scripts/**/*.ts',
    ],
    plugins: { atlas: { rules: { 'no-eager-promise': noEagerPromise } } },
    rules: { 'atlas/no-eager-promise': 'error' },
  },
  {
    // Workflow code is replayed deterministically inside Temporal's sandbox: no Node built-ins, no I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((m) => [
            { name: m, message: 'Node built-ins are not allowed in workflow code.' },
            { name: `node:${m}`, message: 'Node built-ins are not allowed in workflow code.' },
          ]),
          patterns: [
            {
              group: ['../activities/*', '../db/*', '../api/*'],
              message: 'Workflows import activities with `import type` only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', console: 'readonly', process: 'readonly' } },
  },
);
