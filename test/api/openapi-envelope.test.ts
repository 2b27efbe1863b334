/**
 * One shape for every answer (issue 16), checked on `/docs/json` across every operation: lists take
 * `page`, `pageSize` (bounded) and `sort` and answer `{ data, total }` (or the cursor form
 * `{ data, total, nextCursor }`); every other answer is the resource itself, never a wrapper such as
 * `{ entry }` or `{ appointment, warnings }`; and every object schema a 2xx answer can reach lists
 * what is always there in `required`. The precise rules are in `test/helpers/openapi-envelope.ts`.
 */
import { Client, Connection } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import atlasApp from '../../api/app.js';
import { fastifyOptions } from '../../api/fastify-options.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { testEnv } from '../helpers/app.js';
import { envelopeOperations, envelopeViolations, isList } from '../helpers/openapi-envelope.js';
import { loadOpenApi, type OpenApiDoc } from '../helpers/openapi.js';

let app: FastifyInstance;
let orm: Orm;
let connection: Connection;
let doc: OpenApiDoc;

beforeAll(async () => {
  const env = testEnv();
  orm = await createOrm(inject('appUrl'), 2);
  connection = await Connection.connect({ address: inject('temporalAddress') });
  app = Fastify(fastifyOptions(env, false));
  await app.register(atlasApp, { env, orm, temporal: new Client({ connection }) });
  await app.ready();
  doc = await loadOpenApi(app);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await connection?.close();
  await orm?.close(true);
});

describe('one shape for every answer', () => {
  it('finds the lists and the resources it checks', () => {
    const ops = envelopeOperations(doc).filter((op) => op.schema);
    expect(ops.filter((op) => isList(doc, op)).length).toBeGreaterThan(40);
    expect(ops.filter((op) => !isList(doc, op)).length).toBeGreaterThan(80);
  });

  it('every list takes page, a bounded pageSize and sort, and answers { data, total }', () => {
    expect(envelopeViolations(doc).lists).toEqual([]);
  });

  it('every other answer is the resource itself, not a wrapper around it', () => {
    expect(envelopeViolations(doc).wrappers).toEqual([]);
  });

  it('every object schema a 2xx answer reaches says in `required` what is always there', () => {
    expect(envelopeViolations(doc).required).toEqual([]);
  });
});
