/**
 * Is this error "the database cannot be reached right now" (stopped, restarting, network cut, pool
 * starved) rather than a bug? Those answer 503 with Retry-After instead of a 500: the client did
 * nothing wrong and may retry; the transaction was rolled back, so nothing half-landed.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  // statement_timeout (query_canceled) and idle_in_transaction_session_timeout: the database gave up
  // on a statement or transaction that took too long (lock wait, overload), not the client's mistake.
  '57014',
  '25P03',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|connect ECONNREFUSED|Timeout acquiring a connection|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
    if (e.name === 'ConnectionException' || e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
    e = (e.cause ?? e.previous) as Record<string, unknown> | undefined;
  }
  return false;
}
