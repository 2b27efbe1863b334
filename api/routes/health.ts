import type { FastifyInstance } from 'fastify';

async function probe(
  fn: () => Promise<unknown>,
  timeoutMs = 2000,
): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const check = {
  type: 'object',
  description: '`error` only when the check failed',
  required: ['ok', 'latencyMs'],
  properties: { ok: { type: 'boolean' }, latencyMs: { type: 'integer' }, error: { type: 'string' } },
} as const;

export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['ops'],
        summary: 'Database and Temporal reachability (503 when either is down)',
        security: [],
        response: {
          200: {
            type: 'object',
            required: ['status', 'database', 'temporal'],
            properties: { status: { type: 'string' }, database: check, temporal: check },
          },
          503: {
            type: 'object',
            required: ['status', 'database', 'temporal'],
            properties: { status: { type: 'string' }, database: check, temporal: check },
          },
        },
      },
    },
    async (_request, reply) => {
      const [database, temporal] = await Promise.all([
        probe(() => app.orm.em.fork().execute('select 1')),
        probe(async () => {
          if (!app.temporal) throw new Error('no Temporal client configured');
          await app.temporal.connection.workflowService.getSystemInfo({});
        }),
      ]);
      const ok = database.ok && temporal.ok;
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, temporal });
    },
  );
}
