/**
 * Issue 15: the lint rule that keeps a promise from being started before the decision that may
 * discard it. The fixture holds the exact shape that crashed the API plus its variants; each line
 * it marks `// flagged: <message>` must be reported, and nothing else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import noEagerPromise from '../../eslint-rules/no-eager-promise.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = 'test/fixtures/lint/eager-promise.ts';

function expectedReports(): { line: number; messageId: string }[] {
  return readFileSync(path.join(root, fixture), 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = /\/\/ flagged: (\w+)/.exec(text);
      return m ? [{ line: i + 1, messageId: m[1]! }] : [];
    });
}

describe('atlas/no-eager-promise', () => {
  it('reports every marked shape of the fixture and nothing else', { timeout: 60_000 }, async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { projectService: true, tsconfigRootDir: root },
          },
          plugins: { atlas: { rules: { 'no-eager-promise': noEagerPromise } } },
          rules: { 'atlas/no-eager-promise': 'error' },
        },
      ],
    });
    const [result] = await eslint.lintFiles([fixture]);
    const reported = result!.messages.map((m) => ({ line: m.line, messageId: m.messageId }));
    const expected = expectedReports();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
    expect(reported).toEqual(expected);
  });

  it('is on in the project config for api/, services/, db/, activities/, worker/, runtime/ and scripts/', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const file of [
      'api/services/dossiers.ts',
      'services/platform/document-access.ts',
      'db/orm.ts',
      'activities/index.ts',
      'worker/index.ts',
      'runtime/stack.ts',
      'scripts/start.ts',
    ]) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules: Record<string, unknown> };
      expect(config.rules['atlas/no-eager-promise'], file).toEqual([2]);
    }
  });
});
