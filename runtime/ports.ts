import type { Env } from '../config/env.js';
import { isPortFree } from './postgres.js';

export interface PortClaim {
  port: number;
  host: string;
  what: string;
  /** The environment variable that moves it. */
  variable: string;
}

/** The ports `npm start` will listen on with this environment (Temporal's only when it starts it). */
export function portsToClaim(env: Env): PortClaim[] {
  const claims: PortClaim[] = [
    { port: env.PORT, host: env.HOST, what: 'the API and admin UI', variable: 'PORT' },
  ];
  if (!env.TEMPORAL_ADDRESS) {
    claims.push({
      port: env.TEMPORAL_DEV_PORT,
      host: '127.0.0.1',
      what: 'the Temporal dev server',
      variable: 'TEMPORAL_DEV_PORT',
    });
    claims.push({
      port: env.TEMPORAL_UI_PORT,
      host: '127.0.0.1',
      what: 'the Temporal UI',
      variable: 'TEMPORAL_UI_PORT',
    });
  }
  const metrics = env.WORKER_METRICS_ADDRESS;
  if (metrics) {
    const at = metrics.lastIndexOf(':');
    claims.push({
      port: Number(metrics.slice(at + 1)),
      host: metrics.slice(0, at) || '127.0.0.1',
      what: "the worker's metrics",
      variable: 'WORKER_METRICS_ADDRESS (empty turns it off)',
    });
  }
  return claims;
}

/** One line per port already taken, naming what needs it and the variable that moves it. */
export async function takenPorts(env: Env): Promise<string[]> {
  const lines: string[] = [];
  for (const c of portsToClaim(env))
    if (!(await isPortFree(c.port, c.host)))
      lines.push(`port ${c.port} (${c.what}) is already in use — set ${c.variable} to move it`);
  return lines;
}
