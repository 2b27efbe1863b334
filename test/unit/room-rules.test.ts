/**
 * Issue 18: the rooms' arrows are enforced by the project's own ESLint configuration. Each probe is
 * linted as if it were a file of that room; a forbidden import must be reported, an allowed one not.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** `rule`: the ESLint rule that must report (default no-restricted-imports). */
type Probe = { room: string; code: string; forbidden: boolean; rule?: string };

const probes: Probe[] = [
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
  // Issue 16: admin UI screens call the API through the typed client, never by URL string.
  {
    room: 'admin-ui/src/pages',
    code: `import { request } from '../providers/http';\nexport const x = () => request('/x');`,
    forbidden: true,
  },
  {
    room: 'admin-ui/src/pages',
    code: `import { errorMessage, problemOf } from '../providers/http';\nexport const x = [errorMessage, problemOf];`,
    forbidden: false,
  },
  {
    room: 'admin-ui/src/pages',
    code: `import { API_URL } from '../providers/data-provider';\nexport const u = \`\${API_URL}/contacts\`;`,
    forbidden: true,
  },
  {
    room: 'admin-ui/src/pages',
    code: `export const u = '/api/v1/contacts';`,
    forbidden: true,
    rule: 'no-restricted-syntax',
  },
  {
    room: 'admin-ui/src/pages',
    code: `const id = 'a';\nexport const u = \`/api/v1/contacts/\${id}/roles\`;`,
    forbidden: true,
    rule: 'no-restricted-syntax',
  },
  {
    room: 'admin-ui/src/pages',
    code: `import { api } from '../api/client';\nexport const x = () => api.GET('/api/v1/contacts/{id}', { params: { path: { id: 'a' } } });`,
    forbidden: false,
    rule: 'no-restricted-syntax',
  },
  {
    room: 'admin-ui/src/pages',
    code: `import type { Reply } from '../api/client';\nexport type C = Reply<'/api/v1/contacts', 'get'>;`,
    forbidden: false,
    rule: 'no-restricted-syntax',
  },
  {
    room: 'admin-ui/src/pages',
    code: `import { apiPath } from '../api/client';\nexport const u = apiPath('/api/v1/contacts/{id}/timeline', { id: 'a' });`,
    forbidden: false,
    rule: 'no-restricted-syntax',
  },
  {
    room: 'admin-ui/src/providers',
    code: `import { request } from './http';\nexport const x = () => request('/api/v1/auth/me');`,
    forbidden: false,
  },
];

/** The admin UI probes are .tsx files of their folder (the room rules match both extensions). */
const probeFile = (room: string) => `${room}/__room_probe.${room.startsWith('admin-ui') ? 'tsx' : 'ts'}`;
const adminProbes = [
  ...new Set(probes.filter((p) => p.room.startsWith('admin-ui')).map((p) => probeFile(p.room))),
];

describe('room import rules (eslint.config.js)', () => {
  // The probes exist only in memory: the type-aware parser is told to give them a default project.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      {
        files: ['*/__room_probe.ts', ...adminProbes],
        languageOptions: {
          parserOptions: {
            projectService: { allowDefaultProject: ['*/__room_probe.ts', ...adminProbes] },
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
        filePath: path.join(root, probeFile(probe.room)),
      });
      const rule = probe.rule ?? 'no-restricted-imports';
      const restricted = (result?.messages ?? []).filter((m) => m.ruleId === rule);
      expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
      expect(restricted.length > 0).toBe(probe.forbidden);
    });
  }
});
