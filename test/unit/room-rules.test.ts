/**
 * Issue 18: the rooms' arrows are enforced by the project's own ESLint configuration. Each probe is
 * linted as if it were a file of that room; a forbidden import must be reported, an allowed one not.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

const probes: Array<{ room: string; code: string; forbidden: boolean }> = [
  {
    room: 'db',
    code: `import { buildApp } from '../api/app.js';\nexport const x = buildApp;`,
    forbidden: true,
  },
  {
    room: 'db',
    code: `import { Client } from '@temporalio/client';\nexport const x = Client;`,
    forbidden: true,
  },
  {
    room: 'db',
    code: `import { seedDemo } from '../seed/demo-orgs.js';\nexport const x = seedDemo;`,
    forbidden: true,
  },
  {
    room: 'db',
    code: `import { DomainError } from '../services/domain-error.js';\nexport const x = DomainError;`,
    forbidden: true,
  },
  {
    room: 'db',
    code: `import { checkTransition } from '../definitions/guards.js';\nexport const x = checkTransition;`,
    forbidden: false,
  },
  {
    room: 'services',
    code: `import { buildApp } from '../api/app.js';\nexport const x = buildApp;`,
    forbidden: true,
  },
  {
    room: 'services',
    code: `import { HttpProblem } from '../api/problem.js';\nexport const x = HttpProblem;`,
    forbidden: true,
  },
  {
    room: 'services',
    code: `import type { FastifyRequest } from 'fastify';\nexport type R = FastifyRequest;`,
    forbidden: true,
  },
  {
    room: 'services',
    code: `import { recordAudit } from '../db/audit.js';\nexport const x = recordAudit;`,
    forbidden: false,
  },
  {
    room: 'definitions',
    code: `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;`,
    forbidden: true,
  },
  {
    room: 'definitions',
    code: `import { recordAudit } from '../db/audit.js';\nexport const x = recordAudit;`,
    forbidden: true,
  },
  {
    room: 'workflows',
    code: `import { recordAudit } from '../db/audit.js';\nexport const x = recordAudit;`,
    forbidden: true,
  },
  {
    room: 'workflows',
    code: `import type * as activities from '../activities/index.js';\nexport type A = typeof activities;`,
    forbidden: false,
  },
  {
    room: 'activities',
    code: `import { buildApp } from '../api/app.js';\nexport const x = buildApp;`,
    forbidden: true,
  },
];

describe('room import rules (eslint.config.js)', () => {
  // The probes exist only in memory: the type-aware parser is told to give them a default project.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      {
        files: ['*/__room_probe.ts'],
        languageOptions: {
          parserOptions: {
            projectService: { allowDefaultProject: ['*/__room_probe.ts'] },
            tsconfigRootDir: root,
          },
        },
      },
    ],
  });
  for (const probe of probes) {
    const verdict = probe.forbidden ? 'refuses' : 'allows';
    it(`${probe.room}/ ${verdict}: ${probe.code.split('\n')[0]}`, { timeout: 60_000 }, async () => {
      const [result] = await eslint.lintText(probe.code, {
        filePath: path.join(root, probe.room, '__room_probe.ts'),
      });
      const restricted = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
      expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
      expect(restricted.length > 0).toBe(probe.forbidden);
    });
  }
});
