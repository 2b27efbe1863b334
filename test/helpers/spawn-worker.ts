import { spawn, type ChildProcess } from 'node:child_process';

export interface WorkerProcessOptions {
  appUrl: string;
  temporalAddress: string;
  taskQueue: string;
  /** The channels then send to these stand-ins (SMS, WhatsApp). */
  standInUrl?: string;
  maxCachedWorkflows?: number;
}

/**
 * Starts a worker in its own process (test/helpers/worker-process.ts), so a test can SIGKILL it
 * mid-flight and start another, and the soak can watch its memory apart from the API's.
 */
export function spawnWorkerProcess(opts: WorkerProcessOptions): Promise<ChildProcess> {
  // node itself (not the tsx wrapper, which would leave its child running on SIGKILL).
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/worker-process.ts'], {
    env: {
      ...process.env,
      ATLAS_APP_DB_URL: opts.appUrl,
      ATLAS_TEMPORAL_ADDRESS: opts.temporalAddress,
      ATLAS_TASK_QUEUE: opts.taskQueue,
      ...(opts.standInUrl ? { ATLAS_STAND_IN_URL: opts.standInUrl } : {}),
      ...(opts.maxCachedWorkflows ? { ATLAS_MAX_CACHED_WORKFLOWS: String(opts.maxCachedWorkflows) } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}
