import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { TEST_TASK_QUEUE } from '../helpers/constants.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('health and docs', () => {
  it('reports the database and Temporal reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.database.ok).toBe(true);
    expect(body.temporal.ok).toBe(true);
  });

  it('reports 503 with the failing part when Temporal is unreachable', async () => {
    await t.temporal.connection.close();
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().temporal.ok).toBe(false);
    expect(res.json().database.ok).toBe(true);
    t = await buildTestApp();
  });

  it('serves the OpenAPI document with shared schemas and a schema on every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.schemas.Problem).toBeDefined();
    // The low-code language is documented for integrators: definitions and the facts guards read.
    expect(doc.components.schemas.GuardFacts.properties.dossier).toBeDefined();
    expect(doc.components.schemas.WorkflowDefinitionBody.properties.states).toBeDefined();
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    for (const [path, ops] of Object.entries<Record<string, { responses?: object }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method} ${path} has responses`).toBeDefined();
      }
    }
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('sets security headers and echoes the correlation id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'corr-123' },
    });
    expect(res.headers['x-request-id']).toBe('corr-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('runs a workflow on the worker that reaches the database', async () => {
    const result = await t.temporal.workflow.execute('workerProbe', {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: `probe-${Date.now()}`,
      args: [],
    });
    expect(new Date(result as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
