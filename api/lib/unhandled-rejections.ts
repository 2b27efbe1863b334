import type { FastifyBaseLogger } from 'fastify';
import { requestContext } from './request-context.js';

export const UNHANDLED_REJECTION_MESSAGE = 'unhandled promise rejection (a bug; the process keeps running)';

/**
 * What the API does with a promise rejection nobody handled (issue 15): log it loudly with the
 * correlation id of the request that made the promise, when there is one, and count it. Having a
 * listener at all is what keeps Node (default `--unhandled-rejections=throw`) from exiting: one
 * request's orphaned promise must not take down every other request, the worker and the stack.
 */
export function unhandledRejectionHandler(log: FastifyBaseLogger, count: () => void) {
  return (reason: unknown) => {
    count();
    const requestId = requestContext.getStore()?.requestId;
    log.error({ err: reason, ...(requestId ? { reqId: requestId } : {}) }, UNHANDLED_REJECTION_MESSAGE);
  };
}

/** Installs the handler for the life of the app (tests build many apps in one process). */
export function guardUnhandledRejections(log: FastifyBaseLogger, count: () => void): () => void {
  const handler = unhandledRejectionHandler(log, count);
  process.on('unhandledRejection', handler);
  return () => process.off('unhandledRejection', handler);
}
