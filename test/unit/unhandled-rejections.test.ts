/**
 * Issue 15: an unhandled rejection is logged with the request that made the promise, counted, and
 * does not end the process.
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requestContext } from '../../api/lib/request-context.js';
import {
  UNHANDLED_REJECTION_MESSAGE,
  unhandledRejectionHandler,
} from '../../api/lib/unhandled-rejections.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino(stream), lines };
}

describe('unhandled rejection handler', () => {
  it('logs the reason with the request id of the context it runs in, and counts', () => {
    const { log, lines } = capturingLogger();
    let counted = 0;
    const handle = unhandledRejectionHandler(log, () => counted++);
    requestContext.run({ requestId: 'req-42' }, () => handle(new Error('transaction already ended')));
    handle('a string reason, outside any request');
    expect(counted).toBe(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: UNHANDLED_REJECTION_MESSAGE,
      reqId: 'req-42',
      err: { type: 'Error', message: 'transaction already ended' },
    });
    expect(lines[1]).toMatchObject({ level: 50, err: 'a string reason, outside any request' });
    expect(lines[1]).not.toHaveProperty('reqId');
  });

  it('as the process listener: a promise orphaned by a request names it, and the process lives on', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/process/orphaned-rejection.ts'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: UNHANDLED_REJECTION_MESSAGE,
        reqId: 'req-orphan-1',
        err: expect.objectContaining({ message: 'orphaned query failed' }),
      }),
    );
    expect(lines.at(-1)).toEqual({ survived: true, counted: 1 });
  });
});
