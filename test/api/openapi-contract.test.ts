/**
 * The OpenAPI document as an integrator meets it (issue 16): standard validators find 0 errors
 * (@apidevtools/swagger-parser, Redocly's recommended rules, Spectral's spectral:oas); every operation
 * has a unique operationId, a summary, a declared tag and a documented 2xx; and what the document
 * says of each body and query string is exactly what the API validates with ajv.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Client, Connection } from '@temporalio/client';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import atlasApp from '../../api/app.js';
import { fastifyOptions } from '../../api/fastify-options.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { testEnv } from '../helpers/app.js';

type Json = Record<string, unknown>;
interface Doc {
  openapi: string;
  tags?: { name: string }[];
  servers?: unknown[];
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
}

const run = promisify(execFile);
const bin = (name: string) => path.resolve('node_modules/.bin', name);
let app: FastifyInstance;
let orm: Orm;
let connection: Connection;
let doc: Doc;
let dir: string;
let file: string;
const routes: RouteOptions[] = [];

beforeAll(async () => {
  const env = testEnv();
  orm = await createOrm(inject('appUrl'), 2);
  connection = await Connection.connect({ address: inject('temporalAddress') });
  app = Fastify(fastifyOptions(env, false));
  app.addHook('onRoute', (route) => void routes.push(route));
  await app.register(atlasApp, { env, orm, temporal: new Client({ connection }) });
  await app.ready();
  doc = (await app.inject({ url: '/docs/json' })).json<Doc>();
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-openapi-'));
  file = path.join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
}, 60_000);
afterAll(async () => {
  await app?.close();
  await connection?.close();
  await orm?.close(true);
  rmSync(dir, { recursive: true, force: true });
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })),
  );

describe('the OpenAPI document passes standard validators', () => {
  it('is OpenAPI 3.1 with servers, and @apidevtools/swagger-parser validates it', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers?.length).toBeGreaterThan(0);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('Redocly (recommended) reports 0 errors', async () => {
    const out = await run(bin('redocly'), ['lint', file, '--format=json', '--extends=recommended'], {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((err: { stdout: string }) => err);
    const report = JSON.parse(out.stdout) as {
      problems: { severity: string; ruleId: string; message: string }[];
    };
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  }, 120_000);

  it("Spectral's spectral:oas reports 0 errors", async () => {
    const ruleset = path.join(dir, '.spectral.yaml');
    writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');
    const out = await run(bin('spectral'), ['lint', file, '-r', ruleset, '-f', 'json', '--quiet'], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: { stdout: string }) => err);
    const results = JSON.parse(out.stdout || '[]') as { severity: number; code: string; path: string[] }[];
    const errors = results.filter((r) => r.severity === 0);
    expect(errors.map((r) => `${r.code} at ${r.path.join('.')}`)).toEqual([]);
  }, 120_000);
});

describe('every operation is documented for a client generator', () => {
  it('has a unique camelCase operationId, a summary, a declared tag and a documented 2xx', () => {
    const declared = new Set((doc.tags ?? []).map((t) => t.name));
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const { key, op } of operations()) {
      const id = op.operationId as string | undefined;
      if (!id || !/^[a-z][A-Za-z0-9]+$/.test(id)) problems.push(`${key}: operationId ${id}`);
      else if (ids.has(id)) problems.push(`${key}: operationId ${id} also on ${ids.get(id)}`);
      else ids.set(id, key);
      if (!op.summary) problems.push(`${key}: no summary`);
      const tags = (op.tags as string[] | undefined) ?? [];
      if (!tags.length || tags.some((t) => !declared.has(t))) problems.push(`${key}: tags ${tags.join()}`);
      const responses = (op.responses ?? {}) as Record<string, Json>;
      const ok = Object.entries(responses).filter(([code]) => code.startsWith('2'));
      if (!ok.length) problems.push(`${key}: no 2xx`);
      for (const [code, r] of ok) {
        if (!r.description || r.description === 'Default Response')
          problems.push(`${key}: ${code} undescribed`);
        if (code !== '204' && !r.content) problems.push(`${key}: ${code} has no content schema`);
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(150);
  });
});

/** Inlines $refs (route: `Name#`, document: `#/components/schemas/Name`) and drops annotations. */
function normalise(schema: unknown, lookup: (ref: string) => unknown, seen: string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => normalise(s, lookup, seen));
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    if (seen.includes(s.$ref))
      return { $cycle: s.$ref.replace(/^#\/components\/schemas\//, '').replace(/#$/, '') };
    return normalise(lookup(s.$ref), lookup, [...seen, s.$ref]);
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(s))
    if (!['$id', 'description', 'title', 'example', 'examples'].includes(k))
      out[k] = normalise(v, lookup, seen);
  // @fastify/swagger writes `const: x` as the equivalent `enum: [x]`.
  if ('const' in out) {
    out.enum = [out.const];
    delete out.const;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

describe('the document says what ajv validates', () => {
  it('each JSON body and query parameter schema equals the one the route validates with', () => {
    const routeRef = (ref: string) => app.getSchema(ref.replace(/#$/, ''));
    const docRef = (ref: string) => doc.components.schemas[ref.replace('#/components/schemas/', '')];
    const mismatches: string[] = [];
    let compared = 0;
    for (const route of routes) {
      const schema = route.schema as Json | undefined;
      if (!schema || schema.hide) continue;
      const url = route.url.replace(/:(\w+)/g, '{$1}');
      for (const method of [route.method].flat()) {
        const op = doc.paths[url]?.[method.toLowerCase()];
        if (!op) continue;
        if (schema.body) {
          const documented = (op.requestBody as Json | undefined)?.content as
            Record<string, Json> | undefined;
          const want = normalise(schema.body, routeRef);
          const got = normalise(documented?.['application/json']?.schema, docRef);
          compared++;
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            mismatches.push(`${method} ${url} body`);
            if (process.env.CONTRACT_DEBUG)
              console.log(`GOT ${JSON.stringify(got)}\nWANT ${JSON.stringify(want)}`);
          }
        }
        const query = schema.querystring as Json | undefined;
        const props = (normalise(query, routeRef) as Json | undefined)?.properties as Record<string, unknown>;
        for (const [name, want] of Object.entries(props ?? {})) {
          const param = ((op.parameters ?? []) as Json[]).find((p) => p.in === 'query' && p.name === name);
          compared++;
          if (JSON.stringify(normalise(param?.schema, docRef)) !== JSON.stringify(want))
            mismatches.push(`${method} ${url} ?${name}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });
});
