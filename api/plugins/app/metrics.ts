import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { guardUnhandledRejections } from '../../lib/unhandled-rejections.js';
import { problems } from '../../problem.js';

/**
 * Prometheus metrics of the API at `/metrics`: request rate, latency histograms and server errors by
 * route pattern (never the raw URL, so ids do not explode the series), plus Node's own metrics. One
 * registry per app instance. Scraping needs `Authorization: Bearer <METRICS_TOKEN>`; without a token
 * the endpoint is closed to everyone, except under NODE_ENV=test (metrics name routes and volumes).
 * Promise rejections nobody handled are counted (and logged) here too: the process survives them.
 */
export default fp(async function metrics(app: FastifyInstance) {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'atlas_api_' });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const duration = new Histogram({
    name: 'atlas_http_request_duration_seconds',
    help: 'API request latency by route pattern',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  const requests = new Counter({
    name: 'atlas_http_requests_total',
    help: 'API requests by route pattern and status',
    labelNames,
    registers: [register],
  });
  const errors = new Counter({
    name: 'atlas_http_server_errors_total',
    help: 'API answers with a 5xx status, by route pattern',
    labelNames: ['method', 'route'] as const,
    registers: [register],
  });
  const unhandled = new Counter({
    name: 'atlas_unhandled_rejections_total',
    help: 'Promise rejections nobody handled (each a bug, logged with its request id; the process survives)',
    registers: [register],
  });
  const unguard = guardUnhandledRejections(app.log, () => unhandled.inc());
  app.addHook('onClose', async () => unguard());

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    duration.observe(labels, reply.elapsedTime / 1000);
    requests.inc(labels);
    if (reply.statusCode >= 500) errors.inc({ method: request.method, route });
  });

  const token = app.env.METRICS_TOKEN;
  const open = !token && app.env.NODE_ENV === 'test';
  if (!token && !open) app.log.warn('METRICS_TOKEN is not set: /metrics refuses every scrape');
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!open) {
      const given = Buffer.from(request.headers.authorization ?? '');
      const expected = Buffer.from(`Bearer ${token ?? ''}`);
      if (!token || given.length !== expected.length || !timingSafeEqual(given, expected))
        throw problems.unauthorized('The metrics endpoint needs its bearer token.');
    }
    return reply.type(register.contentType).send(await register.metrics());
  });
});
