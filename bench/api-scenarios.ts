/**
 * API overhead (issue 9): requests per second at 50 connections with autocannon on an authenticated
 * read by id (JWT, live permission lookup, tenant transaction with RLS, one row) against a bare
 * Fastify route answering a similar JSON document on the same machine in the same run.
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';

interface Ctx {
  base: string;
  quick: boolean;
  log: (m: string) => void;
}

interface CannonSummary {
  requestsPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function cannon(url: string, headers: Record<string, string>, seconds: number): Promise<CannonSummary> {
  const r = await autocannon({ url, connections: 50, duration: seconds, headers });
  return {
    requestsPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

export async function apiScenarios({ base, quick, log }: Ctx) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@demo.test', password: 'demo1234', org: 'demo' }),
  });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/v1/contacts`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      firstName: 'Bench',
      lastName: 'Overhead',
      email: `bench.${Date.now()}@example.test`,
    }),
  });
  const contact = (await created.json()) as Record<string, unknown>;

  const bare = Fastify({ logger: false });
  bare.get('/contacts/:id', async () => contact);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const address = bare.server.address();
  const bareBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const seconds = quick ? 2 : 10;
    log(`API overhead: autocannon, 50 connections, ${seconds} s each…`);
    const atlas = await cannon(`${base}/api/v1/contacts/${String(contact.id)}`, auth, seconds);
    const bareRoute = await cannon(`${bareBase}/contacts/${String(contact.id)}`, {}, seconds);
    return {
      authenticatedReadById: atlas,
      bareFastify: bareRoute,
      overheadRatio: Math.round((bareRoute.requestsPerSec / Math.max(1, atlas.requestsPerSec)) * 10) / 10,
    };
  } finally {
    await bare.close();
  }
}
