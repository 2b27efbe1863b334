/**
 * Observability (issue 9): the API's /metrics counts and times requests by route pattern and counts
 * server errors; the worker serves the Temporal SDK runtime's metrics; METRICS_TOKEN guards scraping.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const metricLine = (text: string, name: string, labels: Record<string, string>) =>
  text
    .split('\n')
    .find(
      (l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );

describe('metrics', () => {
  it('counts and times API requests by route pattern, never by raw URL', async () => {
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    for (let i = 0; i < 3; i++)
      await t.app.inject({ url: '/api/v1/contacts?pageSize=1', headers: agent.headers });
    await t.app.inject({
      url: '/api/v1/contacts/00000000-0000-4000-8000-000000000000',
      headers: agent.headers,
    });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    const listed = metricLine(text, 'atlas_http_requests_total', {
      route: '/api/v1/contacts',
      status_code: '200',
    });
    expect(listed).toBeDefined();
    expect(Number(listed!.split(' ').pop())).toBeGreaterThanOrEqual(3);
    expect(
      metricLine(text, 'atlas_http_requests_total', { route: '/api/v1/contacts/:id', status_code: '404' }),
    ).toBeDefined();
    expect(
      metricLine(text, 'atlas_http_request_duration_seconds_bucket', { route: '/api/v1/contacts' }),
    ).toBeDefined();
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(text).toContain('atlas_api_process_resident_memory_bytes');
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const guarded = await buildTestApp({ METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      expect((await guarded.app.inject({ url: '/metrics' })).statusCode).toBe(401);
      const ok = await guarded.app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer scrape-token-0123456789' },
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('outside test mode, /metrics is closed without METRICS_TOKEN and needs it when set', async () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'p'.repeat(40),
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      APP_DB_PASSWORD: 'unused-password',
    };
    const dataDir = `/tmp/atlas-metrics-${process.pid}`;
    for (const mode of [
      { NODE_ENV: 'development', DATA_DIR: dataDir },
      { ...production, DATA_DIR: dataDir },
    ]) {
      const closed = await buildTestApp(mode);
      try {
        const res = await closed.app.inject({ url: '/metrics' });
        expect(res.statusCode, mode.NODE_ENV).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).not.toContain('atlas_http_requests_total');
        const guessed = await closed.app.inject({ url: '/metrics', headers: { authorization: 'Bearer ' } });
        expect(guessed.statusCode, mode.NODE_ENV).toBe(401);
      } finally {
        await closed.close();
      }
      const guarded = await buildTestApp({ ...mode, METRICS_TOKEN: 'scrape-token-0123456789' });
      try {
        expect((await guarded.app.inject({ url: '/metrics' })).statusCode, mode.NODE_ENV).toBe(401);
        const ok = await guarded.app.inject({
          url: '/metrics',
          headers: { authorization: 'Bearer scrape-token-0123456789' },
        });
        expect(ok.statusCode, mode.NODE_ENV).toBe(200);
      } finally {
        await guarded.close();
      }
    }
  });

  it('the worker serves the Temporal SDK metrics', async () => {
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: agent.headers,
      payload: { caseType: 'ACHAT', title: 'Metrics' },
    });
    expect(created.statusCode).toBe(201);
    const scrape = async () => (await fetch(inject('workerMetricsUrl'))).text();
    expect(await scrape()).toMatch(/^temporal_worker_task_slots_available\{/m);
    // Task latencies appear once the SDK has exported the dossier workflow's first task.
    await expect
      .poll(scrape, { timeout: 15_000, interval: 500 })
      .toMatch(/^temporal_workflow_task_schedule_to_start_latency_bucket\{/m);
    expect(await scrape()).toMatch(/^temporal_workflow_task_execution_latency_bucket\{/m);
  });
});
