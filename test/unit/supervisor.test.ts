/**
 * Issue 15: the restart loop behind `npm start`, on real child processes (a node that idles): a
 * child that dies is reported and started again with a growing delay; stop() ends it for good.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { killSupervisedNow, runningChild, supervise } from '../../runtime/supervisor.js';

function idleChild() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return Promise.resolve(runningChild(child, stop));
}

const alive = (pid: number | undefined) => {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
};

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('supervise', () => {
  it('restarts a child that dies, reports it, backs off, and stops for good', async () => {
    const lines: string[] = [];
    const s = await supervise({
      name: 'idler',
      start: idleChild,
      log: (l) => lines.push(l),
      initialDelayMs: 50,
    });
    const first = s.current()!.pid;
    expect(alive(first)).toBe(true);

    process.kill(first!, 'SIGKILL');
    await until(() => s.current() !== undefined && s.current()!.pid !== first);
    const second = s.current()!.pid;
    process.kill(second!, 'SIGKILL');
    await until(() => s.current() !== undefined && s.current()!.pid !== second);
    const third = s.current()!.pid;

    expect(lines).toEqual([
      `idler is up (pid ${first})`,
      'idler died (signal SIGKILL); restarting in 50 ms',
      `idler is up again (pid ${second})`,
      'idler died (signal SIGKILL); restarting in 100 ms',
      `idler is up again (pid ${third})`,
    ]);
    await s.stop();
    expect(alive(third)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(lines).toHaveLength(5);
  });

  it('kills what still runs when the supervising process exits', async () => {
    const s = await supervise({ name: 'orphan-to-be', start: idleChild, log: () => {} });
    const pid = s.current()!.pid;
    killSupervisedNow();
    await until(() => !alive(pid));
    await s.stop();
  });
});
