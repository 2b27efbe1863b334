import { describe, expect, it } from 'vitest';
import { definitionProblemsAr } from '../../admin-ui/src/i18n/locales/definition-problems-ar.js';
import {
  definitionProblemsEn,
  definitionProblemsFr,
} from '../../admin-ui/src/i18n/locales/definition-problems.js';
import { validateDefinition } from '../../definitions/validate-definition.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

describe('studio validation problems carry what their sentence names', () => {
  it('a dead end, a zero timer and an unreachable state come with params every language fills', () => {
    const def = {
      caseType: 'ACHAT',
      name: { fr: 'Achat' },
      states: [
        { code: 'NEW', initial: true },
        { code: 'QUALIFIED', timers: [{ after: 'P0D', action: 'remindAgent' }] },
        { code: 'VISIT' },
        { code: 'WON', terminal: true, reasonType: 'WON' },
      ],
      transitions: [
        { from: 'NEW', to: 'QUALIFIED' },
        { from: 'NEW', to: 'WON' },
      ],
    } as unknown as WorkflowDefinitionBody;
    const { errors } = validateDefinition(def, { statusCodes: ['NEW', 'QUALIFIED', 'VISIT', 'WON'] });
    const paramsOf = (code: string) => errors.filter((e) => e.code === code).map((e) => e.params);
    expect(paramsOf('DEAD_END')).toEqual([{ state: 'QUALIFIED' }, { state: 'VISIT' }]);
    expect(paramsOf('INVALID_DURATION')).toEqual([{ state: 'QUALIFIED', value: 'P0D' }]);
    expect(paramsOf('UNREACHABLE_STATE')).toEqual([{ state: 'VISIT', initial: 'NEW' }]);
    for (const e of errors) {
      for (const phrases of [definitionProblemsFr, definitionProblemsEn, definitionProblemsAr]) {
        const text = phrases[e.code as keyof typeof definitionProblemsFr];
        expect(text, e.code).toBeDefined();
        for (const name of placeholders(text))
          expect(e.params, `${e.code} {{${name}}}`).toHaveProperty(name!);
      }
    }
  });
});
