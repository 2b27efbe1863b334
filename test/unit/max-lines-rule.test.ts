/**
 * Issue 18: no source file over ~400 lines outside data and translations. The rule is in the project's
 * own ESLint configuration; data files (locales, generated API types, dictionary defaults, migrations)
 * are out of it, and the whole tree passes `npm run lint`.
 */
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });
const maxLines = async (file: string) =>
  ((await eslint.calculateConfigForFile(file)) as { rules: Record<string, unknown> }).rules['max-lines'];

describe('max-lines (eslint.config.js)', () => {
  it.each([
    'services/crm/contact-lifecycle.ts',
    'api/routes/v1/dossiers/index.ts',
    'db/orm.ts',
    'workflows/dossier-lifecycle.ts',
    'admin-ui/src/App.tsx',
  ])('holds %s to 400 lines of code', async (file) => {
    expect(await maxLines(file)).toEqual([2, { max: 400, skipBlankLines: true, skipComments: true }]);
  });

  it.each([
    'admin-ui/src/api/schema.d.ts',
    'admin-ui/src/i18n/locales/common.ts',
    'definitions/dictionary-defaults.ts',
  ])('leaves the data file %s out', async (file) => {
    expect(await maxLines(file)).toBeUndefined();
  });

  it('refuses a 401-line service', async () => {
    const code = Array.from({ length: 401 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    const lint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.js'], rules: { 'max-lines': (await maxLines('services/x.ts')) as Linter.RuleEntry } },
      ],
    });
    const [result] = await lint.lintText(code, { filePath: `${root}services/__probe.js` });
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['max-lines']);
  });
});
