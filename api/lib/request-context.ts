import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of asynchronous work belongs to. Node runs an `unhandledRejection` listener in
 * the async context of the rejected promise, so a promise orphaned by a request still names it.
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();
