import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../api/plugins/app/errors.js';
import { parseSort } from '../../api/lib/list.js';
import { HttpProblem } from '../../api/problem.js';
import { ConfigError, loadEnv } from '../../config/env.js';
import { diffSnapshots } from '../../db/audit.js';
import { appDatabaseUrl } from '../../db/migrate.js';
import { hashPassword, verifyPassword } from '../../db/passwords.js';

describe('env', () => {
  it('applies defaults in development and a development JWT secret', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-env-'));
    const env = loadEnv({ NODE_ENV: 'development', DATA_DIR: dataDir });
    rmSync(dataDir, { recursive: true });
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe('development');
    expect(env.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });
  it('requires secrets and real services in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        DATABASE_URL: 'postgres://a@b/c',
        TEMPORAL_ADDRESS: 't:7233',
      }),
    ).toThrow(/APP_DB_PASSWORD/);
    const env = loadEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://a@b/c',
      TEMPORAL_ADDRESS: 't:7233',
      APP_DB_PASSWORD: 'secret',
      CONFIG_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(env.TEMPORAL_ADDRESS).toBe('t:7233');
  });
  it('refuses malformed values', () => {
    expect(() => loadEnv({ PORT: 'abc' })).toThrow();
    expect(() => loadEnv({ JWT_SECRET: 'short' })).toThrow();
  });
});

describe('helpers', () => {
  it('diffs snapshots field by field, ignoring bookkeeping', () => {
    expect(diffSnapshots({ a: 1, b: 'x', version: 1 }, { a: 2, b: 'x', c: true, version: 2 })).toEqual({
      a: { from: 1, to: 2 },
      c: { from: null, to: true },
    });
    expect(diffSnapshots(null, { a: [1] })).toEqual({ a: { from: null, to: [1] } });
  });

  it('turns ajv issues into field errors', () => {
    expect(
      fieldErrors(
        [
          { instancePath: '', keyword: 'required', params: { missingProperty: 'email' } },
          { instancePath: '/roles/0', keyword: 'enum', params: { allowedValues: ['A', 'B'] }, message: 'x' },
          { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'foo' } },
          { instancePath: '/page', keyword: 'minimum', params: {}, message: 'must be >= 1' },
        ],
        'body',
      ),
    ).toEqual([
      { field: 'email', message: 'is required', code: 'REQUIRED', params: { missingProperty: 'email' } },
      {
        field: 'roles.0',
        message: 'must be one of: A, B',
        code: 'ENUM',
        params: { allowedValues: ['A', 'B'] },
      },
      {
        field: 'foo',
        message: 'is not an accepted field',
        code: 'ADDITIONAL_PROPERTIES',
        params: { additionalProperty: 'foo' },
      },
      { field: 'page', message: 'must be >= 1', code: 'MINIMUM', params: {} },
    ]);
  });

  it('parses sort expressions against an allow-list', () => {
    expect(parseSort('-createdAt,email', ['email', 'createdAt'], {})).toEqual({
      createdAt: 'desc',
      email: 'asc',
    });
    expect(parseSort(undefined, ['email'], { email: 'asc' })).toEqual({ email: 'asc' });
    expect(() => parseSort('password', ['email'], {})).toThrow(HttpProblem);
  });

  it('derives the application role URL from the owner URL', () => {
    expect(
      appDatabaseUrl('postgres://postgres:pw@db:5432/atlas?sslmode=require', {
        user: 'atlas_app',
        password: 'p@ss',
      }),
    ).toBe('postgres://atlas_app:p%40ss@db:5432/atlas?sslmode=require');
  });

  it('hashes passwords with scrypt and verifies them', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
